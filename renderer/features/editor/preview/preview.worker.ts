import type { ColorPathPreference } from './color-path'
import { PixelPassRunner } from './pixel-pass-runner'
import { PreviewSession } from './preview-session'
import type { PreviewReply, PreviewRequest } from './preview-protocol'

/**
 * The preview worker: OffscreenCanvas compositing off the UI thread. Requests run one at a time
 * in arrival order (a render must not interleave with a reload).
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PreviewRequest>) => void) | null
  postMessage(message: PreviewReply, transfer?: Transferable[]): void
}

const scope = self as unknown as WorkerScope
let session: PreviewSession | null = null
/** Kept across loads (one WebGL context and its compiled shaders per worker). */
let pixels: PixelPassRunner | null = null
let queue: Promise<void> = Promise.resolve()

async function handle(request: PreviewRequest): Promise<void> {
  try {
    if (request.type === 'load') {
      session?.dispose()
      session = null
      const runner = pixelsFor(request.colorPath ?? 'auto')
      session = await PreviewSession.load(request, runner)
      scope.postMessage({ type: 'loaded', id: request.id, colorPath: runner.report })
      return
    }
    if (!session) throw new Error('no timeline loaded')
    const { frame, bitmap, colorPath, kept, timing } = await session.render(request.timeMs)
    scope.postMessage({ type: 'frame', id: request.id, frame, bitmap, colorPath, kept, timing }, [
      bitmap,
    ])
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    scope.postMessage({ type: 'failed', id: request.id, message })
  }
}

function pixelsFor(preference: ColorPathPreference): PixelPassRunner {
  if (pixels?.preference !== preference) {
    pixels?.dispose()
    pixels = new PixelPassRunner(preference)
  }
  return pixels
}

scope.onmessage = (event) => {
  queue = queue.then(() => handle(event.data))
}
