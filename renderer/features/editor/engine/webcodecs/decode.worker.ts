import {
  ALL_FORMATS,
  BlobSource,
  Input,
  VideoSampleSink,
  type InputVideoTrack,
  type VideoSample,
} from 'mediabunny'
import { planFrame } from '../../preview/frame-plan'
import { garbageCollector } from './collect-garbage'
import { Credits } from './credits'
import { StageClock } from './stage-clock'
import {
  layerKey,
  type DecodeStart,
  type DecodedFrame,
  type DecodedLayer,
  type WorkerReport,
} from './protocol'

/**
 * Decode worker of the WebCodecs export: for each output frame, the source frame of every clip
 * layer, decoded by the browser (mediabunny demuxes, WebCodecs decodes) and handed to the
 * compose worker as a transferred VideoFrame — no pixel copy. Each clip reads its own frames
 * in order (samplesAtTimestamps decodes every packet once) and its decoder closes with its last
 * frame; at most `credits` frames wait in the compositor's queue.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<DecodeStart>) => void) | null
  postMessage(message: WorkerReport): void
}
const scope = self as unknown as WorkerScope

scope.onmessage = (event) => {
  run(event.data).catch((error: unknown) => {
    scope.postMessage({
      type: 'failed',
      stage: 'decode',
      message: error instanceof Error ? error.message : String(error),
    })
  })
}

interface ClipReader {
  readonly iterator: AsyncIterator<VideoSample | null>
  remaining: number
}

async function run(start: DecodeStart): Promise<void> {
  const { job, files, port } = start
  const clock = new StageClock(undefined, performance.timeOrigin - start.exportStart)
  const credits = new Credits(start.credits)
  port.onmessage = () => credits.give()
  const collect = garbageCollector()
  const fps = job.timeline.fps

  // Which clips (main and overlay tracks) each output frame shows, and every clip's decode
  // times in frame order.
  const order: string[][] = []
  const times = new Map<string, number[]>()
  for (let n = 0; n < job.frames; n++) {
    const plan = planFrame(job.timeline, job.media, (n * 1000) / fps)
    const shown = [
      ...plan.clips.map((layer) => ({ key: layerKey('clip', layer.clipId), layer })),
      ...plan.overlays.map((o) => ({ key: layerKey('overlay', o.clip.clipId), layer: o.clip })),
    ]
    order.push(shown.map((s) => s.key))
    for (const { key, layer } of shown) {
      const list = times.get(key) ?? []
      list.push(layer.decodeSec)
      times.set(key, list)
    }
  }

  const tracks = new Map<string, Promise<{ track: InputVideoTrack; first: number }>>()
  const inputs: Input[] = []
  const open = (mediaId: string) => {
    const known = tracks.get(mediaId)
    if (known) return known
    const opened = (async () => {
      const file = Object.hasOwn(files, mediaId) ? files[mediaId] : undefined
      if (!file) throw new Error(`media "${mediaId}" was not given to the export`)
      const input = new Input({ formats: ALL_FORMATS, source: new BlobSource(file) })
      inputs.push(input)
      const track = await input.getPrimaryVideoTrack()
      if (!track) throw new Error(`media "${mediaId}" has no video track`)
      return { track, first: await track.getFirstTimestamp() }
    })()
    tracks.set(mediaId, opened)
    return opened
  }

  const clipMedia = new Map([
    ...job.timeline.clips.map((c) => [layerKey('clip', c.id), c.mediaId] as const),
    ...job.timeline.overlays.map((o) => [layerKey('overlay', o.id), o.mediaId] as const),
  ])
  const readers = new Map<string, ClipReader>()
  const reader = async (clipId: string): Promise<ClipReader> => {
    const known = readers.get(clipId)
    if (known) return known
    const mediaId = clipMedia.get(clipId) ?? ''
    const { track, first } = await open(mediaId)
    const wanted = (times.get(clipId) ?? []).map((t) => Math.max(t, first))
    const sink = new VideoSampleSink(track)
    const made = {
      iterator: sink.samplesAtTimestamps(wanted)[Symbol.asyncIterator](),
      remaining: wanted.length,
    }
    readers.set(clipId, made)
    return made
  }

  try {
    for (let n = 0; n < job.frames; n++) {
      await clock.waiting('out', () => credits.take())
      const layers: DecodedLayer[] = []
      for (const clipId of order[n] ?? []) {
        const clip = await reader(clipId)
        const next = await clip.iterator.next()
        const sample = next.done ? null : next.value
        if (!sample) throw new Error(`no video frame for clip "${clipId}" at output frame ${n}`)
        layers.push({
          clipId,
          frame: sample.toVideoFrame(),
          rotation: sample.rotation,
          flip: sample.flip,
        })
        sample.close()
        clip.remaining--
        if (clip.remaining === 0) {
          // Its last frame: free the decoder now rather than at the end of the export.
          await clip.iterator.return?.()
          readers.delete(clipId)
        }
      }
      const message: DecodedFrame = { type: 'frame', frame: n, layers }
      collect(n)
      port.postMessage(
        message,
        layers.map((l) => l.frame),
      )
      clock.handedFirst()
    }
    scope.postMessage({ type: 'stage', stage: 'decode', time: clock.time() })
  } finally {
    for (const clip of readers.values()) await clip.iterator.return?.().catch(() => undefined)
    for (const input of inputs) input.dispose()
  }
}
