import { VideoSample, type VideoSampleSink } from 'mediabunny'
import { downscalePlane } from './downscale-planes'

/**
 * Every frame of a source, decoded ahead while the preview is idle and kept at the size the
 * preview draws it, so a seek (a click on the ruler) shows its frame without decoding from the
 * previous keyframe — measured (bench:editor, a 1080p source with a 1 s GOP) that decode was up to
 * 29 frames, most of a seek's time. Only the part of the frame the clip shows is kept, at the size the preview draws
 * it, in Y'CbCr planes with the decoder's colour space, so the compositor colours a kept frame
 * like a decoded one. Kept only where that is at most KEEP_LIMIT of the frame's pixels; a clip that
 * shows more of the source, or larger, decodes as before — and exports and covers, which draw at
 * full size, always do.
 *
 * Memory is bounded for the whole worker (CACHE_BYTES); a source past it is kept from its first
 * frame as far as the budget goes and decoded beyond. Caches live in the worker across reloads
 * (the preview reloads on every edit) and go when a load no longer uses their media.
 */
const CACHE_BYTES = 192 * 1024 * 1024
/** A kept frame of more than this fraction of the decoded frame's pixels would save little. */
const KEEP_LIMIT = 0.4

let usedBytes = 0
let rendering = 0
let idleWaiters: Array<() => void> = []

/** Runs one preview render; filling waits while any runs (the decoder and the cores are shared). */
export async function whileRendering<T>(render: () => Promise<T>): Promise<T> {
  rendering++
  try {
    return await render()
  } finally {
    rendering--
    if (rendering === 0) {
      const waiters = idleWaiters
      idleWaiters = []
      for (const wake of waiters) wake()
    }
  }
}

/**
 * Resolves when no render runs, after a rest as long as the last frame's work took (at least
 * REST_MS): decoding ahead then takes at most about half of a core, and the editor stays smooth
 * while it runs (measured: without the rest, bench:editor's idle frames went from 20 to 112 ms p95
 * on this 2-core machine under load).
 */
const REST_MS = 8

function idle(workedMs = 0): Promise<void> {
  const rest = Math.max(REST_MS, workedMs)
  return new Promise<void>((resolve) => setTimeout(resolve, rest)).then(() =>
    rendering === 0 ? undefined : new Promise<void>((resolve) => idleWaiters.push(resolve)),
  )
}

/** Where a kept frame lies in its source: the region it shows and its scale on each axis. */
export interface KeptRegion {
  readonly x: number
  readonly y: number
  readonly scaleX: number
  readonly scaleY: number
}

const kept = new WeakMap<VideoSample, KeptRegion>()

/** The region a kept frame shows of its source; null for a decoded frame (the whole source). */
export function keptRegion(sample: VideoSample): KeptRegion | null {
  return kept.get(sample) ?? null
}

interface Region {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** The index of the frame shown at `t` (µs) in frames sorted by timestamp, or -1 before the first. */
export function shownIndex(timestamps: readonly number[], t: number): number {
  let lo = 0
  let hi = timestamps.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if ((timestamps[mid] ?? Infinity) <= t) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

export class FrameCache {
  private readonly frames: VideoFrame[] = []
  private readonly timestamps: number[] = []
  private complete = false
  private filling = false
  /** Not kept (rotated, not I420) or no room left: no more filling. */
  private unusable = false
  private disposed = false
  private bytes = 0
  /** The source to fill from next (the newest that asked). */
  private next: { sink: VideoSampleSink; firstSec: number; stop: () => boolean } | null = null

  /** `region`: the part of the source kept, at `width`×`height`. */
  private constructor(
    private readonly region: Region,
    private readonly width: number,
    private readonly height: number,
  ) {}

  /**
   * A cache keeping `region` of a `source`-sized frame drawn at `drawScale`, or null if it would
   * not save enough to be worth it.
   */
  static forRegion(
    source: { width: number; height: number },
    region: Region,
    drawScale: number,
  ): FrameCache | null {
    if (!(drawScale > 0) || drawScale > 1) return null
    // Even edges and sizes: I420's chroma planes are exactly half.
    const x = Math.max(0, Math.floor(region.x / 2) * 2)
    const y = Math.max(0, Math.floor(region.y / 2) * 2)
    const right = Math.min(source.width, Math.ceil((region.x + region.width) / 2) * 2)
    const bottom = Math.min(source.height, Math.ceil((region.y + region.height) / 2) * 2)
    const even = (n: number) => Math.max(2, Math.ceil((n * drawScale) / 2) * 2)
    const width = even(right - x)
    const height = even(bottom - y)
    if (right - x < 2 || bottom - y < 2 || width > right - x || height > bottom - y) return null
    if (width * height > KEEP_LIMIT * source.width * source.height) return null
    return new FrameCache({ x, y, width: right - x, height: bottom - y }, width, height)
  }

  /**
   * The kept frame shown at `sec` if this cache keeps all of `region` at least `need` times its
   * size (drawn size over source size), else null. The caller closes the sample.
   */
  sampleAt(sec: number, region: Region, need: number): VideoSample | null {
    const r = this.region
    const scale = Math.min(this.width / r.width, this.height / r.height)
    const inside =
      region.x >= r.x &&
      region.y >= r.y &&
      region.x + region.width <= r.x + r.width &&
      region.y + region.height <= r.y + r.height
    if (!inside || need > scale * 1.001 || this.frames.length === 0) return null
    const t = Math.round(sec * 1e6)
    const i = Math.max(0, shownIndex(this.timestamps, t))
    const last = this.frames.length - 1
    if (i === last && !this.complete) {
      // Past the last kept frame's end, the next one may not be kept yet.
      const frame = this.frames[last]
      if (t >= (frame?.timestamp ?? 0) + (frame?.duration ?? 0)) return null
    }
    const frame = this.frames[i]
    if (!frame) return null
    const sample = new VideoSample(frame.clone())
    kept.set(sample, {
      x: r.x,
      y: r.y,
      scaleX: this.width / r.width,
      scaleY: this.height / r.height,
    })
    return sample
  }

  /**
   * Decodes on from the last kept frame (or the first) while the preview is idle, until the end,
   * the memory budget, or `stop()` says so (its source was closed). A later source (the session
   * reloaded) takes over where the last one stopped.
   */
  async fill(sink: VideoSampleSink, firstSec: number, stop: () => boolean): Promise<void> {
    this.next = { sink, firstSec, stop }
    if (this.filling) return
    this.filling = true
    try {
      while (this.next && !this.complete && !this.unusable && !this.disposed) {
        const job = this.next
        this.next = null
        await this.fillFrom(job.sink, job.firstSec, job.stop)
      }
    } finally {
      this.filling = false
    }
  }

  private async fillFrom(
    sink: VideoSampleSink,
    firstSec: number,
    stop: () => boolean,
  ): Promise<void> {
    const lastTs = this.timestamps[this.timestamps.length - 1]
    const from = lastTs === undefined ? firstSec : lastTs / 1e6
    const samples = sink.samples(from)
    try {
      await idle()
      for await (const sample of samples) {
        const started = performance.now()
        try {
          if (stop() || this.next || this.disposed || this.unusable) return
          const frame = sample.toVideoFrame()
          try {
            if (lastTs !== undefined && frame.timestamp <= lastTs) continue
            if (sample.rotation !== 0 || sample.flip || frame.format !== 'I420') {
              this.unusable = true
              return
            }
            const size = (this.width * this.height * 3) / 2
            if (usedBytes + size > CACHE_BYTES) {
              // The worker's budget is spent: the rest of this source decodes as before.
              this.unusable = true
              return
            }
            if (this.keep(await this.shrink(frame, size))) {
              usedBytes += size
              this.bytes += size
            }
          } finally {
            frame.close()
          }
        } finally {
          sample.close()
        }
        await idle(performance.now() - started)
      }
      if (!this.disposed) this.complete = true
    } catch {
      // A closed input (the session reloaded) ends this fill; the next source resumes it.
    } finally {
      await samples.return().catch(() => undefined)
    }
  }

  dispose(): void {
    this.disposed = true
    for (const frame of this.frames.splice(0)) frame.close()
    this.timestamps.length = 0
    usedBytes -= this.bytes
    this.bytes = 0
  }

  private keep(frame: VideoFrame): boolean {
    if (this.disposed) {
      frame.close()
      return false
    }
    this.frames.push(frame)
    this.timestamps.push(frame.timestamp)
    return true
  }

  /** The kept region of the frame at the kept size, as I420 with the frame's colour space. */
  private async shrink(frame: VideoFrame, size: number): Promise<VideoFrame> {
    const visible = frame.visibleRect
    const rect = {
      x: (visible?.x ?? 0) + this.region.x,
      y: (visible?.y ?? 0) + this.region.y,
      width: this.region.width,
      height: this.region.height,
    }
    const data = new Uint8Array(frame.allocationSize({ rect }))
    const layout = await frame.copyTo(data, { rect })
    const out = new Uint8Array(size)
    const { width, height } = this
    const half = { width: width / 2, height: height / 2 }
    const planes = [
      { w: rect.width, h: rect.height, to: { width, height }, at: 0 },
      { w: Math.ceil(rect.width / 2), h: Math.ceil(rect.height / 2), to: half, at: width * height },
      {
        w: Math.ceil(rect.width / 2),
        h: Math.ceil(rect.height / 2),
        to: half,
        at: width * height + half.width * half.height,
      },
    ]
    planes.forEach((plane, i) => {
      const place = layout[i]
      if (!place) throw new Error('a decoded frame without its planes')
      downscalePlane(
        { data, offset: place.offset, stride: place.stride, width: plane.w, height: plane.h },
        plane.to.width,
        plane.to.height,
        out,
        plane.at,
      )
    })
    return new VideoFrame(out, {
      format: 'I420',
      codedWidth: width,
      codedHeight: height,
      timestamp: frame.timestamp,
      duration: frame.duration ?? undefined,
      colorSpace: frame.colorSpace.toJSON(),
    })
  }
}

/** The worker's caches by media (id and file size), kept across reloads. */
const caches = new Map<string, FrameCache | null>()

export function cacheKey(mediaId: string, file: Blob): string {
  return `${mediaId}:${file.size}`
}

/** The cache for `key`, made on first use for `region` at `drawScale` (null: not kept). */
export function frameCacheFor(
  key: string,
  source: { width: number; height: number },
  region: Region,
  drawScale: number,
): FrameCache | null {
  if (!caches.has(key)) caches.set(key, FrameCache.forRegion(source, region, drawScale))
  return caches.get(key) ?? null
}

/** Frees the caches of media a newly loaded timeline does not use. */
export function keepOnlyCaches(keys: ReadonlySet<string>): void {
  for (const [key, cache] of caches) {
    if (keys.has(key)) continue
    cache?.dispose()
    caches.delete(key)
  }
}
