import { describe, expect, it } from 'vitest'
import { AdtsError, AdtsReader } from './adts'

/** One ADTS frame: AAC-LC (object type 2), 48 kHz (index 3), stereo, no CRC, `payload`. */
function frame(payload: number[], { rateIndex = 3, channels = 2, crc = false } = {}): number[] {
  const headerLength = crc ? 9 : 7
  const length = headerLength + payload.length
  const header = [
    0xff,
    0xf0 | (crc ? 0 : 1),
    (1 << 6) | (rateIndex << 2) | (channels >> 2),
    ((channels & 3) << 6) | ((length >> 11) & 3),
    (length >> 3) & 0xff,
    ((length & 7) << 5) | 0x1f,
    0xfc,
  ]
  return [...header, ...(crc ? [0xab, 0xcd] : []), ...payload]
}

describe('AdtsReader', () => {
  it('reads each frame’s packet and the AudioSpecificConfig an MP4 stores', () => {
    const reader = new AdtsReader()
    const frames = reader.push(new Uint8Array([...frame([1, 2, 3]), ...frame([4, 5])]))
    expect(frames.map((f) => [...f.data])).toEqual([
      [1, 2, 3],
      [4, 5],
    ])
    // AAC-LC, 48 kHz, stereo: 0x11 0x90, what ffmpeg's own .m4a says.
    expect(frames[0]?.config).toEqual({
      codec: 'mp4a.40.2',
      sampleRate: 48000,
      numberOfChannels: 2,
      description: new Uint8Array([0x11, 0x90]),
    })
    expect(reader.complete).toBe(true)
  })

  it('joins frames cut anywhere between pieces, one byte at a time too', () => {
    const stream = [...frame([9, 8, 7, 6]), ...frame([5]), ...frame([4, 3], { crc: true })]
    const reader = new AdtsReader()
    const packets: number[][] = []
    for (const byte of stream) {
      for (const f of reader.push(new Uint8Array([byte]))) packets.push([...f.data])
    }
    expect(packets).toEqual([[9, 8, 7, 6], [5], [4, 3]])
    expect(reader.complete).toBe(true)
  })

  it('keeps an unfinished frame pending rather than returning part of it', () => {
    const reader = new AdtsReader()
    const whole = frame([1, 2, 3, 4])
    expect(reader.push(new Uint8Array(whole.slice(0, 9)))).toEqual([])
    expect(reader.complete).toBe(false)
    expect(reader.push(new Uint8Array(whole.slice(9))).map((f) => [...f.data])).toEqual([
      [1, 2, 3, 4],
    ])
  })

  it('gives the rate and channels of other layouts', () => {
    const [f] = new AdtsReader().push(new Uint8Array(frame([0], { rateIndex: 4, channels: 1 })))
    expect(f?.config.sampleRate).toBe(44100)
    expect(f?.config.numberOfChannels).toBe(1)
    expect([...(f?.config.description ?? [])]).toEqual([0x12, 0x08])
  })

  it('refuses bytes that are not ADTS, a reserved rate and a zero length', () => {
    expect(() => new AdtsReader().push(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]))).toThrow(AdtsError)
    expect(() => new AdtsReader().push(new Uint8Array(frame([1], { rateIndex: 13 })))).toThrow(
      /rate index 13/,
    )
    expect(() => new AdtsReader().push(new Uint8Array(frame([1], { channels: 0 })))).toThrow(
      /channel/,
    )
    const bad = frame([1])
    bad[3] = (bad[3] ?? 0) & 0xfc
    bad[4] = 0
    bad[5] = (bad[5] ?? 0) & 0x1f
    expect(() => new AdtsReader().push(new Uint8Array(bad))).toThrow(/frame of 0 bytes/)
  })
})
