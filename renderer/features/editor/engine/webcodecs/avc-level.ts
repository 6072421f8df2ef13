import { isFullRange, normaliseSps } from './avc-sps'

/**
 * Marks the encoder's H.264 stream as what it is (avc-sps.ts): BT.709, and the level its size
 * and rate need — encoders may write a lower level_idc than the codec string
 * asks for, and players (and platforms) refuse a 1080×1920 stream marked below 4.0. The SPS
 * lives in the avcC record (the MP4's decoder configuration) and, with some encoders, in band
 * at keyframes; both are rewritten.
 */

const SPS = 7

/** A new avcC (AVCDecoderConfigurationRecord) with its SPS normalised. */
export function normaliseAvcc(avcc: Uint8Array, levelIdc: number): Uint8Array {
  if (avcc.length < 7 || avcc[0] !== 1) throw new Error('not an avcC record')
  const parts: Uint8Array[] = [avcc.slice(0, 6)]
  const head = parts[0] ?? new Uint8Array(6)
  head[3] = levelIdc
  let at = 5
  const spsCount = (avcc[at] ?? 0) & 0x1f
  at++
  for (let i = 0; i < spsCount; i++) {
    const length = ((avcc[at] ?? 0) << 8) | (avcc[at + 1] ?? 0)
    at += 2
    if (length < 4 || at + length > avcc.length) throw new Error('truncated avcC record')
    const sps = normaliseSps(avcc.subarray(at, at + length), levelIdc)
    parts.push(new Uint8Array([sps.length >> 8, sps.length & 0xff]), sps)
    at += length
  }
  // The PPS list and any High-profile extension follow unchanged.
  parts.push(avcc.slice(at))
  return concat(parts)
}

/**
 * Whether an avcC record's (first) SPS says full range: the MP4's colour box must say what the
 * stream's VUI says, or players that read the box show full-range pictures with washed-out
 * blacks (or limited ones crushed).
 */
export function avccFullRange(avcc: Uint8Array): boolean {
  if (avcc.length < 8 || avcc[0] !== 1) throw new Error('not an avcC record')
  if (((avcc[5] ?? 0) & 0x1f) === 0) return false
  const length = ((avcc[6] ?? 0) << 8) | (avcc[7] ?? 0)
  if (8 + length > avcc.length) throw new Error('truncated avcC record')
  return isFullRange(avcc.subarray(8, 8 + length))
}

/** A length-prefixed (4-byte) access unit with any in-band SPS normalised (the same one if none). */
export function normaliseAccessUnit(data: Uint8Array, levelIdc: number): Uint8Array {
  const units: Uint8Array[] = []
  let changed = false
  let at = 0
  while (at + 4 <= data.length) {
    const length =
      (((data[at] ?? 0) << 24) |
        ((data[at + 1] ?? 0) << 16) |
        ((data[at + 2] ?? 0) << 8) |
        (data[at + 3] ?? 0)) >>>
      0
    const start = at + 4
    if (length === 0 || start + length > data.length) return data
    const nal = data.subarray(start, start + length)
    if (((nal[0] ?? 0) & 0x1f) === SPS) {
      units.push(normaliseSps(nal, levelIdc))
      changed = true
    } else {
      units.push(nal)
    }
    at = start + length
  }
  if (!changed) return data
  return concat(
    units.flatMap((nal) => [
      new Uint8Array([
        nal.length >>> 24,
        (nal.length >> 16) & 0xff,
        (nal.length >> 8) & 0xff,
        nal.length & 0xff,
      ]),
      nal,
    ]),
  )
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** "4.2" → 42. */
export function levelIdcOf(level: string): number {
  const idc = Math.round(Number(level) * 10)
  if (!Number.isInteger(idc) || idc <= 0 || idc > 0xff) throw new Error(`bad H.264 level ${level}`)
  return idc
}
