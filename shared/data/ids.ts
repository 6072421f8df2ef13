/**
 * UUIDv7 ids (RFC 9562): a 48-bit millisecond timestamp, then randomness. Clients mint ids
 * offline, so they must never collide; the time prefix keeps B-tree inserts append-mostly and
 * lets ids sort in creation order. Canonical form is lowercase, so ids compare as plain strings.
 */

/** Canonical (lowercase) UUIDv7: version nibble 7, RFC variant bits 10. */
export const UUID_V7_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export const UUID_LENGTH = 36

/** Largest timestamp 48 bits hold (year 10889). */
const MAX_MS = 2 ** 48 - 1

export function isUuidV7(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7_PATTERN.test(value)
}

/** The creation time (epoch ms) encoded in a UUIDv7. */
export function uuidV7Timestamp(id: string): number {
  if (!isUuidV7(id)) throw new Error(`not a UUIDv7: ${id}`)
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)
}

export interface UuidV7Source {
  now(): number
  fillRandom(bytes: Uint8Array): void
}

const defaultSource: UuidV7Source = {
  now: () => Date.now(),
  fillRandom: (bytes) => {
    crypto.getRandomValues(bytes)
  },
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/**
 * A generator whose ids strictly increase within this process, even for several ids in the same
 * millisecond or when the wall clock steps back: the 12 `rand_a` bits act as a counter (RFC 9562
 * §6.2 method 1), seeded randomly with headroom, and the timestamp never goes backwards.
 */
export function createUuidV7Generator(source: UuidV7Source = defaultSource): () => string {
  let lastMs = -1
  let counter = 0
  const bytes = new Uint8Array(16)

  return () => {
    source.fillRandom(bytes)
    const now = Math.min(Math.max(0, Math.floor(source.now())), MAX_MS)
    if (now > lastMs) {
      lastMs = now
      // Start in the lower half so a burst in one millisecond rarely overflows the counter.
      counter = ((bytes[6] ?? 0) & 0x07) * 256 + (bytes[7] ?? 0)
    } else {
      counter += 1
      if (counter > 0xfff) {
        lastMs = Math.min(lastMs + 1, MAX_MS)
        counter = 0
      }
    }
    let ms = lastMs
    for (let i = 5; i >= 0; i -= 1) {
      bytes[i] = ms % 256
      ms = Math.floor(ms / 256)
    }
    bytes[6] = 0x70 | (counter >> 8)
    bytes[7] = counter & 0xff
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
    let out = ''
    for (let i = 0; i < 16; i += 1) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out += '-'
      out += HEX[bytes[i] ?? 0]
    }
    return out
  }
}

/** Mints a new document id. */
export const uuidv7: () => string = createUuidV7Generator()
