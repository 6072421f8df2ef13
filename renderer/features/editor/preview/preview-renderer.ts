import type { Timeline } from '../../../../shared/timeline'
import { bundledResources } from '../engine/bundled-resources'
import type { ColorPathPreference, ColorPathReport } from './color-path'
import type {
  FrameTiming,
  PreviewMediaFile,
  PreviewReply,
  PreviewRequest,
} from './preview-protocol'

/**
 * The page's side of the preview worker: load a timeline, then renderFrame(timeMs) → ImageBitmap
 * (the caller owns and closes it). Calls are answered in order.
 */
export interface RenderedFrame {
  readonly frame: number
  readonly bitmap: ImageBitmap
  /** Drawn from frames decoded ahead only (frame-cache.ts); absent: not known. */
  readonly kept?: boolean
  /** Where the worker's time went (absent where frames come from elsewhere, as in tests). */
  readonly timing?: FrameTiming
}

export interface PreviewLoadOptions {
  /** `auto` by default: WebGL2 colour passes only where a GPU exists. */
  readonly colorPath?: ColorPathPreference
  /** Draw at this fraction of the timeline's size: the preview's display size (default 1). */
  readonly scale?: number
  /** false: always decode (frame-cache.ts), e.g. to compare kept frames with decoded ones. */
  readonly keepFrames?: boolean
}

export interface PreviewRenderer {
  /** Resolves with the colour pass path the worker chose. */
  load(
    timeline: Timeline,
    media: Readonly<Record<string, PreviewMediaFile>>,
    options?: PreviewLoadOptions,
  ): Promise<ColorPathReport>
  renderFrame(timeMs: number): Promise<RenderedFrame>
  /** The path the last loaded or drawn frame used; null before the first load. */
  colorPath(): ColorPathReport | null
  dispose(): void
}

type Pending = { resolve: (reply: PreviewReply) => void; reject: (error: Error) => void }

export function createPreviewRenderer(): PreviewRenderer {
  const worker = new Worker(new URL('./preview.worker.ts', import.meta.url), {
    type: 'module',
    name: 'reeldesk-preview',
  })
  const pending = new Map<number, Pending>()
  let nextId = 1
  let colorPath: ColorPathReport | null = null
  worker.onmessage = (event: MessageEvent<PreviewReply>) => {
    const waiter = pending.get(event.data.id)
    pending.delete(event.data.id)
    waiter?.resolve(event.data)
  }
  worker.onerror = (event) => {
    for (const waiter of pending.values()) {
      waiter.reject(new Error(`preview worker failed: ${event.message}`))
    }
    pending.clear()
  }
  const send = (request: PreviewRequest): Promise<PreviewReply> =>
    new Promise((resolve, reject) => {
      pending.set(request.id, { resolve, reject })
      worker.postMessage(request)
    })
  const fail = (reply: PreviewReply): never => {
    throw new Error(reply.type === 'failed' ? reply.message : `unexpected reply "${reply.type}"`)
  }

  return {
    async load(timeline, media, options) {
      const reply = await send({
        type: 'load',
        id: nextId++,
        timeline,
        media,
        fonts: Object.fromEntries(bundledResources.fonts),
        luts: Object.fromEntries(bundledResources.luts),
        ...(options?.colorPath ? { colorPath: options.colorPath } : {}),
        ...(options?.scale ? { scale: options.scale } : {}),
        ...(options?.keepFrames === false ? { keepFrames: false } : {}),
      })
      if (reply.type !== 'loaded') return fail(reply)
      colorPath = reply.colorPath
      return reply.colorPath
    },
    async renderFrame(timeMs) {
      const reply = await send({ type: 'render', id: nextId++, timeMs })
      if (reply.type !== 'frame') return fail(reply)
      colorPath = reply.colorPath
      return { frame: reply.frame, bitmap: reply.bitmap, kept: reply.kept, timing: reply.timing }
    },
    colorPath: () => colorPath,
    dispose() {
      worker.terminate()
      for (const waiter of pending.values()) waiter.reject(new Error('preview disposed'))
      pending.clear()
    },
  }
}
