import { createSHA256 } from 'hash-wasm'

/** Read and hashed this much at a time: memory stays flat for a 2 GiB original. */
const SLICE_BYTES = 8 * 1024 * 1024

/**
 * SHA-256 (lowercase hex) of a file, streamed (WebCrypto can only hash a whole buffer). Reports
 * bytes hashed so the queue can show progress, and yields between slices so the page stays
 * responsive while a large file is read.
 */
export async function sha256OfBlob(
  blob: Blob,
  onProgress?: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const hasher = await createSHA256()
  hasher.init()
  for (let offset = 0; offset < blob.size; offset += SLICE_BYTES) {
    signal?.throwIfAborted()
    const slice = new Uint8Array(await blob.slice(offset, offset + SLICE_BYTES).arrayBuffer())
    hasher.update(slice)
    onProgress?.(Math.min(blob.size, offset + SLICE_BYTES))
  }
  signal?.throwIfAborted()
  return hasher.digest('hex')
}
