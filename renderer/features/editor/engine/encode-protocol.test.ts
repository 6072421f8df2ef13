import { describe, expect, it } from 'vitest'
import { avcCodecString, h264Bitrate, isKeyFrame } from './encode-protocol'

describe('encoder settings', () => {
  it('names High profile at the level, as avc1.64 00 LL', () => {
    expect(avcCodecString('4.0')).toBe('avc1.640028')
    expect(avcCodecString('4.2')).toBe('avc1.64002a')
    expect(avcCodecString('5.1')).toBe('avc1.640033')
    expect(() => avcCodecString('x')).toThrow(/bad H.264 level/)
  })

  it('gives about 8 Mbps to 1080×1920 at 30 fps, scaling with pixels and 1.5× at 60 fps', () => {
    expect(h264Bitrate(1080, 1920, 30)).toBe(8_087_040)
    expect(h264Bitrate(720, 1280, 30)).toBe(3_594_240)
    expect(h264Bitrate(1080, 1920, 60)).toBe(12_130_560)
  })

  it('puts a keyframe every two seconds', () => {
    expect([0, 59, 60, 120].map((i) => isKeyFrame(i, 30))).toEqual([true, false, true, true])
    expect([0, 60, 120].map((i) => isKeyFrame(i, 60))).toEqual([true, false, true])
  })
})
