import { describe, expect, it } from 'vitest'
import type { CoreFs, DeviceOps } from './core-types'
import { SoundDevice } from './sound-device'
import type { SoundChunk } from './worker-protocol'

/** The part of ffmpeg's file system a device uses, keeping what was registered. */
function fakeFs() {
  const devices = new Map<number, DeviceOps>()
  const nodes = new Map<string, number>()
  const fs = {
    makedev: (major: number, minor: number) => major * 256 + minor,
    registerDevice: (dev: number, ops: DeviceOps) => void devices.set(dev, ops),
    mkdev: (path: string, dev: number) => void nodes.set(path, dev),
  } as unknown as CoreFs
  const ops = (path: string) => devices.get(nodes.get(path) ?? -1)
  return { fs, ops }
}

async function received(port: MessagePort, count: number): Promise<SoundChunk[]> {
  const got: SoundChunk[] = []
  return new Promise((resolve) => {
    port.onmessage = (event: MessageEvent<SoundChunk>) => {
      got.push(event.data)
      if (got.length === count) resolve(got)
    }
  })
}

describe('SoundDevice', () => {
  it('sends the first write at once, later ones in batches, the rest and the end when told', async () => {
    const { fs, ops } = fakeFs()
    const device = new SoundDevice(fs, '/reeldesk/sound')
    const writes = ops('/reeldesk/sound')
    if (!writes) throw new Error('no device registered')
    const channel = new MessageChannel()
    device.attach(channel.port1)
    const chunks = received(channel.port2, 4)
    // ffmpeg's memory: writes are views into it, reused after each call.
    const heap = new Uint8Array(20_000)
    heap.fill(1, 0, 10)
    expect(writes.write({}, heap, 0, 10, 0)).toBe(10)
    heap.fill(2, 100, 10_100)
    writes.write({}, heap, 100, 10_000, 10)
    heap.fill(3, 0, 7000)
    writes.write({}, heap, 0, 7000, 10_010)
    heap.fill(4, 0, 5)
    writes.write({}, heap, 0, 5, 17_010)
    device.end()
    const [first, batch, rest, end] = await chunks
    expect(first).toEqual({ type: 'bytes', bytes: new Uint8Array(10).fill(1) })
    expect(batch?.type === 'bytes' && batch.bytes.length).toBe(17_000)
    expect(batch?.type === 'bytes' && [batch.bytes[0], batch.bytes[16_999]]).toEqual([2, 3])
    expect(rest).toEqual({ type: 'bytes', bytes: new Uint8Array(5).fill(4) })
    expect(end).toEqual({ type: 'end' })
    device.detach()
    channel.port2.close()
  })

  it('refuses writes with no stream attached', () => {
    const { fs, ops } = fakeFs()
    const device = new SoundDevice(fs, '/reeldesk/sound')
    expect(() => ops('/reeldesk/sound')?.write({}, new Uint8Array(4), 0, 4, 0)).toThrow(
      /no sound stream/,
    )
    device.detach()
  })
})
