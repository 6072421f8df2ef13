import { VideoSample } from 'mediabunny'
import { canvasSize } from '../../../../../shared/timeline'
import { Compositor } from '../../preview/compositor'
import { planFrame } from '../../preview/frame-plan'
import { OverlayCache } from '../../preview/overlay-cache'
import { PixelPassRunner } from '../../preview/pixel-pass-runner'
import { contextFonts, loadResources } from '../../preview/resources'
import { garbageCollector } from './collect-garbage'
import { Credits, Inbox } from './credits'
import { StageClock } from './stage-clock'
import {
  layerKey,
  type Ack,
  type ComposeStart,
  type ComposedFrame,
  type DecodedFrame,
  type DecodedLayer,
  type WorkerReport,
} from './protocol'

/**
 * Compose worker of the WebCodecs export: the preview's own compositor, at full size, drawing
 * each output frame from the decoded source frames and handing it to the mux worker as a
 * VideoFrame — I420 planes where the plan allows (plane-compositor.ts: no RGB at all), else a
 * snapshot of the canvas. Colour passes use WebGL2 only where a hardware GPU exists
 * (PixelPassRunner 'auto' refuses SwiftShader), the CPU otherwise.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ComposeStart>) => void) | null
  postMessage(message: WorkerReport): void
}
const scope = self as unknown as WorkerScope

scope.onmessage = (event) => {
  run(event.data).catch((error: unknown) => {
    scope.postMessage({
      type: 'failed',
      stage: 'compose',
      message: error instanceof Error ? error.message : String(error),
    })
  })
}

async function run(start: ComposeStart): Promise<void> {
  const { job, files, decoded, encoded } = start
  const clock = new StageClock(undefined, performance.timeOrigin - start.exportStart)
  const { timeline } = job
  const fps = timeline.fps
  const size = canvasSize(timeline.canvas)
  const luts = await loadResources(timeline, start.resources, contextFonts())
  const pixels = new PixelPassRunner('auto')
  // CPU-backed canvases (the CPU passes read pixels back). Chromium's encoder converts their
  // RGBA to full-range BT.709 and marks the stream so (ffprobe: pc); the plane path's frames
  // are full range too, so one export mixing both keeps one range.
  // Frames the Y'CbCr path carries never touch the canvas (plane-compositor.ts).
  const compositor = new Compositor(size, pixels, { readback: true, planes: true })
  const overlays = new OverlayCache(size, (mediaId) => {
    const file = Object.hasOwn(files, mediaId) ? files[mediaId] : undefined
    if (!file) throw new Error(`image "${mediaId}" was not given to the export`)
    return file
  })
  const inbox = new Inbox<DecodedFrame>()
  decoded.onmessage = (event: MessageEvent<DecodedFrame>) => inbox.push(event.data)
  const credits = new Credits(start.credits)
  encoded.onmessage = (event: MessageEvent<Ack>) => {
    if (event.data.type === 'ack') credits.give()
  }
  const frameUs = 1e6 / fps
  const ack: Ack = { type: 'ack' }
  const collect = garbageCollector()

  try {
    for (let n = 0; n < job.frames; n++) {
      const delivered = await clock.waiting('in', () => inbox.next())
      if (delivered.frame !== n) throw new Error(`frame ${delivered.frame} arrived for ${n}`)
      const layers = new Map<string, DecodedLayer>(delivered.layers.map((l) => [l.clipId, l]))
      let picture: VideoFrame
      try {
        const plan = planFrame(timeline, job.media, (n * 1000) / fps)
        const onOverlayTrack = new Set(plan.overlays.map((o) => o.clip))
        // Exact constant frame timing: frame n starts at n/fps, whatever the length.
        picture = await compositor.frame(
          plan,
          {
            luts,
            frame: (layer) => {
              const key = layerKey(onOverlayTrack.has(layer) ? 'overlay' : 'clip', layer.clipId)
              const source = layers.get(key)
              if (!source) throw new Error(`no decoded frame for clip "${layer.clipId}"`)
              layers.delete(key)
              return Promise.resolve(
                new VideoSample(source.frame, { rotation: source.rotation, flip: source.flip }),
              )
            },
            image: (layer) => overlays.image(layer),
            text: (text) => overlays.text(text),
          },
          {
            timestamp: Math.round(n * frameUs),
            duration: Math.round((n + 1) * frameUs) - Math.round(n * frameUs),
          },
        )
      } finally {
        for (const unused of layers.values()) unused.frame.close()
      }
      decoded.postMessage(ack)
      collect(n)
      try {
        await clock.waiting('out', () => credits.take())
      } catch (error) {
        picture.close()
        throw error
      }
      const message: ComposedFrame = { type: 'frame', frame: n, picture }
      encoded.postMessage(message, [picture])
      clock.handedFirst()
    }
    const time = { ...clock.time(), paths: compositor.paths }
    scope.postMessage({ type: 'stage', stage: 'compose', time })
  } finally {
    overlays.dispose()
    pixels.dispose()
  }
}
