import { createHash, type Hash } from 'node:crypto'
import { createReadStream, type ReadStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat, statfs, utimes } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'

/**
 * Where blob bytes live: a small interface, so an S3-compatible store can replace the data
 * folder when one server is not enough (DESIGN §5). Objects are immutable and named by their
 * SHA-256; uploads are partial files appended in place until complete.
 */
export interface BlobStore {
  /** Size of the stored object, or null when absent. */
  objectSize(hash: string): Promise<number | null>
  /** Reads an object (or the byte range [start, end], inclusive). */
  readObject(hash: string, range?: { start: number; end: number }): ReadStream
  /**
   * Makes the finished upload `uploadId` the object `hash`: fsynced and renamed into place, so
   * an object is either whole or absent. Replaces a leftover file of the same name.
   */
  promoteUpload(uploadId: string, hash: string): Promise<void>
  removeObject(hash: string): Promise<void>
  /** Objects on disk with their modification times, for the orphan sweep. */
  listObjects(): Promise<{ hash: string; mtimeMs: number }[]>

  /** Creates (or truncates to `length`) the partial file of an upload. */
  prepareUpload(uploadId: string, length: number): Promise<void>
  /**
   * Writes `body` at `offset` of the partial file (cut there first), at most `limit` bytes.
   * Returns the bytes written; more than `limit` is an error (the file is cut back to
   * `offset`). Not yet durable: `syncUpload` makes it so.
   */
  appendUpload(uploadId: string, offset: number, body: Readable, limit: number): Promise<number>
  /** fdatasync of the partial file: every byte written to it so far is durable after this. */
  syncUpload(uploadId: string): Promise<void>
  /** SHA-256 (hex) of the first `length` bytes of the partial file. */
  hashUpload(uploadId: string, length: number): Promise<string>
  removeUpload(uploadId: string): Promise<void>
  /** Free bytes on the store's disk, or null when unknown. */
  freeBytes(): Promise<number | null>
}

export class ChunkTooBigError extends Error {
  constructor(readonly limit: number) {
    super(`a chunk may carry at most ${limit} bytes here`)
    this.name = 'ChunkTooBigError'
  }
}

const HASH = /^[0-9a-f]{64}$/
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,64}$/

function checkHash(hash: string): string {
  if (!HASH.test(hash)) throw new Error('not a SHA-256 hex digest')
  return hash
}

function checkUploadId(id: string): string {
  if (!UPLOAD_ID.test(id)) throw new Error('not an upload id')
  return id
}

/** Objects at `<root>/objects/ab/<hash>`, uploads at `<root>/uploads/<id>.part`. */
/** Uploads whose running SHA-256 is kept at once (the oldest is forgotten beyond this). */
const RUNNING_HASHES_MAX = 256

export function createFsBlobStore(root: string): BlobStore {
  // The SHA-256 of each upload's bytes so far, extended as in-order chunks arrive, so completing
  // an upload does not read the whole file back. Memory only: after a restart the first
  // completion re-reads the file (hashUpload).
  const hashes = new Map<string, { hash: Hash; offset: number }>()
  const remember = (uploadId: string, state: { hash: Hash; offset: number }) => {
    hashes.delete(uploadId)
    hashes.set(uploadId, state)
    if (hashes.size > RUNNING_HASHES_MAX) {
      const oldest = hashes.keys().next().value
      if (oldest !== undefined) hashes.delete(oldest)
    }
  }
  const objects = path.join(root, 'objects')
  const uploads = path.join(root, 'uploads')
  const objectPath = (hash: string) => path.join(objects, checkHash(hash).slice(0, 2), hash)
  const uploadPath = (id: string) => path.join(uploads, `${checkUploadId(id)}.part`)

  return {
    async objectSize(hash) {
      try {
        return (await stat(objectPath(hash))).size
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },

    readObject(hash, range) {
      return createReadStream(objectPath(hash), range ? { start: range.start, end: range.end } : {})
    },

    async promoteUpload(uploadId, hash) {
      hashes.delete(uploadId)
      const from = uploadPath(uploadId)
      const to = objectPath(hash)
      await mkdir(path.dirname(to), { recursive: true })
      // A fresh mtime: the orphan sweep leaves young files alone while their row is written.
      const touched = new Date()
      await utimes(from, touched, touched)
      const handle = await open(from, 'r+')
      try {
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(from, to)
      // The rename is durable only once the directory entry is.
      const dir = await open(path.dirname(to), 'r')
      try {
        await dir.sync()
      } finally {
        await dir.close()
      }
    },

    async removeObject(hash) {
      await rm(objectPath(hash), { force: true })
    },

    async listObjects() {
      const found: { hash: string; mtimeMs: number }[] = []
      let shards: string[]
      try {
        shards = await readdir(objects)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return found
        throw error
      }
      for (const shard of shards) {
        for (const name of await readdir(path.join(objects, shard)).catch(() => [])) {
          if (!HASH.test(name)) continue
          const info = await stat(path.join(objects, shard, name)).catch(() => null)
          if (info) found.push({ hash: name, mtimeMs: info.mtimeMs })
        }
      }
      return found
    },

    async prepareUpload(uploadId, length) {
      await mkdir(uploads, { recursive: true })
      const handle = await open(uploadPath(uploadId), 'a+')
      try {
        // Bytes past the last durable offset may be a half-written chunk from a crash.
        await handle.truncate(length)
        await handle.sync()
      } finally {
        await handle.close()
      }
    },

    async appendUpload(uploadId, offset, body, limit) {
      const handle = await open(uploadPath(uploadId), 'r+')
      let written = 0
      // In-order chunks extend the running SHA-256 (a copy, kept only once the chunk is written;
      // forgotten when its sync fails).
      const running = hashes.get(uploadId)
      const hash =
        running?.offset === offset
          ? running.hash.copy()
          : offset === 0
            ? createHash('sha256')
            : null
      try {
        await handle.truncate(offset)
        for await (const chunk of body) {
          const bytes = chunk as Buffer
          if (written + bytes.length > limit) throw new ChunkTooBigError(limit)
          const at = offset + written
          const write = (async () => {
            let done = 0
            while (done < bytes.length) {
              const { bytesWritten } = await handle.write(
                bytes,
                done,
                bytes.length - done,
                at + done,
              )
              done += bytesWritten
            }
          })()
          // The write runs on libuv's thread pool; hashing the same bytes meanwhile on this
          // thread overlaps the two instead of paying for them one after the other.
          hash?.update(bytes)
          await write
          written += bytes.length
        }
        if (hash) remember(uploadId, { hash, offset: offset + written })
        else hashes.delete(uploadId)
        return written
      } catch (error) {
        await handle.truncate(offset).catch(() => undefined)
        throw error
      } finally {
        await handle.close()
      }
    },

    async syncUpload(uploadId) {
      const handle = await open(uploadPath(uploadId), 'r+')
      try {
        // fdatasync: the bytes and the file's new size are durable before the ack (what a crash
        // needs), without also flushing timestamps as fsync does.
        await handle.datasync()
      } catch (error) {
        hashes.delete(uploadId)
        throw error
      } finally {
        await handle.close()
      }
    },

    async hashUpload(uploadId, length) {
      const running = hashes.get(uploadId)
      if (running?.offset === length) return running.hash.copy().digest('hex')
      // State unknown (a restart, chunks out of order): hash what the file holds.
      const hash = createHash('sha256')
      if (length > 0) {
        for await (const chunk of createReadStream(uploadPath(uploadId), {
          start: 0,
          end: length - 1,
        })) {
          hash.update(chunk as Buffer)
        }
      }
      return hash.digest('hex')
    },

    async removeUpload(uploadId) {
      hashes.delete(uploadId)
      await rm(uploadPath(uploadId), { force: true })
    },

    async freeBytes() {
      await mkdir(root, { recursive: true })
      const info = await statfs(root).catch(() => null)
      return info ? info.bavail * info.bsize : null
    },
  }
}
