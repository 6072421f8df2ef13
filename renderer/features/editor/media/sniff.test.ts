import { describe, expect, it } from 'vitest'
import { sniffImage } from './sniff'

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  )

describe('sniffImage', () => {
  it('recognises PNG, JPEG and WebP signatures', () => {
    expect(sniffImage(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0]))).toBe('png')
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg')
    expect(sniffImage(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('webp')
  })

  it('does not mistake other RIFF files, MP4s, text or short input for images', () => {
    expect(sniffImage(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '))).toBeNull()
    expect(sniffImage(bytes([0, 0, 0, 0x20], 'ftypisom'))).toBeNull()
    expect(sniffImage(bytes('hello, world'))).toBeNull()
    expect(sniffImage(new Uint8Array([0x89]))).toBeNull()
  })
})
