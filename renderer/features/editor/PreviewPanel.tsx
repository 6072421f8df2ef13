import { Pause, Play } from 'lucide-react'
import { useEffect, useRef, useState, type MutableRefObject } from 'react'
import { Button } from 'react-aria-components'
import { useRxCollection } from 'rxdb/plugins/react'
import { useStore } from 'zustand'
import type { MediaDoc } from '../../../shared/data/registry'
import { canvasSize } from '../../../shared/timeline/canvas'
import { timelineDurationMs } from '../../../shared/timeline/time'
import { loadSources } from './load-sources'
import { createPlaybackDriver, type PlaybackDriver } from './preview/playback-driver'
import { createPreviewRenderer } from './preview/preview-renderer'
import { previewScale, previewSize } from './preview/preview-scale'
import type { createProjectStore } from './project/project-store'
import type { EditorCommand } from './project/shortcuts'

type ProjectStore = ReturnType<typeof createProjectStore>

/** Waits for edits to settle before reloading the worker's copy of the timeline. */
const RELOAD_DELAY_MS = 150

/**
 * The live preview: the compositor in its worker draws the frame at the playhead (the very
 * compositor whose output matches the export), and plays in real time, skipping frames rather
 * than falling behind when the machine is slow.
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
  const canvas = useRef<HTMLCanvasElement>(null)
  const renderer = useRef<ReturnType<typeof createPreviewRenderer> | null>(null)
  const driver = useRef<PlaybackDriver | null>(null)
  const [playing, setPlaying] = useState(false)
  /** A frame has been drawn for the current timeline: playback can start. */
  const [ready, setReady] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const size = canvasSize(timeline.canvas)
  // The compositor draws at the preview's display size (the export draws at full size).
  const shown = previewSize(size)

  useEffect(() => {
    renderer.current = createPreviewRenderer()
    return () => {
      driver.current?.dispose()
      renderer.current?.dispose()
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
  }, [timeline, hasMedia, store])

  // The playhead moved by the timeline or the keyboard: show that frame.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.playheadMs !== prev.playheadMs && !driver.current?.state.playing) {
          driver.current?.dispatch({ type: 'seek', timeMs: s.playheadMs })
        }
      }),
    [store],
  )

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

  return (
    <section className="panel preview" aria-labelledby="preview-title">
      <div className="panel__header">
        <h2 id="preview-title">Preview</h2>
        <Button
          className="icon-button"
          aria-label={playing ? 'Pause (Space)' : 'Play (Space)'}
          isDisabled={!ready}
          onPress={() => driver.current?.dispatch({ type: 'toggle' })}
        >
          {playing ? <Pause aria-hidden="true" size={16} /> : <Play aria-hidden="true" size={16} />}
        </Button>
      </div>
      <canvas
        ref={canvas}
        className="preview__canvas"
        width={shown.width}
        height={shown.height}
        role="img"
        aria-label={
          timeline.clips.length ? 'Preview of the frame at the playhead' : 'Empty preview'
        }
      />
      {problem ? (
        <p role="alert" className="form-error">
          {problem}
        </p>
      ) : null}
    </section>
  )
}
