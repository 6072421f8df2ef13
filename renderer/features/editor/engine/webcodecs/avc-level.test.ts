import { describe, expect, it } from 'vitest'
import { levelIdcOf, patchAccessUnitLevel, patchAvccLevel } from './avc-level'

// An avcC as Chromium's encoder writes it: High (100), level 3.1 (31), one SPS, one PPS.
const sps = [0x67, 100, 0x0c, 31, 0xac, 0x19]
const pps = [0x68, 0xee, 0x3c, 0x80]
const avcc = () =>
  new Uint8Array([1, 100, 0x0c, 31, 0xff, 0xe1, 0, sps.length, ...sps, 1, 0, pps.length, ...pps])

describe('patchAvccLevel', () => {
  it('sets AVCLevelIndication and the SPS level_idc, nothing else', () => {
    const before = avcc()
    const after = patchAvccLevel(avcc(), 40)
    expect(after[3]).toBe(40)
    expect(after[8 + 3]).toBe(40)
    const changed = [...after].flatMap((b, i) => (b === before[i] ? [] : [i]))
    expect(changed).toEqual([3, 11])
  })

  it('refuses what is not an avcC record, or a truncated one', () => {
    expect(() => patchAvccLevel(new Uint8Array([0, 1, 2, 3, 4, 5, 6]), 40)).toThrow(/not an avcC/)
    expect(() => patchAvccLevel(avcc().subarray(0, 10), 40)).toThrow(/truncated/)
  })
})

describe('patchAccessUnitLevel', () => {
  it('patches the SPS of a keyframe access unit and leaves slices alone', () => {
    const slice = [0x65, 0x88, 0x84, 0x00, 0x33]
    const unit = new Uint8Array([0, 0, 0, sps.length, ...sps, 0, 0, 0, slice.length, ...slice])
    patchAccessUnitLevel(unit, 42)
    expect(unit[4 + 3]).toBe(42)
    expect([...unit.subarray(4 + sps.length + 4)]).toEqual(slice)
  })

  it('stops at a length that runs past the end instead of writing out of bounds', () => {
    const unit = new Uint8Array([0, 0, 0, 99, 0x67, 100, 0, 31])
    patchAccessUnitLevel(unit, 40)
    expect(unit[7]).toBe(31)
  })
})

describe('levelIdcOf', () => {
  it('reads levels as ten times their value', () => {
    expect(levelIdcOf('4.0')).toBe(40)
    expect(levelIdcOf('4.2')).toBe(42)
    expect(() => levelIdcOf('x')).toThrow(/bad H.264 level/)
  })
})
