/**
 * Marks an H.264 stream with the level its size and rate need. Encoders may write a lower
 * level_idc than the configured codec string says, and players (and platforms) refuse a
 * 1080×1920 stream marked below 4.0. level_idc is a whole byte at a fixed place: the avcC
 * record's AVCLevelIndication and byte 3 of every sequence parameter set (after the NAL
 * header, profile_idc and the constraint flags), so no bit-level rewriting is needed.
 */

const SPS = 7

/** Patches an avcC (AVCDecoderConfigurationRecord) in place; returns it. */
export function patchAvccLevel(avcc: Uint8Array, levelIdc: number): Uint8Array {
  if (avcc.length < 7 || avcc[0] !== 1) throw new Error('not an avcC record')
  avcc[3] = levelIdc
  let at = 5
  const spsCount = (avcc[at] ?? 0) & 0x1f
  at++
  for (let i = 0; i < spsCount; i++) {
    const length = ((avcc[at] ?? 0) << 8) | (avcc[at + 1] ?? 0)
    at += 2
    if (at + length > avcc.length || length < 4) throw new Error('truncated avcC record')
    avcc[at + 3] = levelIdc
    at += length
  }
  return avcc
}

/** Patches in-band SPS NAL units of a length-prefixed (4-byte) access unit in place. */
export function patchAccessUnitLevel(data: Uint8Array, levelIdc: number): void {
  let at = 0
  while (at + 4 <= data.length) {
    const length =
      (((data[at] ?? 0) << 24) |
        ((data[at + 1] ?? 0) << 16) |
        ((data[at + 2] ?? 0) << 8) |
        (data[at + 3] ?? 0)) >>>
      0
    const start = at + 4
    if (length === 0 || start + length > data.length) return
    if (((data[start] ?? 0) & 0x1f) === SPS && length >= 4) data[start + 3] = levelIdc
    at = start + length
  }
}

/** "4.2" → 42. */
export function levelIdcOf(level: string): number {
  const idc = Math.round(Number(level) * 10)
  if (!Number.isInteger(idc) || idc <= 0 || idc > 0xff) throw new Error(`bad H.264 level ${level}`)
  return idc
}
