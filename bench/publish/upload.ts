import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import path from 'node:path'
import { UPLOAD_CHUNK_BYTES, UPLOAD_CHUNKS_IN_FLIGHT } from '../../shared/blobs/protocol'
import { sendChunks } from '../../shared/blobs/send-chunks'
import { blobClient } from '../../server/test-support/blob-client'

/** A file of `mb` MiB in memory (random, so nothing compresses or deduplicates it). */
export function makeFile(mb: number): Buffer {
  const out = Buffer.allocUnsafe(mb * 1024 * 1024)
  const block = randomBytes(1024 * 1024)
  for (let i = 0; i < mb; i += 1) block.copy(out, i * 1024 * 1024, 0)
  // Each MiB differs (a counter in its first bytes).
  for (let i = 0; i < mb; i += 1) out.writeUInt32LE(i, i * 1024 * 1024)
  return out
}

/**
 * The anchor: one plain HTTP PUT of the whole file on loopback to a bare node:http handler that
 * streams it to a file in the same data folder and fsyncs it (no chunks, no hash, no resume).
 */
export async function plainPut(file: Buffer, dir: string): Promise<number> {
  const target = path.join(dir, 'plain-put.bin')
  const server = createServer((req, res) => {
    const out = createWriteStream(target)
    req.pipe(out)
    out.on('finish', () => {
      void (async () => {
        const handle = await open(target, 'r')
        await handle.sync()
        await handle.close()
        res.end('ok')
      })()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const body = new Uint8Array(file)
  const started = performance.now()
  const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'PUT', body })
  await response.text()
  const ms = performance.now() - started
  server.close()
  await rm(target, { force: true })
  return ms
}

/**
 * The app's resumable upload of the same file to the sync server: start (with its SHA-256), PUT
 * chunks of UPLOAD_CHUNK_BYTES at their offsets, UPLOAD_CHUNKS_IN_FLIGHT on the wire at once (each
 * fsynced by the server before it is acknowledged, in order), complete (the server
 * hashes what it holds and compares). The client's own hashing is not timed: the app hashes while
 * importing, before an upload starts.
 */
export async function resumableUpload(
  url: string,
  token: string,
  workspaceId: string,
  file: Buffer,
): Promise<{ ms: number; verified: boolean }> {
  const blobs = blobClient(url, token, workspaceId)
  const sha = createHash('sha256').update(file).digest('hex')
  const started = performance.now()
  const begun = await blobs.start(file, { collection: 'media', accountId: null }, sha)
  if (begun.status >= 300) throw new Error(`upload refused: ${JSON.stringify(begun.body)}`)
  const upload = begun.body?.['upload'] as { uploadId: string } | undefined
  if (!upload) throw new Error('the server already holds this file (run with a fresh data folder)')
  // The app's chunk loop (renderer/transfers/transfer-queue.ts uses the same sendChunks).
  await sendChunks(
    {
      size: file.length,
      chunkBytes: UPLOAD_CHUNK_BYTES,
      inFlight: UPLOAD_CHUNKS_IN_FLIGHT,
      put: async (offset, end) => {
        const put = await blobs.put(upload.uploadId, offset, file.subarray(offset, end))
        if (put.status >= 300) throw new Error(`chunk refused: ${JSON.stringify(put.body)}`)
        return Number(put.body['received'])
      },
      resumeAt: () => null,
    },
    0,
  )
  const done = await blobs.complete(upload.uploadId)
  const ms = performance.now() - started
  return { ms, verified: done.status < 300 }
}
