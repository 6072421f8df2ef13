/**
 * Rewrites the signal description of an H.264 sequence parameter set. Chromium's encoder, fed
 * RGBA canvas frames, converts them to full-range BT.709 Y'CbCr and says so, but marks the
 * transfer as sRGB (transfer_characteristics = 13): the canvas holds the decoded video's own
 * R'G'B' values (no transfer conversion happens on the way), so the honest description is
 * BT.709's transfer, as the sources and ffmpeg's output have. The range flag is checked, not
 * changed: players and comparisons convert full-range video by it. Fields are found by parsing
 * the SPS up to its VUI and rewritten in place (the RBSP keeps its length); the NAL unit is
 * re-escaped, which may change its length by a byte. The level_idc is set on the way.
 */

/** Removes emulation prevention bytes (00 00 03 → 00 00). */
export function unescapeRbsp(nal: Uint8Array): Uint8Array {
  const out: number[] = []
  let zeros = 0
  for (const byte of nal) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0
      continue
    }
    out.push(byte)
    zeros = byte === 0 ? zeros + 1 : 0
  }
  return Uint8Array.from(out)
}

/** Inserts emulation prevention bytes where 00 00 is followed by 00–03. */
export function escapeRbsp(rbsp: Uint8Array): Uint8Array {
  const out: number[] = []
  let zeros = 0
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3)
      zeros = 0
    }
    out.push(byte)
    zeros = byte === 0 ? zeros + 1 : 0
  }
  return Uint8Array.from(out)
}

class BitReader {
  pos = 0
  constructor(private readonly data: Uint8Array) {}
  u(bits: number): number {
    let value = 0
    for (let i = 0; i < bits; i++) {
      const byte = this.data[this.pos >> 3]
      if (byte === undefined) throw new Error('the SPS ends early')
      value = value * 2 + ((byte >> (7 - (this.pos & 7))) & 1)
      this.pos++
    }
    return value
  }
  ue(): number {
    let zeros = 0
    while (this.u(1) === 0) {
      zeros++
      if (zeros > 31) throw new Error('bad exp-Golomb code in the SPS')
    }
    return 2 ** zeros - 1 + this.u(zeros)
  }
  se(): number {
    const k = this.ue()
    return k % 2 === 1 ? (k + 1) / 2 : -k / 2
  }
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135])

/** Bit positions (in the RBSP) of the VUI fields we rewrite; null where absent. */
export interface SignalFields {
  readonly fullRangeBit: number | null
  readonly transferBit: number | null
}

export function findSignalFields(rbsp: Uint8Array): SignalFields {
  const r = new BitReader(rbsp)
  r.u(8) // NAL header
  const profile = r.u(8)
  r.u(16) // constraint flags, level_idc
  r.ue() // seq_parameter_set_id
  if (HIGH_PROFILES.has(profile)) {
    const chroma = r.ue()
    if (chroma === 3) r.u(1)
    r.ue()
    r.ue()
    r.u(1)
    if (r.u(1)) {
      for (let i = 0; i < (chroma === 3 ? 12 : 8); i++) {
        if (!r.u(1)) continue
        let last = 8
        let next = 8
        for (let j = 0; j < (i < 6 ? 16 : 64); j++) {
          if (next !== 0) next = (last + r.se() + 256) % 256
          last = next === 0 ? last : next
        }
      }
    }
  }
  r.ue() // log2_max_frame_num_minus4
  const pocType = r.ue()
  if (pocType === 0) r.ue()
  else if (pocType === 1) {
    r.u(1)
    r.se()
    r.se()
    const cycle = r.ue()
    for (let i = 0; i < cycle; i++) r.se()
  }
  r.ue() // max_num_ref_frames
  r.u(1)
  r.ue() // width in macroblocks
  r.ue() // height in map units
  if (!r.u(1)) r.u(1) // frame_mbs_only_flag, mb_adaptive_frame_field_flag
  r.u(1) // direct_8x8_inference_flag
  if (r.u(1)) {
    r.ue()
    r.ue()
    r.ue()
    r.ue()
  }
  const none: SignalFields = { fullRangeBit: null, transferBit: null }
  if (!r.u(1)) return none // no VUI
  if (r.u(1) && r.u(8) === 255) r.u(32) // aspect ratio, extended SAR
  if (r.u(1)) r.u(1) // overscan
  if (!r.u(1)) return none // no video signal type
  r.u(3) // video_format
  const fullRangeBit = r.pos
  r.u(1)
  if (!r.u(1)) return { fullRangeBit, transferBit: null }
  r.u(8) // colour_primaries
  return { fullRangeBit, transferBit: r.pos }
}

function writeBits(data: Uint8Array, pos: number, bits: number, value: number): void {
  for (let i = 0; i < bits; i++) {
    const bit = (value >> (bits - 1 - i)) & 1
    const at = pos + i
    const index = at >> 3
    const mask = 1 << (7 - (at & 7))
    data[index] = bit ? (data[index] ?? 0) | mask : (data[index] ?? 0) & ~mask
  }
}

/** BT.709's transfer characteristics (what untagged HD video is taken to be). */
const TRANSFER_BT709 = 1

/** The SPS NAL unit marked with BT.709's transfer and `levelIdc`. */
export function normaliseSps(nal: Uint8Array, levelIdc: number): Uint8Array {
  const rbsp = unescapeRbsp(nal)
  if (rbsp.length < 4) throw new Error('the SPS is too short')
  rbsp[3] = levelIdc
  const fields = findSignalFields(rbsp)
  if (fields.transferBit !== null) writeBits(rbsp, fields.transferBit, 8, TRANSFER_BT709)
  return escapeRbsp(rbsp)
}

/** Whether the SPS says full range (video_full_range_flag); false when it says nothing. */
export function isFullRange(nal: Uint8Array): boolean {
  const rbsp = unescapeRbsp(nal)
  const { fullRangeBit } = findSignalFields(rbsp)
  if (fullRangeBit === null) return false
  return (((rbsp[fullRangeBit >> 3] ?? 0) >> (7 - (fullRangeBit & 7))) & 1) === 1
}
