import { describe, expect, it } from 'vitest'
import type { SoundChunk } from '../worker-protocol'
import { SoundStream } from './sound-stream'

/** `n` ADTS frames of AAC-LC 48 kHz stereo, frame i carrying the byte i. */
function adts(n: number): Uint8Array {
  const bytes: number[] = []
  for (let i = 0; i < n; i++) {
    const length = 8
    bytes.push(
      0xff,
      0xf1,
      0x4c,
      0x80 | (length >> 11),
      (length >> 3) & 0xff,
      ((length & 7) << 5) | 0x1f,
      0xfc,
      i,
    )
  }
  return new Uint8Array(bytes)
}

function streamOf(seconds: number) {
  const channel = new MessageChannel()
  const stream = new SoundStream(channel.port2, seconds)
  const send = (chunk: SoundChunk) => channel.port1.postMessage(chunk)
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10))
  return { stream, send, settle, close: () => channel.port1.close() }
}

describe('SoundStream', () => {
  it('times packets like ffmpeg’s own M4A: a priming packet first, the last cut at the end', async () => {
    // 0.05 s at 48 kHz is 2400 samples: with 1024 of priming, four packets.
    const { stream, send, settle, close } = streamOf(0.05)
    send({ type: 'bytes', bytes: adts(2) })
    send({ type: 'bytes', bytes: adts(2).map((b, i) => (i % 8 === 7 ? b + 2 : b)) })
    send({ type: 'end' })
    await stream.ended
    await settle()
    const packets = stream.take(Infinity)
    expect(packets.map((p) => p.timestamp * 48000)).toEqual([-1024, 0, 1024, 2048])
    expect(packets.map((p) => Math.round(p.duration * 48000))).toEqual([1024, 1024, 1024, 352])
    expect(packets.map((p) => p.data[0])).toEqual([0, 1, 2, 3])
    expect(stream.config?.sampleRate).toBe(48000)
    close()
  })

  it('gives each packet once, up to the time asked, as they arrive', async () => {
    const { stream, send, settle, close } = streamOf(10)
    expect(stream.take(Infinity)).toEqual([])
    send({ type: 'bytes', bytes: adts(5) })
    await settle()
    expect(stream.take(0.03).map((p) => p.data[0])).toEqual([0, 1, 2])
    expect(stream.take(0.03)).toEqual([])
    expect(stream.take(Infinity).map((p) => p.data[0])).toEqual([3, 4])
    close()
  })

  it('drops packets wholly past the end', async () => {
    const { stream, send, settle, close } = streamOf(0.01)
    send({ type: 'bytes', bytes: adts(4) })
    send({ type: 'end' })
    await stream.ended
    await settle()
    expect(stream.take(Infinity).map((p) => p.timestamp * 48000)).toEqual([-1024, 0])
    close()
  })

  it('fails on a stream cut inside a frame, an empty one, or bytes that are not ADTS', async () => {
    const cut = streamOf(1)
    cut.send({ type: 'bytes', bytes: adts(2).slice(0, 12) })
    cut.send({ type: 'end' })
    await expect(cut.stream.ended).rejects.toThrow(/inside an AAC frame/)
    expect(() => cut.stream.take(Infinity)).toThrow(/inside an AAC frame/)
    cut.close()

    const empty = streamOf(1)
    empty.send({ type: 'end' })
    await expect(empty.stream.ended).rejects.toThrow(/no AAC packets/)
    empty.close()

    const junk = streamOf(1)
    junk.send({ type: 'bytes', bytes: new Uint8Array(16) })
    await expect(junk.stream.ended).rejects.toThrow(/not an ADTS frame/)
    junk.close()
  })
})
