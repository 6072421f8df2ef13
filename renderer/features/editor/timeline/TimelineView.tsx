import { Redo2, Scissors, Trash2, Undo2 } from 'lucide-react'
import { useMemo, useRef, useState, type PointerEvent } from 'react'
import { Button, Label, Slider, SliderThumb, SliderTrack } from 'react-aria-components'
import { useStore } from 'zustand'
import { timelineDurationMs } from '../../../../shared/timeline/time'
import { redoLabel, undoLabel } from '../project/history'
import type { ProjectStore } from '../project/project-store'
import { TimelineRuler } from './TimelineRuler'
import {
  DEFAULT_PX_PER_SECOND,
  formatTimecode,
  layoutClips,
  layoutMarkers,
  layoutTransitions,
  MAX_PX_PER_SECOND,
  MIN_PX_PER_SECOND,
  msToPx,
  pxToMs,
  rulerTicks,
  snap,
  snapPoints,
} from './timeline-layout'
import './timeline.css'

interface TimelineViewProps {
  store: ProjectStore
  /** Display names of the media the clips use, by media id. */
  mediaNames: Readonly<Record<string, string>>
}

/**
 * The timeline: a ruler with the product tags, a video track of clip blocks with their
 * transitions, text and music lanes, a playhead that snaps to clip edges and markers, zoom, and
 * the edit buttons (with the same commands as the shortcuts).
 */
export function TimelineView({ store, mediaNames }: TimelineViewProps) {
  const history = useStore(store, (s) => s.history)
  const playheadMs = useStore(store, (s) => s.playheadMs)
  const selected = useStore(store, (s) => s.selection.find((r) => r.kind === 'clip')?.id ?? null)
  // Refusals of inspector controls are shown beside those controls instead.
  const error = useStore(store, (s) => (s.errorScope === null ? s.error : null))
  const [pxPerSecond, setPxPerSecond] = useState(DEFAULT_PX_PER_SECOND)
  const lanes = useRef<HTMLDivElement>(null)
  const timeline = history.present.state
  const durationMs = timelineDurationMs(timeline)
  const boxes = useMemo(() => layoutClips(timeline, pxPerSecond), [timeline, pxPerSecond])
  const transitions = useMemo(
    () => layoutTransitions(timeline, pxPerSecond),
    [timeline, pxPerSecond],
  )
  const markers = useMemo(() => layoutMarkers(timeline, pxPerSecond), [timeline, pxPerSecond])
  const ticks = useMemo(() => rulerTicks(durationMs, pxPerSecond), [durationMs, pxPerSecond])
  const points = useMemo(() => snapPoints(timeline), [timeline])
  const fps = timeline.fps

  const seekToPointer = (event: PointerEvent<HTMLDivElement>) => {
    const rect = lanes.current?.getBoundingClientRect()
    if (!rect) return
    const x = event.clientX - rect.left + (lanes.current?.scrollLeft ?? 0)
    store.getState().seek(snap(pxToMs(x, pxPerSecond), points, pxPerSecond))
  }

  const undoText = undoLabel(history)
  const redoText = redoLabel(history)
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline__toolbar">
        <output className="timecode" aria-label="Playhead position">
          {formatTimecode(playheadMs, fps)} / {formatTimecode(durationMs, fps)}
        </output>
        <Button
          className="icon-button"
          aria-label="Split at playhead (S)"
          onPress={() => store.getState().splitAtPlayhead()}
        >
          <Scissors aria-hidden="true" size={16} />
        </Button>
        <Button
          className="icon-button"
          aria-label="Delete selected clip (Delete)"
          isDisabled={!selected}
          onPress={() => store.getState().deleteSelection()}
        >
          <Trash2 aria-hidden="true" size={16} />
        </Button>
        <Button
          className="icon-button"
          aria-label={undoText ? `Undo ${undoText}` : 'Undo'}
          isDisabled={!undoText}
          onPress={() => store.getState().undo()}
        >
          <Undo2 aria-hidden="true" size={16} />
        </Button>
        <Button
          className="icon-button"
          aria-label={redoText ? `Redo ${redoText}` : 'Redo'}
          isDisabled={!redoText}
          onPress={() => store.getState().redo()}
        >
          <Redo2 aria-hidden="true" size={16} />
        </Button>
        <Slider
          className="zoom"
          minValue={MIN_PX_PER_SECOND}
          maxValue={MAX_PX_PER_SECOND}
          value={pxPerSecond}
          onChange={(v) => setPxPerSecond(Array.isArray(v) ? (v[0] ?? pxPerSecond) : v)}
        >
          <Label>Zoom</Label>
          <SliderTrack className="zoom__track">
            <SliderThumb className="zoom__thumb" />
          </SliderTrack>
        </Slider>
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <div className="timeline__lanes" ref={lanes} onPointerDown={seekToPointer}>
        <div className="timeline__content" style={{ width: msToPx(durationMs, pxPerSecond) + 200 }}>
          <TimelineRuler ticks={ticks} markers={markers} />
          <div className="lane lane--video" aria-label="Video track" role="group">
            {boxes.map((box) => {
              const clip = timeline.clips.find((c) => c.id === box.clipId)
              const name = clip ? (mediaNames[clip.mediaId] ?? 'Clip') : 'Clip'
              return (
                <Button
                  key={box.clipId}
                  className="clip"
                  data-selected={selected === box.clipId || undefined}
                  aria-pressed={selected === box.clipId}
                  aria-label={`Clip ${name}`}
                  style={{ left: box.left, width: box.width }}
                  onPress={() =>
                    store
                      .getState()
                      .select(selected === box.clipId ? [] : [{ kind: 'clip', id: box.clipId }])
                  }
                >
                  <span className="clip__name">{name}</span>
                </Button>
              )
            })}
            {transitions.map((mark) => (
              <span
                key={mark.clipId}
                className="transition-mark"
                role="img"
                aria-label={mark.label}
                title={mark.label}
                style={{ left: mark.left, width: mark.width }}
              />
            ))}
          </div>
          <div className="lane lane--text" aria-label="Text track" role="group">
            {timeline.texts.map((t) => (
              <span
                key={t.id}
                className="lane__item"
                style={{
                  left: msToPx(t.startMs, pxPerSecond),
                  width: msToPx(t.endMs - t.startMs, pxPerSecond),
                }}
              >
                {t.text}
              </span>
            ))}
          </div>
          <div className="lane lane--audio" aria-label="Music track" role="group">
            {timeline.audio.music ? (
              <span
                className="lane__item"
                style={{ left: 0, width: msToPx(durationMs, pxPerSecond) }}
              >
                {mediaNames[timeline.audio.music.mediaId] ?? 'Music'}
              </span>
            ) : null}
          </div>
          <div
            className="playhead"
            aria-hidden="true"
            style={{ left: msToPx(playheadMs, pxPerSecond) }}
          />
        </div>
      </div>
    </section>
  )
}
