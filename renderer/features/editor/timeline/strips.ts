import { ALL_FORMATS, BlobSource, CanvasSink, Input } from 'mediabunny'
import { useEffect, useState } from 'react'
import { createLogger } from '../../../../shared/logger'
import { canvasToThumbnail } from '../media/thumbnail'
import { useLocalMedia } from '../media/local-media-store'
import { deviceMediaStore } from '../media/media-store'
import { audioPeaks } from '../media/waveform'

const log = createLogger('timeline-strips')

/**
 * Filmstrip frames for video clips and waveforms for audio on the timeline, made once per media
 * file from the original on this device (nothing for media that is not here yet) and kept for
 * the session. Decoding runs one file at a time so it never competes with playback for long.
 */
export interface Filmstrip {
  /** Source times (ms) of the frames, ascending. */
  readonly times: readonly number[]
  readonly urls: readonly string[]
}

/** One frame per this much of the source, and no more than MAX_FRAMES per file. */
const FRAME_EVERY_MS = 1000
const MAX_FRAMES = 48
const FRAME_HEIGHT = 48
/** Waveform resolution: a bucket per 50 ms, capped. */
const PEAK_EVERY_MS = 50
const MAX_PEAKS = 4000

const filmstrips = new Map<string, Promise<Filmstrip | null>>()
const waveforms = new Map<string, Promise<number[] | null>>()
let queue: Promise<unknown> = Promise.resolve()

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work)
  queue = run.catch(() => undefined)
  return run
}

async function openInput(mediaId: string): Promise<Input> {
  const file = await deviceMediaStore().loadOriginal(mediaId, mediaId)
  return new Input({ formats: ALL_FORMATS, source: new BlobSource(file) })
}

function makeFilmstrip(mediaId: string, durationMs: number): Promise<Filmstrip | null> {
  return oneAtATime(async () => {
    const input = await openInput(mediaId)
    try {
      const track = await input.getPrimaryVideoTrack()
      if (!track || !(await track.canDecode())) return null
      const first = await track.getFirstTimestamp()
      const count = Math.max(1, Math.min(MAX_FRAMES, Math.ceil(durationMs / FRAME_EVERY_MS)))
      const times = Array.from({ length: count }, (_, i) => ((i + 0.5) * durationMs) / count)
      const sink = new CanvasSink(track, { height: FRAME_HEIGHT, poolSize: 2 })
      const urls: string[] = []
      for await (const frame of sink.canvasesAtTimestamps(times.map((ms) => first + ms / 1000))) {
        if (!frame) continue
        urls.push(URL.createObjectURL(await canvasToThumbnail(frame.canvas)))
      }
      return { times: times.slice(0, urls.length), urls }
    } finally {
      input.dispose()
    }
  })
}

function makeWaveform(mediaId: string, durationMs: number): Promise<number[] | null> {
  return oneAtATime(async () => {
    const input = await openInput(mediaId)
    try {
      const track = await input.getPrimaryAudioTrack()
      if (!track || !(await track.canDecode())) return null
      const start = Math.max(0, await track.getFirstTimestamp())
      const buckets = Math.max(1, Math.min(MAX_PEAKS, Math.round(durationMs / PEAK_EVERY_MS)))
      return await audioPeaks(track, start, durationMs / 1000, undefined, buckets)
    } finally {
      input.dispose()
    }
  })
}

function useStrip<T>(
  cache: Map<string, Promise<T | null>>,
  make: (id: string, durationMs: number) => Promise<T | null>,
  mediaId: string | null,
  durationMs: number | null,
): T | null {
  const here = useLocalMedia((s) => (mediaId ? s.original[mediaId] === true : false))
  const [value, setValue] = useState<T | null>(null)
  useEffect(() => {
    if (!mediaId || !here || !durationMs) return
    let live = true
    let pending = cache.get(mediaId)
    if (!pending) {
      pending = make(mediaId, durationMs).catch((error: unknown) => {
        log.warn('could not draw the timeline strip', { error: String(error) })
        cache.delete(mediaId)
        return null
      })
      cache.set(mediaId, pending)
    }
    void pending.then((v) => live && setValue(v))
    return () => {
      live = false
    }
  }, [cache, make, mediaId, durationMs, here])
  return value
}

export function useFilmstrip(mediaId: string | null, durationMs: number | null): Filmstrip | null {
  return useStrip(filmstrips, makeFilmstrip, mediaId, durationMs)
}

export function useWaveform(mediaId: string | null, durationMs: number | null): number[] | null {
  return useStrip(waveforms, makeWaveform, mediaId, durationMs)
}

/** The frame nearest a source time. */
export function frameAt(strip: Filmstrip, sourceMs: number): string | undefined {
  let best = 0
  for (let i = 1; i < strip.times.length; i++) {
    if (Math.abs((strip.times[i] ?? 0) - sourceMs) < Math.abs((strip.times[best] ?? 0) - sourceMs))
      best = i
  }
  return strip.urls[best]
}
