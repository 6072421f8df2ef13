import {
  BufferTarget,
  EncodedAudioPacketSource,
  EncodedPacket,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  Output,
  StreamTarget,
  type StreamTargetChunk,
} from 'mediabunny'
import { isKeyFrame } from '../encode-protocol'
import { avccFullRange, normaliseAccessUnit, normaliseAvcc } from './avc-level'
import { garbageCollector } from './collect-garbage'
import { Inbox } from './credits'
import { StageClock } from './stage-clock'
import type { Ack, ComposedFrame, MuxRequest, MuxStart, WorkerReport } from './protocol'
import { SoundStream } from './sound-stream'

/**
 * Mux worker of the WebCodecs export: the browser's H.264 encoder (High profile, the level the
 * canvas and rate need, a keyframe every two seconds) and mediabunny's MP4 muxer with the index
 * at the front (faststart: space for it is reserved up front, so nothing is rewritten at the
 * end). The file is written as it is made to the origin's private file system, so a long export
 * never holds its MP4 in memory; where that is not available, to memory.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<MuxRequest>) => void) | null
  postMessage(message: WorkerReport): void
}
const scope = self as unknown as WorkerScope

/** Frames inside the encoder before the compositor is asked to wait. */
const MAX_ENCODER_QUEUE = 3
/** AAC: 1024 samples a packet at 48 kHz, and ffmpeg's priming packet, with room to spare. */
const aacPackets = (seconds: number) => Math.ceil((seconds * 48000) / 1024) + 16

scope.onmessage = (event) => {
  run(event.data).catch((error: unknown) => {
    scope.postMessage({
      type: 'failed',
      stage: 'encode',
      message: error instanceof Error ? error.message : String(error),
    })
  })
}

function memoryTarget() {
  const target = new BufferTarget()
  return {
    target,
    finish: async (): Promise<Blob> =>
      new Blob([target.buffer ?? new ArrayBuffer(0)], { type: 'video/mp4' }),
  }
}

async function openTarget(start: MuxStart) {
  if (start.target.kind === 'memory') return memoryTarget()
  try {
    return await fileTarget(start.target.name)
  } catch {
    // No private file system here (or no room): the MP4 is kept in memory instead.
    return memoryTarget()
  }
}

async function fileTarget(name: string) {
  const root = await navigator.storage.getDirectory()
  const folder = await root.getDirectoryHandle('export-work', { create: true })
  const handle = await folder.getFileHandle(name, { create: true })
  const access = await syncAccess(handle)
  access.truncate(0)
  const writable = new WritableStream<StreamTargetChunk>({
    write(chunk) {
      access.write(chunk.data, { at: chunk.position })
    },
  })
  return {
    target: new StreamTarget(writable),
    finish: async (): Promise<Blob> => {
      access.flush()
      access.close()
      return handle.getFile()
    },
  }
}

async function run(start: MuxStart): Promise<void> {
  const { fps, frames, composed } = start
  const clock = new StageClock(undefined, performance.timeOrigin - start.exportStart)
  const seconds = frames / fps
  const { target, finish } = await openTarget(start)
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'reserve' }), target })
  const video = new EncodedVideoPacketSource('avc')
  const sound = new EncodedAudioPacketSource('aac')
  output.addVideoTrack(video, { frameRate: fps, maximumPacketCount: frames })
  output.addAudioTrack(sound, { maximumPacketCount: aacPackets(seconds) })
  await output.start()

  // The sound arrives while it is made; the muxer writes nothing before it has a packet of
  // each track, so the first one comes as soon as ffmpeg has encoded it (sound-device.ts).
  const soundStream = new SoundStream(start.sound, seconds)
  let failure: Error | null = null
  let firstSound = true
  /** Sound up to `untilSec`, so the file interleaves sound and picture as it is written. */
  const addSound = async (untilSec: number) => {
    const config = soundStream.config
    for (const packet of soundStream.take(untilSec)) {
      await sound.add(packet, firstSound && config ? { decoderConfig: config } : undefined)
      firstSound = false
    }
  }

  let muxing: Promise<void> = Promise.resolve()
  let first = true
  const encoder = new VideoEncoder({
    output: (chunk, meta) => {
      const raw = new Uint8Array(chunk.byteLength)
      chunk.copyTo(raw)
      const data = normaliseAccessUnit(raw, start.levelIdc)
      const packet = new EncodedPacket(
        data,
        chunk.type,
        chunk.timestamp / 1e6,
        (chunk.duration ?? 1e6 / fps) / 1e6,
      )
      let extra: EncodedVideoChunkMetadata | undefined
      if (first && meta?.decoderConfig) {
        const config = meta.decoderConfig
        const description = config.description
          ? normaliseAvcc(copyBytes(config.description), start.levelIdc)
          : undefined
        // BT.709 whatever the encoder's config says (avc-sps.ts), in the range its SPS says:
        // the canvas path's RGBA frames and the plane path's come out full range (ffprobe: pc),
        // and the MP4's colour box must agree with the stream.
        extra = {
          decoderConfig: {
            ...config,
            ...(description ? { description } : {}),
            colorSpace: {
              primaries: 'bt709',
              transfer: 'bt709',
              matrix: 'bt709',
              fullRange: description ? avccFullRange(description) : false,
            },
          },
        }
        first = false
      }
      muxing = muxing.then(async () => {
        await video.add(packet, extra)
        await addSound(packet.timestamp + 0.5)
      })
      muxing.catch((error: unknown) => {
        failure ??= error instanceof Error ? error : new Error(String(error))
      })
    },
    error: (error) => {
      failure ??= error
    },
  })
  encoder.configure({
    codec: start.codec,
    width: start.width,
    height: start.height,
    bitrate: start.bitrate,
    bitrateMode: 'variable',
    framerate: fps,
    latencyMode: 'quality',
    avc: { format: 'avc' },
  })

  const inbox = new Inbox<ComposedFrame>()
  composed.onmessage = (event: MessageEvent<ComposedFrame>) => inbox.push(event.data)
  const ack: Ack = { type: 'ack' }
  const collect = garbageCollector()
  try {
    for (let n = 0; n < frames; n++) {
      const { picture, frame } = await clock.waiting('in', () => inbox.next())
      if (frame !== n) throw new Error(`frame ${frame} arrived for ${n}`)
      if (failure) throw failure
      encoder.encode(picture, { keyFrame: isKeyFrame(n, fps) })
      clock.handedFirst()
      picture.close()
      while (encoder.encodeQueueSize > MAX_ENCODER_QUEUE) {
        await new Promise((resolve) => encoder.addEventListener('dequeue', resolve, { once: true }))
      }
      composed.postMessage(ack)
      collect(n)
      if (n % 5 === 4) scope.postMessage({ type: 'progress', frames: n + 1 })
    }
    await encoder.flush()
    await muxing
    clock.mark('encoded')
    if (failure) throw failure
    await clock.waiting('in', soundStream.ended)
    clock.mark('sound')
    await addSound(Infinity)
    await output.finalize()
    const mp4 = await finish()
    // The encoder's own time (waiting for its queue to drain, the flush) counts as this stage's work.
    scope.postMessage({ type: 'stage', stage: 'encode', time: clock.time() })
    scope.postMessage({ type: 'done', mp4, frames })
  } finally {
    if (encoder.state !== 'closed') encoder.close()
  }
}

/** OPFS's synchronous file access (workers only; missing from TypeScript's DOM typings). */
interface SyncAccessHandle {
  write(buffer: Uint8Array, options: { at: number }): number
  truncate(size: number): void
  flush(): void
  close(): void
}

function syncAccess(handle: FileSystemFileHandle): Promise<SyncAccessHandle> {
  const withSync = handle as FileSystemFileHandle & {
    createSyncAccessHandle?: () => Promise<SyncAccessHandle>
  }
  if (typeof withSync.createSyncAccessHandle !== 'function') {
    throw new Error('this browser cannot write files from a worker')
  }
  return withSync.createSyncAccessHandle()
}

function copyBytes(source: AllowSharedBufferSource): Uint8Array {
  const view =
    source instanceof ArrayBuffer || source instanceof SharedArrayBuffer
      ? new Uint8Array(source)
      : new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
  return view.slice()
}
