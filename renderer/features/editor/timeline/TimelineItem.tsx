import { CloudOff } from 'lucide-react'
import {
  createContext,
  memo,
  useContext,
  useMemo,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type RefObject,
} from 'react'
import { mergeProps, useMove } from 'react-aria'
import { moveClip } from '../../../../shared/timeline/edit'
import type { Timeline } from '../../../../shared/timeline/model'
import { itemKey, sameItem, type ItemRef } from '../../../../shared/timeline/selection'
import {
  moveItems,
  trimItem,
  unvalidated,
  type Edge,
} from '../../../../shared/timeline/timing-edit'
import type { ProjectStore } from '../project/project-store'
import { createDragPreview, type DragPreview } from './drag-preview'
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

/** Frames of the clip's source along its block; memoised, so moving a block redraws nothing. */
const FilmStrip = memo(function FilmStrip({
  mediaId,
  durationMs,
  inMs,
  speed,
  width,
  pxPerSecond,
}: {
  mediaId: string
  durationMs: number | null
  inMs: number
  speed: number
  width: number
  pxPerSecond: number
}) {
  const strip = useFilmstrip(mediaId, durationMs)
  if (!strip || strip.urls.length === 0) return null
  const tile = 64
  const count = Math.min(40, Math.ceil(width / tile))
  return (
    <div className="filmstrip" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => {
        const atMs = inMs + pxToMs((i + 0.5) * tile, pxPerSecond) * speed
        return <img key={i} src={frameAt(strip, atMs)} alt="" draggable={false} />
      })}
    </div>
  )
})

function ItemFilmStrip({ item }: { item: LaneItem }) {
  const { store, pxPerSecond, mediaDurationMs } = useTimelineContext()
  const t = store.getState().history.present.state
  const source =
    item.ref.kind === 'clip'
      ? t.clips.find((c) => c.id === item.ref.id)
      : t.overlays.find((o) => o.id === item.ref.id)
  if (!source || !item.mediaId) return null
  return (
    <FilmStrip
      mediaId={item.mediaId}
      durationMs={mediaDurationMs(item.mediaId) ?? null}
      inMs={source.inMs}
      speed={source.speed}
      width={item.width}
      pxPerSecond={pxPerSecond}
    />
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
function TrimHandle({
  item,
  edge,
  label,
  root,
}: {
  item: LaneItem
  edge: Edge
  label: string
  root: RefObject<HTMLDivElement | null>
}) {
  const { store, pxPerSecond, snapping, mediaDurationMs } = useTimelineContext()
  const drag = useRef({
    dx: 0,
    alt: false,
    base: null as Timeline | null,
    points: [] as number[],
    preview: null as DragPreview | null,
  })
  const compute = (base: Timeline, alt: boolean) => {
    let delta = pxToMs(drag.current.dx, pxPerSecond)
    let at: number | null = null
    if (snapping) {
      const edgeMs = edge === 'start' ? item.startMs : item.endMs
      ;({ deltaMs: delta, at } = snapDelta([edgeMs], delta, drag.current.points, pxPerSecond))
    }
    return { delta, at, options: { ripple: !alt, mediaDurationMs } }
  }
  const update = useMemo(
    () =>
      perFrame(() => {
        const { base, preview, alt } = drag.current
        if (!base || !preview) return
        const { delta, at, options } = compute(base, alt)
        useTimelineDrag.getState().set({ snapAtMs: at })
        try {
          preview.show(unvalidated(() => trimItem(base, item.ref, edge, delta, options)))
        } catch {
          // A position the model refuses (a transition longer than the clip): stay put.
        }
      }),
    // compute reads the latest props through the closure of this render.
    [edge, item, pxPerSecond, snapping, store, mediaDurationMs],
  )
  const { moveProps } = useMove({
    onMoveStart(e) {
      const base = store.getState().history.present.state
      drag.current = {
        dx: 0,
        alt: e.altKey,
        base,
        points: dragSnapPoints(base, store.getState().playheadMs, [item.ref]),
        preview: createDragPreview(root.current?.closest('.timeline__lanes'), base, pxPerSecond),
      }
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
      update.schedule()
    },
    onMoveEnd(e) {
      if (e.pointerType === 'keyboard') return
      update.cancel()
      const { base, preview, alt } = drag.current
      drag.current.base = null
      useTimelineDrag.getState().set({ snapAtMs: null })
      preview?.clear()
      if (!base || drag.current.dx === 0) return
      const { delta, options } = compute(base, alt)
      store
        .getState()
        .edit(`Trim ${KIND_WORD[item.ref.kind]}`, (t) =>
          trimItem(t, item.ref, edge, delta, options),
        )
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
  const root = useRef<HTMLDivElement>(null)
  const drag = useRef({
    dx: 0,
    dy: 0,
    base: null as Timeline | null,
    refs: [] as ItemRef[],
    moved: false,
    points: [] as number[],
    preview: null as DragPreview | null,
  })
  /** Where the pointer's drag lands: snapped time and overlay track change. */
  const target = () => {
    let delta = pxToMs(drag.current.dx, pxPerSecond)
    let at: number | null = null
    if (snapping) {
      ;({ deltaMs: delta, at } = snapDelta(
        [item.startMs, item.endMs],
        delta,
        drag.current.points,
        pxPerSecond,
      ))
    }
    // Overlay lanes are about 40 px apart: half of that up or down changes the track.
    const trackDelta = lane === 'overlay' ? -Math.round(drag.current.dy / 38) : 0
    return { delta, at, trackDelta }
  }
  const update = useMemo(
    () =>
      perFrame(() => {
        const { base, refs, preview } = drag.current
        if (!base || !preview) return
        const { delta, at, trackDelta } = target()
        useTimelineDrag.getState().set({ snapAtMs: at })
        try {
          preview.show(
            unvalidated(() => moveItems(base, refs, delta, 0)),
            trackDelta ? drag.current.dy : 0,
          )
        } catch {
          // Refused positions leave the item where it was.
        }
      }),
    // target reads the latest props through the closure of this render.
    [item, lane, pxPerSecond, snapping, store],
  )

  const select = (additive: boolean) => {
    if (additive) store.getState().toggleSelected(item.ref)
    else if (!selected) store.getState().select([item.ref])
  }

  const { moveProps } = useMove({
    onMoveStart(e) {
      const state = store.getState()
      const chosen = selected ? state.selection.filter((r) => r.kind !== 'clip') : [item.ref]
      const refs = chosen.length ? chosen : [item.ref]
      const base = state.history.present.state
      drag.current = {
        dx: 0,
        dy: 0,
        base,
        refs,
        moved: false,
        points: dragSnapPoints(base, state.playheadMs, refs),
        preview:
          item.ref.kind === 'clip'
            ? null
            : createDragPreview(
                root.current?.closest('.timeline__lanes'),
                base,
                pxPerSecond,
                refs.filter((r) => r.kind === 'overlay'),
              ),
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
      update.cancel()
      useTimelineDrag.getState().set({ snapAtMs: null })
      drag.current.preview?.clear()
      const { delta, trackDelta } = target()
      const refs = drag.current.refs
      store
        .getState()
        .edit(`Move ${KIND_WORD[item.ref.kind]}`, (t) => moveItems(t, refs, delta, trackDelta))
    },
  })

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      e.stopPropagation()
      select(e.ctrlKey || e.metaKey || e.shiftKey)
    }
  }
  // The width is a custom property so a drag's preview can add to it (see drag-preview.ts).
  const style = {
    left: item.left,
    '--item-w': `${item.width}px`,
    transform: reorder ? `translateX(${reorder.dx}px)` : undefined,
  } as CSSProperties
  const label = `${item.label}${missing ? `, ${missing}` : ''}`
  return (
    <div
      ref={root}
      data-key={itemKey(item.ref)}
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
        {lane === 'main' || lane === 'overlay' ? <ItemFilmStrip item={item} /> : null}
        {lane === 'music' ? <WaveStrip item={item} width={item.width} /> : null}
        <span className="timeline-item__title">{item.title}</span>
        {missing ? (
          <CloudOff aria-hidden="true" size={12} className="timeline-item__missing" />
        ) : null}
      </div>
      {!readOnly && selected && item.ref.kind !== 'marker' ? (
        <>
          <TrimHandle item={item} edge="start" label={item.label} root={root} />
          <TrimHandle item={item} edge="end" label={item.label} root={root} />
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
