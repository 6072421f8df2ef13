import { createHash } from 'node:crypto'

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/**
 * A UUIDv7 for a document the server derives from platform data: the timestamp is the time the
 * thing happened, the rest comes from a hash of (account, key). Reading the same platform data
 * twice names the same document, so a sync repeated after a crash rewrites instead of
 * duplicating, and two servers fed the same data write byte-identical documents.
 */
export function stableDocId(accountId: string, key: string, timeMs: number): string {
  const bytes = createHash('sha256').update(accountId).update('\u0000').update(key).digest()
  let ms = Math.min(Math.max(0, Math.floor(timeMs)), 2 ** 48 - 1)
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256
    ms = Math.floor(ms / 256)
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f)
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  let out = ''
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-'
    out += HEX[bytes[i] ?? 0]
  }
  return out
}
