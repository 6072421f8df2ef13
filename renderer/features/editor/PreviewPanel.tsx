import { Pause, Play, ScanLine, SkipBack, SkipForward, Volume2, VolumeX } from 'lucide-react'
import { useEffect, useLayoutEffect, useRef, useState, type MutableRefObject } from 'react'
import { Button, ToggleButton } from 'react-aria-components'
import { useRxCollection } from 'rxdb/plugins/react'
import { useStore } from 'zustand'
import type { MediaDoc } from '../../../shared/data/registry'
import { canvasSize } from '../../../shared/timeline/canvas'
import { timelineDurationMs } from '../../../shared/timeline/time'
import { previewSoundPieces, type SoundPiece } from '../../../shared/timeline/preview-sound'
import { createLogger } from '../../../shared/logger'
import { loadSources } from './load-sources'
import { useLocalMedia } from './media/local-media-store'
import { useEditorPrefs } from './editor-prefs'
import { createPlaybackDriver, type PlaybackDriver } from './preview/playback-driver'
import { PreviewOverlays } from './preview/PreviewOverlays'
import { PreviewAudio } from './preview/preview-audio'
import { createPreviewRenderer } from './preview/preview-renderer'
import { previewScale, previewSize } from './preview/preview-scale'
import { useMediaDocs } from './project/use-media-docs'
import type { ProjectStore } from './project/project-store'
import type { EditorCommand } from './project/shortcuts'
import { formatTimecode } from './timeline/timeline-layout'

const log = createLogger('preview-panel')

/** Waits for edits to settle before reloading the worker's copy of the timeline. */
const RELOAD_DELAY_MS = 150

/** Where the playhead is, of how long: re-rendered on every frame, so kept small. */
function Timecode({
  store,
  fps,
  durationMs,
}: {
  store: ProjectStore
  fps: number
  durationMs: number
}) {
  const playheadMs = useStore(store, (s) => s.playheadMs)
  return (
    <output className="timecode" aria-label="Playhead position">
      {formatTimecode(playheadMs, fps)} / {formatTimecode(durationMs, fps)}
    </output>
  )
}

/** An RMS level as the meter shows it: −60 dBFS and below empty, 0 dBFS full. */
function meterValue(rms: number): number {
  return rms > 0 ? Math.max(0, Math.min(1, 1 + (20 * Math.log10(rms)) / 60)) : 0
}

/** The timeline's sound as the preview plays it; none when it cannot be planned (said elsewhere). */
function soundPieces(
  timeline: Parameters<typeof previewSoundPieces>[0],
  info: Parameters<typeof previewSoundPieces>[1],
): SoundPiece[] {
  try {
    return previewSoundPieces(timeline, info)
  } catch (error) {
    log.warn('preview sound not planned', { error: String(error) })
    return []
  }
}

/** The largest size of `aspect` that fits in the box (the preview fills its panel). */
function fit(box: { width: number; height: number }, aspect: number) {
  const width = Math.min(box.width, box.height * aspect)
  return { width: Math.max(0, Math.floor(width)), height: Math.max(0, Math.floor(width / aspect)) }
}

/**
 * The live preview, as large as its panel allows: the compositor in its worker draws the frame
 * at the playhead (the very compositor whose output matches the export) and plays in real time,
 * skipping frames rather than falling behind. Over it: the platform's safe zone, and handles to
 * move and resize texts, images and overlay videos.
 */
export function PreviewPanel({
  store,
  playbackRef,
}: {
  store: ProjectStore
  playbackRef: MutableRefObject<((command: EditorCommand) => void) | null>
}) {
  const media = useRxCollection<MediaDoc>('media')
  // The collection object is not referentially stable across renders; reloading the preview on
  // every render (a playing preview re-renders each frame) would reset playback.
  const mediaRef = useRef(media)
  mediaRef.current = media
  const hasMedia = media !== null
  const timeline = useStore(store, (s) => s.history.present.state)
  const workspaceId = useStore(store, (s) => s.project.workspaceId)
  const mediaDocs = useMediaDocs(workspaceId)
  const thumbs = useLocalMedia((s) => s.thumbUrls)
  const available = useLocalMedia((s) => s.original)
  const showSafeZone = useEditorPrefs((s) => s.safeZone)
  const volume = useEditorPrefs((s) => s.previewVolume)
  const muted = useEditorPrefs((s) => s.previewMuted)
  const audio = useRef<PreviewAudio | null>(null)
  const meter = useRef<HTMLMeterElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const stage = useRef<HTMLDivElement>(null)
  const renderer = useRef<ReturnType<typeof createPreviewRenderer> | null>(null)
  const driver = useRef<PlaybackDriver | null>(null)
  const [playing, setPlaying] = useState(false)
  /** A frame has been drawn for the current timeline: playback can start. */
  const [ready, setReady] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [box, setBox] = useState({ width: 0, height: 0 })
  const size = canvasSize(timeline.canvas)
  // The compositor draws at the preview's display size (the export draws at full size); the
  // element is laid out to fit the panel.
  const pixels = previewSize(size)
  const shown = fit(box, size.width / size.height)
  const durationMs = timelineDurationMs(timeline)
  // Reload when a missing original arrives on this device (downloaded or relinked).
  const neededHere = timeline.clips
    .map((c) => c.mediaId)
    .concat(
      timeline.overlays.map((o) => o.mediaId),
      timeline.images.map((i) => i.mediaId),
    )
    .map((id) => `${id}:${available[id] === true}`)
    .join(',')

  useLayoutEffect(() => {
    const element = stage.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setBox({ width: entry.contentRect.width, height: entry.contentRect.height })
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    renderer.current = createPreviewRenderer()
    // No Web Audio (unit tests' DOM): the preview plays silently on the wall clock.
    audio.current = typeof AudioContext === 'undefined' ? null : new PreviewAudio()
    return () => {
      driver.current?.dispose()
      renderer.current?.dispose()
      audio.current?.dispose()
    }
  }, [])

  // Reload after edits (debounced), then keep showing the playhead's frame.
  useEffect(() => {
    const media = mediaRef.current
    if (!hasMedia || !media) return
    let cancelled = false
    const timer = setTimeout(() => {
      void (async () => {
        const preview = renderer.current
        if (!preview) return
        if (timeline.clips.length === 0) {
          driver.current?.dispose()
          driver.current = null
          setReady(false)
          setProblem(null)
          canvas.current?.getContext('bitmaprenderer')?.transferFromImageBitmap(null)
          return
        }
        try {
          const sources = await loadSources(timeline, media)
          await preview.load(
            timeline,
            Object.fromEntries(
              Object.entries(sources).map(([id, s]) => [id, { file: s.file, info: s.info }]),
            ),
            { scale: previewScale(canvasSize(timeline.canvas)) },
          )
          if (cancelled) return
          setProblem(null)
          driver.current?.dispose()
          audio.current?.setTimeline(
            soundPieces(
              timeline,
              Object.fromEntries(
                Object.entries(sources).map(([id, s]) => [id, { ...s.info, fileName: s.name }]),
              ),
            ),
            Object.fromEntries(Object.entries(sources).map(([id, s]) => [id, s.file])),
          )
          driver.current = createPlaybackDriver({
            durationMs: timelineDurationMs(timeline),
            fps: timeline.fps,
            startMs: store.getState().playheadMs,
            renderFrame: (ms) => preview.renderFrame(ms),
            onFrame: ({ frame, bitmap }) => {
              canvas.current?.getContext('bitmaprenderer')?.transferFromImageBitmap(bitmap)
              // The frame on screen, for anyone (and any test) that needs to know what is shown.
              if (canvas.current) canvas.current.dataset.frame = String(frame)
              setReady(true)
              // While playing, the playhead follows the frames actually shown.
              if (driver.current?.state.playing)
                store.getState().seek((frame * 1000) / timeline.fps)
            },
            onState: (state) => setPlaying(state.playing),
            sound: audio.current ?? undefined,
          })
        } catch (error) {
          if (!cancelled) setProblem(error instanceof Error ? error.message : String(error))
        }
      })()
    }, RELOAD_DELAY_MS)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [timeline, hasMedia, store, neededHere])

  // The playhead moved by the timeline, the ruler or the keyboard: show that frame.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.playheadMs !== prev.playheadMs && !driver.current?.state.playing) {
          driver.current?.dispatch({ type: 'seek', timeMs: s.playheadMs })
        }
      }),
    [store],
  )

  useEffect(() => audio.current?.setVolume(volume, muted), [volume, muted])

  // The level meter follows the sound while playing (written to the element, not React state).
  useEffect(() => {
    const element = meter.current
    const sound = audio.current
    if (!element || !sound || !playing) return
    let handle = 0
    const update = () => {
      const value = meterValue(sound.level())
      element.value = value
      element.setAttribute('aria-valuenow', value.toFixed(2))
      handle = requestAnimationFrame(update)
    }
    handle = requestAnimationFrame(update)
    return () => {
      cancelAnimationFrame(handle)
      element.value = 0
      element.setAttribute('aria-valuenow', '0')
    }
  }, [playing])

  useEffect(() => {
    playbackRef.current = (command) => {
      const d = driver.current
      if (!d) return
      if (command === 'togglePlay') d.dispatch({ type: 'toggle' })
      else if (command === 'shuttleStop') d.dispatch({ type: 'pause' })
      else if (command === 'shuttleForward') d.dispatch({ type: 'play' })
      else if (command === 'shuttleBack') {
        d.dispatch({ type: 'pause' })
        store.getState().seek(store.getState().playheadMs - 1000)
      }
    }
    return () => {
      playbackRef.current = null
    }
  }, [playbackRef, store])

  const scale = shown.width / size.width
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title" className="visually-hidden">
        Preview
      </h2>
      <div className="preview__stage" ref={stage}>
        <div className="preview__frame" style={{ width: shown.width, height: shown.height }}>
          <canvas
            ref={canvas}
            className="preview__canvas"
            width={pixels.width}
            height={pixels.height}
            role="img"
            aria-label={
              timeline.clips.length ? 'Preview of the frame at the playhead' : 'Empty preview'
            }
          />
          {timeline.clips.length === 0 ? (
            <p className="preview__empty">Add a video to the timeline to see it here.</p>
          ) : null}
          {shown.width > 0 ? (
            <PreviewOverlays
              store={store}
              scale={scale}
              media={mediaDocs}
              thumbs={thumbs}
              showSafeZone={showSafeZone}
            />
          ) : null}
        </div>
      </div>
      {problem ? (
        <p role="alert" className="form-error preview__problem">
          {problem}
        </p>
      ) : null}
      <div className="preview__transport">
        <Timecode store={store} fps={timeline.fps} durationMs={durationMs} />
        <div className="preview__buttons">
          <Button
            className="icon-button"
            aria-label="Go to start (Home)"
            onPress={() => store.getState().seek(0)}
          >
            <SkipBack aria-hidden="true" size={16} />
          </Button>
          <Button
            className="icon-button icon-button--round"
            aria-label={playing ? 'Pause (Space)' : 'Play (Space)'}
            isDisabled={!ready}
            onPress={() => driver.current?.dispatch({ type: 'toggle' })}
          >
            {playing ? (
              <Pause aria-hidden="true" size={18} />
            ) : (
              <Play aria-hidden="true" size={18} />
            )}
          </Button>
          <Button
            className="icon-button"
            aria-label="Go to end (End)"
            onPress={() => store.getState().seek(durationMs)}
          >
            <SkipForward aria-hidden="true" size={16} />
          </Button>
        </div>
        <div className="preview__tools">
          <div className="preview__sound">
            <ToggleButton
              className="icon-button"
              aria-label="Mute the preview (M)"
              isSelected={muted}
              onChange={(on) => useEditorPrefs.getState().set({ previewMuted: on })}
            >
              {muted ? (
                <VolumeX aria-hidden="true" size={16} />
              ) : (
                <Volume2 aria-hidden="true" size={16} />
              )}
            </ToggleButton>
            <input
              type="range"
              className="preview__volume"
              aria-label="Preview volume"
              min={0}
              max={100}
              step={5}
              value={Math.round(volume * 100)}
              onChange={(event) =>
                useEditorPrefs
                  .getState()
                  .set({ previewVolume: Number(event.target.value) / 100, previewMuted: false })
              }
            />
            <meter
              ref={meter}
              className="preview__meter"
              aria-label="Preview sound level"
              min={0}
              max={1}
              value={0}
            />
          </div>
          <ToggleButton
            className="icon-button"
            aria-label="Show the safe zone"
            isSelected={showSafeZone}
            onChange={(on) => useEditorPrefs.getState().set({ safeZone: on })}
          >
            <ScanLine aria-hidden="true" size={16} />
          </ToggleButton>
        </div>
      </div>
    </section>
  )
}
