import { describe, expect, it } from 'vitest'
import { avccFullRange, levelIdcOf, normaliseAccessUnit, normaliseAvcc } from './avc-level'
import { escapeRbsp, findSignalFields, isFullRange, unescapeRbsp } from './avc-sps'

/**
 * The avcC Chromium 156's encoder wrote for a 1080×1920 canvas (High, level 4.0): its SPS says
 * full range (which its pixels are) and the sRGB transfer (which they are not).
 */
const CHROMIUM_AVCC = Uint8Array.from([
  1, 100, 12, 40, 255, 225, 0, 21, 103, 100, 12, 40, 172, 25, 26, 128, 68, 3, 199, 151, 155, 128,
  134, 128, 131, 194, 33, 26, 128, 1, 0, 4, 104, 206, 60, 128, 253, 248, 248, 0,
])
const spsOf = (avcc: Uint8Array) => avcc.subarray(8, 8 + (((avcc[6] ?? 0) << 8) | (avcc[7] ?? 0)))

function readBits(data: Uint8Array, pos: number, bits: number): number {
  let value = 0
  for (let i = 0; i < bits; i++) {
    value = value * 2 + (((data[(pos + i) >> 3] ?? 0) >> (7 - ((pos + i) & 7))) & 1)
  }
  return value
}

describe('the SPS signal fields', () => {
  it('finds full range and the sRGB transfer in the encoder’s SPS', () => {
    const rbsp = unescapeRbsp(spsOf(CHROMIUM_AVCC))
    const fields = findSignalFields(rbsp)
    expect(fields.fullRangeBit).not.toBeNull()
    expect(readBits(rbsp, fields.fullRangeBit ?? 0, 1)).toBe(1)
    expect(readBits(rbsp, fields.transferBit ?? 0, 8)).toBe(13)
  })

  it('marks BT.709’s transfer and the level asked for, and keeps the range', () => {
    const fixed = normaliseAvcc(CHROMIUM_AVCC, 42)
    expect(fixed[3]).toBe(42)
    const rbsp = unescapeRbsp(spsOf(fixed))
    expect(rbsp[3]).toBe(42)
    const fields = findSignalFields(rbsp)
    expect(readBits(rbsp, fields.fullRangeBit ?? 0, 1)).toBe(1)
    expect(isFullRange(spsOf(fixed))).toBe(true)
    expect(readBits(rbsp, fields.transferBit ?? 0, 8)).toBe(1)
    // Everything after the SPS (the PPS and the High-profile extension) is untouched.
    expect([...fixed.subarray(8 + spsOf(fixed).length)]).toEqual([
      ...CHROMIUM_AVCC.subarray(8 + spsOf(CHROMIUM_AVCC).length),
    ])
  })

  it("reads the range an avcC record's SPS says, for the MP4's colour box", () => {
    expect(avccFullRange(CHROMIUM_AVCC)).toBe(true)
    // The same SPS with video_full_range_flag cleared.
    const limited = CHROMIUM_AVCC.slice()
    const rbsp = unescapeRbsp(spsOf(limited))
    const bit = findSignalFields(rbsp).fullRangeBit ?? 0
    rbsp[bit >> 3] = (rbsp[bit >> 3] ?? 0) & ~(1 << (7 - (bit & 7)))
    const escaped = escapeRbsp(rbsp)
    expect(escaped.length).toBe(spsOf(limited).length)
    limited.set(escaped, 8)
    expect(avccFullRange(limited)).toBe(false)
    expect(() => avccFullRange(Uint8Array.from([0, 1, 2]))).toThrow(/not an avcC/)
  })

  it('rewrites an in-band SPS in an access unit and leaves the slices as they were', () => {
    const sps = spsOf(CHROMIUM_AVCC)
    const slice = [0x65, 0x88, 0x84, 0x00, 0x33]
    const unit = Uint8Array.from([0, 0, 0, sps.length, ...sps, 0, 0, 0, slice.length, ...slice])
    const fixed = normaliseAccessUnit(unit, 40)
    expect(fixed).not.toBe(unit)
    expect([...fixed.subarray(fixed.length - slice.length)]).toEqual(slice)
    const noSps = Uint8Array.from([0, 0, 0, slice.length, ...slice])
    expect(normaliseAccessUnit(noSps, 40)).toBe(noSps)
  })

  it('refuses what is not an avcC record, or a truncated one', () => {
    expect(() => normaliseAvcc(Uint8Array.from([0, 1, 2, 3, 4, 5, 6]), 40)).toThrow(/not an avcC/)
    expect(() => normaliseAvcc(CHROMIUM_AVCC.subarray(0, 12), 40)).toThrow(/truncated/)
  })
})

describe('emulation prevention', () => {
  it('round-trips, escaping 00 00 0x and unescaping 00 00 03', () => {
    const rbsp = Uint8Array.from([0x67, 0, 0, 1, 0, 0, 3, 0, 0, 0])
    const escaped = escapeRbsp(rbsp)
    expect([...escaped]).toEqual([0x67, 0, 0, 3, 1, 0, 0, 3, 3, 0, 0, 3, 0])
    expect([...unescapeRbsp(escaped)]).toEqual([...rbsp])
  })
})

describe('levelIdcOf', () => {
  it('reads levels as ten times their value', () => {
    expect(levelIdcOf('4.0')).toBe(40)
    expect(levelIdcOf('4.2')).toBe(42)
    expect(() => levelIdcOf('x')).toThrow(/bad H.264 level/)
  })
})
