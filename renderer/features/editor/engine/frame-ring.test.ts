import { describe, expect, it } from 'vitest'
import {
  createFrameRing,
  FrameRingFailed,
  FrameRingReader,
  FrameRingWriter,
  i420Bytes,
} from './frame-ring'

const frame = (value: number, size: number) => new Uint8Array(size).fill(value)

describe('frame ring', () => {
  it('cuts pieces of any size into whole frames, in order, across the slots', async () => {
    const ring = createFrameRing(10, 3)
    const writer = new FrameRingWriter(ring)
    const reader = new FrameRingReader(ring)
    const seen: number[][] = []
    // 7 frames written in uneven pieces (each at most one frame, so the 3 slots never fill up
    // while this one thread is the writer), read as soon as they are whole.
    const bytes = new Uint8Array(70).map((_, i) => Math.floor(i / 10) + 1)
    let at = 0
    for (const size of [3, 7, 10, 4, 6, 1, 9, 10, 10, 10]) {
      writer.write(bytes.subarray(at, at + size))
      at += size
      while (seen.length < writer.framesWritten) {
        seen.push([...((await reader.next()) ?? [])])
        reader.release()
      }
    }
    expect(at).toBe(70)
    writer.end()
    expect(await reader.next()).toBeNull()
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7].map((v) => [...frame(v, 10)]))
  })

  it('blocks the writer while every slot is full, until the reader hands one back', async () => {
    const ring = createFrameRing(4, 2)
    const reader = new FrameRingReader(ring)
    let waits = 0
    const writer = new FrameRingWriter(ring, () => {
      waits++
      reader.release()
    })
    writer.write(frame(1, 4))
    writer.write(frame(2, 4))
    expect(waits).toBe(0)
    const first = await reader.next()
    expect([...(first ?? [])]).toEqual([1, 1, 1, 1])
    writer.write(frame(3, 4)) // both slots full: waits until frame 1 is released
    expect(waits).toBe(1)
    expect([...((await reader.next()) ?? [])]).toEqual([2, 2, 2, 2])
    reader.release()
    expect([...((await reader.next()) ?? [])]).toEqual([3, 3, 3, 3])
  })

  it('a failed encoder stops a blocked writer instead of leaving it waiting', async () => {
    const ring = createFrameRing(4, 1)
    const reader = new FrameRingReader(ring)
    const writer = new FrameRingWriter(ring, () => reader.fail())
    writer.write(frame(1, 4))
    expect(() => writer.write(frame(2, 4))).toThrow(FrameRingFailed)
    await expect(reader.next()).rejects.toThrow(FrameRingFailed)
  })

  it('an incomplete last frame fails both sides', async () => {
    const ring = createFrameRing(4, 2)
    const writer = new FrameRingWriter(ring)
    const reader = new FrameRingReader(ring)
    writer.write(frame(1, 6))
    expect(() => writer.end()).toThrow(/last frame is incomplete \(2 of 4 bytes\)/)
    await expect(reader.next()).rejects.toThrow(FrameRingFailed)
  })

  it('a reader waiting for a frame wakes when it is written', async () => {
    const ring = createFrameRing(2, 2)
    const writer = new FrameRingWriter(ring)
    const reader = new FrameRingReader(ring)
    const pending = reader.next()
    setTimeout(() => writer.write(frame(9, 2)), 20)
    expect([...((await pending) ?? [])]).toEqual([9, 9])
  })

  it('sizes I420 frames with rounded-up chroma', () => {
    expect(i420Bytes(1080, 1920)).toBe(1080 * 1920 * 1.5)
    expect(i420Bytes(3, 3)).toBe(9 + 2 * 4)
    expect(() => createFrameRing(0)).toThrow()
  })
})
