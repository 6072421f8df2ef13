/**
 * The part of HTTP Range (RFC 9110 §14) that media playback uses: one byte range, in any of its
 * three forms (`a-b`, `a-`, `-n`). Video elements and mediabunny read files this way.
 */
export type RangeAnswer =
  /** No range asked for, or one we may ignore (another unit, several ranges): send it all. */
  | { kind: 'full' }
  /** Inclusive byte positions, as Content-Range writes them. */
  | { kind: 'partial'; start: number; end: number }
  /** 416: a malformed bytes range, or one that starts past the end. */
  | { kind: 'unsatisfiable' }

const BYTES_RANGE = /^bytes=(\d*)-(\d*)$/

function position(digits: string): number | null {
  if (digits === '') return null
  const value = Number(digits)
  return Number.isSafeInteger(value) ? value : Number.MAX_SAFE_INTEGER
}

export function parseRange(header: string | null, size: number): RangeAnswer {
  if (header === null) return { kind: 'full' }
  const value = header.replace(/\s+/g, '')
  // Other units must be ignored; several ranges would need multipart replies, which players
  // never ask for, and a server may answer them with the whole file (RFC 9110 §14.2).
  if (!value.toLowerCase().startsWith('bytes=')) return { kind: 'full' }
  if (value.includes(',')) return { kind: 'full' }
  const match = BYTES_RANGE.exec(`bytes=${value.slice('bytes='.length)}`)
  if (!match) return { kind: 'unsatisfiable' }
  const first = position(match[1] ?? '')
  const last = position(match[2] ?? '')
  if (first === null) {
    // Suffix range: the last `last` bytes.
    if (last === null || last === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', start: Math.max(0, size - last), end: size - 1 }
  }
  if (first >= size) return { kind: 'unsatisfiable' }
  if (last === null) return { kind: 'partial', start: first, end: size - 1 }
  if (last < first) return { kind: 'unsatisfiable' }
  return { kind: 'partial', start: first, end: Math.min(last, size - 1) }
}
