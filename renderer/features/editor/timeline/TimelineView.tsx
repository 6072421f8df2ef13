import {
  Copy,
  Magnet,
  Maximize2,
  Scissors,
  Trash2,
  Type,
  ZoomIn,
  ZoomOut,
  ClipboardPaste,
} from 'lucide-react'
import { useEffect, useMemo, useRef, type PointerEvent, type RefObject } from 'react'
import {
  Button,
  Label,
  Slider,
  SliderThumb,
  SliderTrack,
  ToggleButton,
} from 'react-aria-components'
import { useStore } from 'zustand'
import type { MediaDoc } from '../../../../shared/data/registry'
import { itemKey, sameItem } from '../../../../shared/timeline/selection'
import { timelineDurationMs } from '../../../../shared/timeline/time'
import { useEditorPrefs } from '../editor-prefs'
import { addTextAt } from '../inspector/TextInspector'
import { useLocalMedia } from '../media/local-media-store'
import { availabilityOf } from '../media/media-transfers'
import { clipboardHas, shownTimeline, type ProjectStore } from '../project/project-store'
import { useTimelineDrag } from './drag-state'
import { fitZoom, layoutLanes, type Lane } from './lanes'
import { TimelineContext, TimelineItem, type TimelineContextValue } from './TimelineItem'
import {
  clampZoom,
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
import { TimelineRuler } from './TimelineRuler'
import './timeline.css'

const LANE_ICON: Record<Lane['kind'], string> = {
  text: 'T',
  image: 'Img',
  overlay: 'V',
  main: 'Main',
  music: '♪',
}

function InsertionLine() {
  const reorder = useTimelineDrag((s) => s.reorder)
  return reorder ? (
    <div className="insertion-line" aria-hidden="true" style={{ left: reorder.insertAtPx }} />
  ) : null
}

/** The playhead line: the only part of the lanes that changes with every frame played. */
function Playhead({ store, pxPerSecond }: { store: ProjectStore; pxPerSecond: number }) {
  const playheadMs = useStore(store, (s) => s.playheadMs)
  return (
    <div
      className="playhead"
      aria-hidden="true"
      style={{ left: msToPx(playheadMs, pxPerSecond) }}
    />
  )
}

/** Keeps the playhead in view while playing or stepping. */
function FollowPlayhead({
  store,
  pxPerSecond,
  scroller,
}: {
  store: ProjectStore
  pxPerSecond: number
  scroller: RefObject<HTMLDivElement | null>
}) {
  const playheadMs = useStore(store, (s) => s.playheadMs)
  useEffect(() => {
    const element = scroller.current
    if (!element) return
    const x = msToPx(playheadMs, pxPerSecond)
    if (x < element.scrollLeft || x > element.scrollLeft + element.clientWidth - 40) {
      element.scrollLeft = Math.max(0, x - element.clientWidth / 3)
    }
  }, [playheadMs, pxPerSecond, scroller])
  return null
}

function SnapLine({ pxPerSecond }: { pxPerSecond: number }) {
  const at = useTimelineDrag((s) => s.snapAtMs)
  return at === null ? null : (
    <div className="snap-line" aria-hidden="true" style={{ left: msToPx(at, pxPerSecond) }} />
  )
}

/**
 * The timeline: a ruler to seek on, lanes of texts, images, overlay tracks, the main track and
 * the music, each item dragged to move and trimmed at its edges (ripple by default, Alt for
 * none), snapping to the playhead, edges and tags; zoom with Ctrl+wheel or Fit; and the edit
 * buttons, with the same commands as the shortcuts.
 */
export function TimelineView({
  store,
  mediaNames,
  mediaDocs,
}: {
  store: ProjectStore
  /** Display names of the media the items use, by media id. */
  mediaNames: Readonly<Record<string, string>>
  mediaDocs: Readonly<Record<string, MediaDoc>>
}) {
  const timeline = useStore(store, shownTimeline)
  const selection = useStore(store, (s) => s.selection)
  const readOnly = useStore(store, (s) => s.readOnlyReason !== null)
  const pxPerSecond = useEditorPrefs((s) => s.pxPerSecond)
  const snapping = useEditorPrefs((s) => s.snapping)
  const localOriginal = useLocalMedia((s) => s.original)
  const scroller = useRef<HTMLDivElement>(null)
  const durationMs = timelineDurationMs(timeline)
  const musicId = timeline.audio.music?.mediaId
  const lanes = useMemo(
    () =>
      layoutLanes(
        timeline,
        pxPerSecond,
        mediaNames,
        musicId ? (mediaDocs[musicId]?.durationMs ?? undefined) : undefined,
      ),
    [timeline, pxPerSecond, mediaNames, mediaDocs, musicId],
  )
  const transitions = useMemo(
    () => layoutTransitions(timeline, pxPerSecond),
    [timeline, pxPerSecond],
  )
  const markers = useMemo(() => layoutMarkers(timeline, pxPerSecond), [timeline, pxPerSecond])
  const ticks = useMemo(
    () => rulerTicks(Math.max(durationMs, 10_000), pxPerSecond),
    [durationMs, pxPerSecond],
  )
  const seekPoints = useMemo(() => (snapping ? snapPoints(timeline) : []), [timeline, snapping])
  const contentWidth = msToPx(Math.max(durationMs, 10_000), pxPerSecond) + 240
  const setZoom = (px: number) => useEditorPrefs.getState().set({ pxPerSecond: clampZoom(px) })

  const context = useMemo<TimelineContextValue>(
    () => ({
      store,
      pxPerSecond,
      snapping,
      readOnly,
      mediaDurationMs: (id) => mediaDocs[id]?.durationMs ?? undefined,
    }),
    [store, pxPerSecond, snapping, readOnly, mediaDocs],
  )

  // Ctrl/Cmd+wheel zooms around the pointer (a non-passive listener: the page must not zoom).
  useEffect(() => {
    const element = scroller.current
    if (!element) return
    const onWheel = (e: WheelEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return
      e.preventDefault()
      const current = useEditorPrefs.getState().pxPerSecond
      const next = clampZoom(current * Math.exp(-e.deltaY * 0.002))
      const x = e.clientX - element.getBoundingClientRect().left
      const atMs = pxToMs(element.scrollLeft + x, current)
      useEditorPrefs.getState().set({ pxPerSecond: next })
      requestAnimationFrame(() => {
        element.scrollLeft = msToPx(atMs, next) - x
      })
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => element.removeEventListener('wheel', onWheel)
  }, [])

  // A click on an empty part of a lane seeks there and clears the selection.
  const onLanesPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement
    if (target.closest('.timeline-item') || e.button !== 0) return
    const rect = e.currentTarget.getBoundingClientRect()
    store.getState().seek(snap(pxToMs(e.clientX - rect.left, pxPerSecond), seekPoints, pxPerSecond))
    if (!(e.ctrlKey || e.metaKey || e.shiftKey)) store.getState().select([])
  }

  const missingText = (mediaId: string | null): string | null => {
    if (!mediaId) return null
    const doc = mediaDocs[mediaId]
    if (!doc) return null
    const where = availabilityOf(doc, { original: localOriginal, thumbnail: {} })
    return where === 'remote'
      ? 'not on this device yet (downloading, or download it from the media panel)'
      : where === 'missing'
        ? 'not on this device and not uploaded: relink it from the media panel'
        : null
  }
  const selectedCount = selection.length

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline__toolbar" role="toolbar" aria-label="Timeline tools">
        <Button
          className="icon-button"
          aria-label="Split at playhead (S)"
          isDisabled={readOnly}
          onPress={() => store.getState().splitAtPlayhead()}
        >
          <Scissors aria-hidden="true" size={16} />
        </Button>
        <Button
          className="icon-button"
          aria-label={
            selectedCount > 1
              ? `Delete ${selectedCount} selected items (Delete)`
              : 'Delete selected (Delete)'
          }
          isDisabled={selectedCount === 0 || readOnly}
          onPress={() => store.getState().deleteSelection()}
        >
          <Trash2 aria-hidden="true" size={16} />
        </Button>
        <Button
          className="icon-button"
          aria-label="Copy (Ctrl+C)"
          isDisabled={selectedCount === 0}
          onPress={() => store.getState().copySelection()}
        >
          <Copy aria-hidden="true" size={16} />
        </Button>
        <Button
          className="icon-button"
          aria-label="Paste at playhead (Ctrl+V)"
          isDisabled={readOnly || !clipboardHas()}
          onPress={() => store.getState().paste()}
        >
          <ClipboardPaste aria-hidden="true" size={16} />
        </Button>
        <Button
          className="button timeline__add-text"
          isDisabled={durationMs === 0 || readOnly}
          onPress={() => addTextAt(store, store.getState().playheadMs, durationMs)}
          aria-label="Add text at playhead"
        >
          <Type aria-hidden="true" size={14} /> Text
        </Button>
        <span className="timeline__spacer" />
        <ToggleButton
          className="icon-button"
          aria-label="Snapping"
          isSelected={snapping}
          onChange={(on) => useEditorPrefs.getState().set({ snapping: on })}
        >
          <Magnet aria-hidden="true" size={16} />
        </ToggleButton>
        <Button
          className="icon-button"
          aria-label="Zoom out"
          onPress={() => setZoom(pxPerSecond / 1.5)}
        >
          <ZoomOut aria-hidden="true" size={16} />
        </Button>
        <Slider
          className="zoom"
          minValue={MIN_PX_PER_SECOND}
          maxValue={MAX_PX_PER_SECOND}
          value={pxPerSecond}
          onChange={(v) => setZoom(Array.isArray(v) ? (v[0] ?? pxPerSecond) : v)}
        >
          <Label className="visually-hidden">Zoom</Label>
          <SliderTrack className="zoom__track">
            <SliderThumb className="zoom__thumb" />
          </SliderTrack>
        </Slider>
        <Button
          className="icon-button"
          aria-label="Zoom in"
          onPress={() => setZoom(pxPerSecond * 1.5)}
        >
          <ZoomIn aria-hidden="true" size={16} />
        </Button>
        <Button
          className="icon-button"
          aria-label="Fit the timeline to the window"
          onPress={() => setZoom(fitZoom(durationMs, (scroller.current?.clientWidth ?? 800) - 40))}
        >
          <Maximize2 aria-hidden="true" size={16} />
        </Button>
      </div>
      <div className="timeline__body">
        <div className="timeline__heads" aria-hidden="true">
          <div className="timeline__head timeline__head--ruler" />
          {lanes.map((lane) => (
            <div
              key={lane.id}
              className={`timeline__head timeline__head--${lane.kind}`}
              title={lane.name}
            >
              {lane.kind === 'overlay'
                ? `${LANE_ICON.overlay}${(lane.track ?? 1) + 1}`
                : LANE_ICON[lane.kind]}
            </div>
          ))}
        </div>
        <div className="timeline__scroller" ref={scroller}>
          <div className="timeline__content" style={{ width: contentWidth }}>
            <TimelineRuler
              store={store}
              ticks={ticks}
              markers={markers}
              pxPerSecond={pxPerSecond}
              durationMs={durationMs}
              fps={timeline.fps}
              snapPoints={seekPoints}
            />
            <TimelineContext.Provider value={context}>
              <div className="timeline__lanes" onPointerDown={onLanesPointerDown}>
                {lanes.map((lane) => (
                  <div
                    key={lane.id}
                    className={`lane lane--${lane.kind}`}
                    role="group"
                    aria-label={lane.name}
                  >
                    {lane.items.map((item) => (
                      <TimelineItem
                        key={itemKey(item.ref)}
                        item={item}
                        lane={lane.kind}
                        selected={selection.some((r) => sameItem(r, item.ref))}
                        missing={lane.kind === 'text' ? null : missingText(item.mediaId)}
                      />
                    ))}
                    {lane.kind === 'main'
                      ? transitions.map((mark) => (
                          <span
                            key={mark.clipId}
                            className="transition-mark"
                            role="img"
                            aria-label={mark.label}
                            title={mark.label}
                            style={{ left: mark.left, width: mark.width }}
                          />
                        ))
                      : null}
                    {lane.kind === 'main' ? <InsertionLine /> : null}
                    {lane.kind === 'main' && lane.items.length === 0 ? (
                      <span className="lane__hint">
                        Add a video from the media panel with its + button.
                      </span>
                    ) : null}
                  </div>
                ))}
                <SnapLine pxPerSecond={pxPerSecond} />
              </div>
            </TimelineContext.Provider>
            <Playhead store={store} pxPerSecond={pxPerSecond} />
            <FollowPlayhead store={store} pxPerSecond={pxPerSecond} scroller={scroller} />
          </div>
        </div>
      </div>
    </section>
  )
}
