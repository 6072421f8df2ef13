import { CloudOff } from 'lucide-react'
import { createContext, memo, useContext, useMemo, useRef, type KeyboardEvent } from 'react'
import { mergeProps, useMove } from 'react-aria'
import { moveClip } from '../../../../shared/timeline/edit'
import type { Timeline } from '../../../../shared/timeline/model'
import { sameItem, type ItemRef } from '../../../../shared/timeline/selection'
import { moveItems, trimItem, type Edge } from '../../../../shared/timeline/timing-edit'
import type { ProjectStore } from '../project/project-store'
import { perFrame, useTimelineDrag } from './drag-state'
import { dragSnapPoints, reorderIndex, snapDelta, type LaneItem, type LaneKind } from './lanes'
import { frameAt, useFilmstrip, useWaveform } from './strips'
import { msToPx, pxToMs } from './timeline-layout'

export interface TimelineContextValue {
  store: ProjectStore
  pxPerSecond: number
  snapping: boolean
  readOnly: boolean
  /** Length of a media file (clamps trims), when known. */
  mediaDurationMs(mediaId: string): number | undefined
}

export const TimelineContext = createContext<TimelineContextValue | null>(null)

function useTimelineContext(): TimelineContextValue {
  const value = useContext(TimelineContext)
  if (!value) throw new Error('TimelineItem outside TimelineView')
  return value
}

const frameMs = (t: Timeline) => 1000 / t.fps

const KIND_WORD: Record<ItemRef['kind'], string> = {
  clip: 'clip',
  overlay: 'overlay',
  text: 'text',
  image: 'image',
  music: 'music',
  marker: 'product tag',
}

function FilmStrip({ item, width }: { item: LaneItem; width: number }) {
  const { store, pxPerSecond, mediaDurationMs } = useTimelineContext()
  const mediaId = item.mediaId
  const strip = useFilmstrip(mediaId, mediaId ? (mediaDurationMs(mediaId) ?? null) : null)
  if (!strip || strip.urls.length === 0) return null
  const t = store.getState().history.present.state
  const source =
    item.ref.kind === 'clip'
      ? t.clips.find((c) => c.id === item.ref.id)
      : t.overlays.find((o) => o.id === item.ref.id)
  if (!source) return null
  const tile = 64
  const count = Math.min(40, Math.ceil(width / tile))
  return (
    <div className="filmstrip" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => {
        const atMs = source.inMs + pxToMs((i + 0.5) * tile, pxPerSecond) * source.speed
        return <img key={i} src={frameAt(strip, atMs)} alt="" draggable={false} />
      })}
    </div>
  )
}

function WaveStrip({ item, width }: { item: LaneItem; width: number }) {
  const { store, pxPerSecond, mediaDurationMs } = useTimelineContext()
  const mediaId = item.mediaId
  const fileMs = mediaId ? (mediaDurationMs(mediaId) ?? null) : null
  const peaks = useWaveform(mediaId, fileMs)
  const path = useMemo(() => {
    const music = store.getState().history.present.state.audio.music
    if (!peaks || !fileMs || !music || width < 2) return null
    const height = 28
    const columns = Math.min(600, Math.ceil(width / 2))
    const points: string[] = []
    for (let i = 0; i < columns; i++) {
      const ms = music.inMs + pxToMs((i / columns) * width, pxPerSecond)
      const peak = peaks[Math.min(peaks.length - 1, Math.floor((ms / fileMs) * peaks.length))] ?? 0
      const h = Math.max(0.5, peak * height)
      points.push(`M${(i / columns) * width} ${(height - h) / 2}v${h}`)
    }
    return points.join('')
  }, [peaks, fileMs, width, pxPerSecond, store])
  if (!path) return null
  return (
    <svg
      className="wavestrip"
      aria-hidden="true"
      height={28}
      width={width}
      viewBox={`0 0 ${width} 28`}
      preserveAspectRatio="none"
    >
      <path d={path} />
    </svg>
  )
}

/** A trim handle: the edge's time, as a slider the arrow keys move one frame (Shift: 1 s). */
function TrimHandle({ item, edge, label }: { item: LaneItem; edge: Edge; label: string }) {
  const { store, pxPerSecond, snapping, mediaDurationMs } = useTimelineContext()
  const drag = useRef({ dx: 0, base: null as Timeline | null, alt: false })
  const update = useMemo(
    () =>
      perFrame((alt: boolean) => {
        const base = drag.current.base
        if (!base) return
        let delta = pxToMs(drag.current.dx, pxPerSecond)
        if (snapping) {
          const edgeMs = edge === 'start' ? item.startMs : item.endMs
          const snapped = snapDelta(
            [edgeMs],
            delta,
            dragSnapPoints(base, store.getState().playheadMs, [item.ref]),
            pxPerSecond,
          )
          delta = snapped.deltaMs
          useTimelineDrag.getState().set({ snapAtMs: snapped.at })
        }
        try {
          store
            .getState()
            .setDraft(trimItem(base, item.ref, edge, delta, { ripple: !alt, mediaDurationMs }))
        } catch {
          // A position the model refuses (a transition longer than the clip): stay put.
        }
      }),
    [edge, item, pxPerSecond, snapping, store, mediaDurationMs],
  )
  const { moveProps } = useMove({
    onMoveStart(e) {
      drag.current = { dx: 0, base: store.getState().history.present.state, alt: e.altKey }
    },
    onMove(e) {
      if (e.pointerType === 'keyboard') {
        const t = store.getState().history.present.state
        const step = (e.shiftKey ? 1000 : frameMs(t)) * Math.sign(e.deltaX || e.deltaY)
        store
          .getState()
          .edit(
            `Trim ${KIND_WORD[item.ref.kind]}`,
            (tl) => trimItem(tl, item.ref, edge, step, { ripple: !e.altKey, mediaDurationMs }),
            { coalesceKey: `trim-${edge}-${item.ref.id}` },
          )
        return
      }
      drag.current.dx += e.deltaX
      drag.current.alt = e.altKey
      update.schedule(e.altKey)
    },
    onMoveEnd(e) {
      if (e.pointerType === 'keyboard') return
      update.flush()
      useTimelineDrag.getState().set({ snapAtMs: null })
      store.getState().commitDraft(`Trim ${KIND_WORD[item.ref.kind]}`)
      drag.current.base = null
    },
  })
  const value = edge === 'start' ? item.startMs : item.endMs
  return (
    <div
      {...moveProps}
      role="slider"
      tabIndex={0}
      aria-label={`${edge === 'start' ? 'Start' : 'End'} of ${label}`}
      aria-valuemin={0}
      aria-valuemax={Math.max(value, item.endMs) + 600_000}
      aria-valuenow={Math.round(value)}
      aria-valuetext={`${(value / 1000).toFixed(2)} s`}
      aria-description="Drag to trim; arrow keys trim a frame, Shift+arrows a second; hold Alt to trim without moving what follows"
      className={`trim-handle trim-handle--${edge}`}
    />
  )
}

/**
 * One block on a lane: click to select (Ctrl/Cmd/Shift adds), drag to move (main-track clips
 * reorder; overlay clips also change track), drag an edge to trim. Every drag has its keyboard
 * form: arrow keys move by a frame (Shift: a second; main-track clips move one place), Alt+Up/
 * Down changes an overlay's track.
 */
export const TimelineItem = memo(function TimelineItem({
  item,
  lane,
  selected,
  missing,
}: {
  item: LaneItem
  lane: LaneKind
  selected: boolean
  /** Why the media is not playable here ("not on this device"), or null. */
  missing: string | null
}) {
  const { store, pxPerSecond, snapping, readOnly } = useTimelineContext()
  const reorder = useTimelineDrag((s) => (s.reorder?.clipId === item.ref.id ? s.reorder : null))
  const drag = useRef({
    dx: 0,
    dy: 0,
    base: null as Timeline | null,
    refs: [] as ItemRef[],
    moved: false,
  })
  const update = useMemo(
    () =>
      perFrame(() => {
        const { base, refs } = drag.current
        if (!base) return
        let delta = pxToMs(drag.current.dx, pxPerSecond)
        if (snapping) {
          const snapped = snapDelta(
            [item.startMs, item.endMs],
            delta,
            dragSnapPoints(base, store.getState().playheadMs, refs),
            pxPerSecond,
          )
          delta = snapped.deltaMs
          useTimelineDrag.getState().set({ snapAtMs: snapped.at })
        }
        // Lanes are 40 px apart: half of that dragged up or down changes the overlay track.
        const trackDelta = lane === 'overlay' ? -Math.round(drag.current.dy / 40) : 0
        try {
          store.getState().setDraft(moveItems(base, refs, delta, trackDelta))
        } catch {
          // Refused positions leave the item where it was.
        }
      }),
    [item, lane, pxPerSecond, snapping, store],
  )

  const select = (additive: boolean) => {
    if (additive) store.getState().toggleSelected(item.ref)
    else if (!selected) store.getState().select([item.ref])
  }

  const { moveProps } = useMove({
    onMoveStart(e) {
      const state = store.getState()
      const refs = selected ? state.selection.filter((r) => r.kind !== 'clip') : [item.ref]
      drag.current = {
        dx: 0,
        dy: 0,
        base: state.history.present.state,
        refs: refs.length ? refs : [item.ref],
        moved: false,
      }
      if (e.pointerType !== 'keyboard' && !selected) state.select([item.ref])
    },
    onMove(e) {
      if (readOnly) return
      const t = store.getState().history.present.state
      if (e.pointerType === 'keyboard') {
        if (item.ref.kind === 'clip') {
          const from = t.clips.findIndex((c) => c.id === item.ref.id)
          const to = Math.min(t.clips.length - 1, Math.max(0, from + Math.sign(e.deltaX)))
          if (to !== from) store.getState().edit('Move clip', (tl) => moveClip(tl, item.ref.id, to))
          return
        }
        const refs = selected ? store.getState().selection : [item.ref]
        if (e.deltaY !== 0 && e.altKey && item.ref.kind === 'overlay') {
          store
            .getState()
            .edit('Change track', (tl) => moveItems(tl, refs, 0, -Math.sign(e.deltaY)))
          return
        }
        if (e.deltaX === 0) return
        const step = (e.shiftKey ? 1000 : frameMs(t)) * Math.sign(e.deltaX)
        store
          .getState()
          .edit(`Move ${KIND_WORD[item.ref.kind]}`, (tl) => moveItems(tl, refs, step), {
            coalesceKey: `move-${item.ref.id}`,
          })
        return
      }
      drag.current.dx += e.deltaX
      drag.current.dy += e.deltaY
      drag.current.moved = true
      if (item.ref.kind === 'clip') {
        const base = drag.current.base ?? t
        const index = reorderIndex(
          base,
          item.ref.id,
          item.left + drag.current.dx + item.width / 2,
          pxPerSecond,
        )
        const others = base.clips.filter((c) => c.id !== item.ref.id)
        // The boundary the clip would land at, for the insertion line.
        let insertAtMs = 0
        for (let i = 0; i < index; i++) {
          const c = others[i]
          if (c) insertAtMs += (c.outMs - c.inMs) / c.speed
        }
        useTimelineDrag.getState().set({
          reorder: {
            clipId: item.ref.id,
            dx: drag.current.dx,
            insertAtPx: msToPx(insertAtMs, pxPerSecond),
          },
        })
        return
      }
      update.schedule()
    },
    onMoveEnd(e) {
      if (e.pointerType === 'keyboard' || readOnly) return
      const base = drag.current.base
      drag.current.base = null
      if (!drag.current.moved || !base) return
      if (item.ref.kind === 'clip') {
        const index = reorderIndex(
          base,
          item.ref.id,
          item.left + drag.current.dx + item.width / 2,
          pxPerSecond,
        )
        useTimelineDrag.getState().set({ reorder: null })
        store.getState().edit('Move clip', (t) => moveClip(t, item.ref.id, index))
        return
      }
      update.flush()
      useTimelineDrag.getState().set({ snapAtMs: null })
      store.getState().commitDraft(`Move ${KIND_WORD[item.ref.kind]}`)
    },
  })

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      e.stopPropagation()
      select(e.ctrlKey || e.metaKey || e.shiftKey)
    }
  }
  const style = {
    left: item.left,
    width: item.width,
    transform: reorder ? `translateX(${reorder.dx}px)` : undefined,
  }
  const label = `${item.label}${missing ? `, ${missing}` : ''}`
  return (
    <div
      className={`timeline-item timeline-item--${lane}`}
      data-selected={selected || undefined}
      data-missing={missing ? true : undefined}
      data-dragging={reorder ? true : undefined}
      style={style}
    >
      <div
        {...mergeProps(readOnly ? {} : moveProps, { onKeyDown })}
        role="button"
        tabIndex={0}
        aria-label={label}
        aria-pressed={selected}
        aria-description={
          readOnly
            ? undefined
            : item.ref.kind === 'clip'
              ? 'Drag, or Left and Right arrow keys, to move it along the video track'
              : 'Drag, or arrow keys (a frame; Shift: a second), to move it in time'
        }
        className="timeline-item__body"
        onClick={(e) => {
          select(e.ctrlKey || e.metaKey || e.shiftKey)
          // Clicking a clip puts the playhead where it was clicked: S then splits there.
          if (!(e.ctrlKey || e.metaKey || e.shiftKey) && item.ref.kind === 'clip') {
            const rect = e.currentTarget.getBoundingClientRect()
            store.getState().seek(item.startMs + pxToMs(e.clientX - rect.left, pxPerSecond))
          }
        }}
      >
        {lane === 'main' || lane === 'overlay' ? (
          <FilmStrip item={item} width={item.width} />
        ) : null}
        {lane === 'music' ? <WaveStrip item={item} width={item.width} /> : null}
        <span className="timeline-item__title">{item.title}</span>
        {missing ? (
          <CloudOff aria-hidden="true" size={12} className="timeline-item__missing" />
        ) : null}
      </div>
      {!readOnly && selected && item.ref.kind !== 'marker' ? (
        <>
          <TrimHandle item={item} edge="start" label={item.label} />
          <TrimHandle item={item} edge="end" label={item.label} />
        </>
      ) : null}
    </div>
  )
}, sameProps)

function sameProps(
  a: { item: LaneItem; lane: LaneKind; selected: boolean; missing: string | null },
  b: { item: LaneItem; lane: LaneKind; selected: boolean; missing: string | null },
): boolean {
  return (
    a.lane === b.lane &&
    a.selected === b.selected &&
    a.missing === b.missing &&
    sameItem(a.item.ref, b.item.ref) &&
    a.item.left === b.item.left &&
    a.item.width === b.item.width &&
    a.item.label === b.item.label &&
    a.item.title === b.item.title
  )
}
