import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useMove } from 'react-aria'
import { useStore } from 'zustand'
import type { MediaDoc } from '../../../../shared/data/registry'
import { safeZoneFor } from '../../../../shared/platform/safe-zones'
import { canvasSize } from '../../../../shared/timeline/canvas'
import { updateImage, updateText } from '../../../../shared/timeline/edit'
import { imagePlacement } from '../../../../shared/timeline/ffmpeg-overlays'
import { overlayPlacement, displaySize } from '../../../../shared/timeline/placement'
import {
  itemKey,
  overlayEndMs,
  sameItem,
  type ItemRef,
} from '../../../../shared/timeline/selection'
import { timelineDurationMs } from '../../../../shared/timeline/time'
import { updateOverlay } from '../../../../shared/timeline/timing-edit'
import type { Timeline } from '../../../../shared/timeline/model'
import { shownTimeline, type ProjectStore } from '../project/project-store'
import {
  moveBox,
  NO_GUIDES,
  resizeFactor,
  snapLines,
  textBox,
  toScreen,
  type Box,
  type Guides,
} from './overlay-geometry'
import { ensureFont, measureText } from './text-metrics'
import { overlayVisible } from './text-layout'

/** Snapping distance on screen; converted to canvas pixels at the preview's scale. */
const SNAP_SCREEN_PX = 6
/** A keyboard nudge: 1 % of the canvas (Shift: 5 %). */
const NUDGE = 0.01

interface Handle {
  ref: ItemRef
  label: string
  box: Box
  /** Moves the item's centre to (x, y) fractions. */
  move(t: Timeline, x: number, y: number): Timeline
  /** Scales the item by a factor (text size, image or overlay width). */
  resize(t: Timeline, factor: number): Timeline
  ghost: ReactNode
}

function handlesAt(
  t: Timeline,
  atMs: number,
  media: Readonly<Record<string, MediaDoc>>,
  thumbs: Readonly<Record<string, string>>,
): Handle[] {
  const canvas = canvasSize(t.canvas)
  const total = timelineDurationMs(t)
  const handles: Handle[] = []
  const sizeOf = (mediaId: string) => {
    const doc = media[mediaId]
    return doc?.width && doc.height
      ? displaySize({ width: doc.width, height: doc.height, rotation: doc.rotation })
      : null
  }
  t.overlays.forEach((o, i) => {
    const source = sizeOf(o.mediaId)
    if (!source || atMs < o.startMs || atMs >= overlayEndMs(o) || o.startMs >= total) return
    const place = overlayPlacement(o, source, canvas)
    handles.push({
      ref: { kind: 'overlay', id: o.id },
      label: `Overlay ${i + 1}: ${media[o.mediaId]?.fileName ?? 'video'}`,
      box: {
        x: Math.round(o.x * canvas.width - place.scaled.width / 2),
        y: Math.round(o.y * canvas.height - place.scaled.height / 2),
        width: place.scaled.width,
        height: place.scaled.height,
      },
      move: (tl, x, y) => updateOverlay(tl, o.id, { x, y }),
      resize: (tl, f) =>
        updateOverlay(tl, o.id, { width: Math.min(1, Math.max(0.05, o.width * f)) }),
      ghost: thumbs[o.mediaId] ? <img src={thumbs[o.mediaId]} alt="" /> : null,
    })
  })
  t.images.forEach((image, i) => {
    const doc = media[image.mediaId]
    if (!doc?.width || !doc.height || !overlayVisible(image, atMs, total)) return
    const place = imagePlacement(
      image,
      {
        fileName: '',
        width: doc.width,
        height: doc.height,
        durationMs: 0,
        hasAudio: false,
        rotation: doc.rotation,
      },
      canvas,
    )
    handles.push({
      ref: { kind: 'image', id: image.id },
      label: `Image ${i + 1}: ${doc.fileName}`,
      box: place,
      move: (tl, x, y) => updateImage(tl, image.id, { x, y }),
      resize: (tl, f) =>
        updateImage(tl, image.id, { width: Math.min(1, Math.max(0.01, image.width * f)) }),
      ghost: thumbs[image.mediaId] ? <img src={thumbs[image.mediaId]} alt="" /> : null,
    })
  })
  t.texts.forEach((text) => {
    if (!overlayVisible(text, atMs, total)) return
    handles.push({
      ref: { kind: 'text', id: text.id },
      label: `Text “${text.text}”`,
      box: textBox(text, measureText(text), canvas),
      move: (tl, x, y) => updateText(tl, text.id, { x, y }),
      resize: (tl, f) =>
        updateText(tl, text.id, { size: Math.round(Math.min(400, Math.max(8, text.size * f))) }),
      ghost: null,
    })
  })
  return handles
}

function OverlayHandle({
  handle,
  scale,
  store,
  selected,
  lines,
  onGuides,
}: {
  handle: Handle
  scale: number
  store: ProjectStore
  selected: boolean
  lines: Guides
  onGuides(guides: Guides): void
}) {
  const canvas = canvasSize(store.getState().history.present.state.canvas)
  const drag = useRef({ dx: 0, dy: 0 })
  const [offset, setOffset] = useState<{ dx: number; dy: number; factor: number } | null>(null)
  const threshold = SNAP_SCREEN_PX / scale

  // A pointer drag is one edit when it ends; keyboard nudges in a row coalesce into one step.
  const apply = (label: string, change: (t: Timeline) => Timeline, keyboard: boolean) =>
    store
      .getState()
      .edit(label, change, keyboard ? { coalesceKey: `${label}-${itemKey(handle.ref)}` } : {})

  const move = useMove({
    onMoveStart() {
      drag.current = { dx: 0, dy: 0 }
      if (!selected) store.getState().select([handle.ref])
    },
    onMove(e) {
      const step =
        e.pointerType === 'keyboard' ? (e.shiftKey ? 5 : 1) * NUDGE * canvas.width : 1 / scale
      drag.current.dx += e.deltaX * step
      drag.current.dy += e.deltaY * step
      const result = moveBox(
        handle.box,
        drag.current.dx,
        drag.current.dy,
        canvas,
        lines,
        e.pointerType === 'keyboard' ? 0 : threshold,
      )
      onGuides(result.guides)
      setOffset({
        dx: result.x * canvas.width - (handle.box.x + handle.box.width / 2),
        dy: result.y * canvas.height - (handle.box.y + handle.box.height / 2),
        factor: 1,
      })
      if (e.pointerType === 'keyboard') {
        apply('Move on the preview', (t) => handle.move(t, result.x, result.y), true)
      }
    },
    onMoveEnd(e) {
      onGuides(NO_GUIDES)
      if (e.pointerType !== 'keyboard' && (drag.current.dx !== 0 || drag.current.dy !== 0)) {
        const result = moveBox(
          handle.box,
          drag.current.dx,
          drag.current.dy,
          canvas,
          lines,
          threshold,
        )
        apply('Move on the preview', (t) => handle.move(t, result.x, result.y), false)
      }
      setOffset(null)
    },
  })

  const resize = useMove({
    onMoveStart() {
      drag.current = { dx: 0, dy: 0 }
    },
    onMove(e) {
      const step = e.pointerType === 'keyboard' ? (e.shiftKey ? 40 : 8) : 1 / scale
      drag.current.dx += e.deltaX * step
      drag.current.dy += e.deltaY * step
      const factor = resizeFactor(handle.box, drag.current.dx, drag.current.dy)
      setOffset({ dx: 0, dy: 0, factor })
      if (e.pointerType === 'keyboard')
        apply('Resize on the preview', (t) => handle.resize(t, factor), true)
    },
    onMoveEnd(e) {
      if (e.pointerType !== 'keyboard' && (drag.current.dx !== 0 || drag.current.dy !== 0)) {
        const factor = resizeFactor(handle.box, drag.current.dx, drag.current.dy)
        apply('Resize on the preview', (t) => handle.resize(t, factor), false)
      }
      setOffset(null)
    },
  })

  const factor = offset?.factor ?? 1
  const box = {
    width: handle.box.width * factor,
    height: handle.box.height * factor,
    x: handle.box.x + (offset?.dx ?? 0) - (handle.box.width * (factor - 1)) / 2,
    y: handle.box.y + (offset?.dy ?? 0) - (handle.box.height * (factor - 1)) / 2,
  }
  const screen = toScreen(box, scale)
  return (
    <div
      className="preview-handle"
      data-selected={selected || undefined}
      data-dragging={offset ? true : undefined}
      style={{ left: screen.x, top: screen.y, width: screen.width, height: screen.height }}
    >
      <div
        {...move.moveProps}
        role="button"
        tabIndex={0}
        aria-label={`${handle.label}: drag to move, or arrow keys (Shift for bigger steps)`}
        aria-pressed={selected}
        className="preview-handle__body"
        onClick={() => store.getState().select([handle.ref])}
      >
        {offset ? handle.ghost : null}
      </div>
      {selected ? (
        <div
          {...resize.moveProps}
          role="button"
          tabIndex={0}
          aria-label={`Resize ${handle.label}: drag the corner, or arrow keys`}
          className="preview-handle__resize"
        />
      ) : null}
    </div>
  )
}

/**
 * Handles over the preview for the texts, images and overlay videos on screen at the playhead:
 * drag to move (snapping to the centre lines and the safe zone's edges, with guides), drag the
 * corner to resize; the same with the arrow keys. Each drag is one undo step.
 */
export function PreviewOverlays({
  store,
  scale,
  media,
  thumbs,
  showSafeZone,
}: {
  store: ProjectStore
  scale: number
  media: Readonly<Record<string, MediaDoc>>
  thumbs: Readonly<Record<string, string>>
  showSafeZone: boolean
}) {
  const timeline = useStore(store, shownTimeline)
  const playheadMs = useStore(store, (s) => s.playheadMs)
  const selection = useStore(store, (s) => s.selection)
  const readOnly = useStore(store, (s) => s.readOnlyReason !== null)
  const [guides, setGuides] = useState<Guides>(NO_GUIDES)
  const [, setFontsReady] = useState(0)
  const canvas = canvasSize(timeline.canvas)
  const zone = safeZoneFor(canvas)

  // Measure with the real fonts: re-render once they have loaded.
  const fonts = [...new Set(timeline.texts.map((t) => t.font))].join('|')
  useEffect(() => {
    let live = true
    void Promise.all(fonts.split('|').filter(Boolean).map(ensureFont)).then(
      () => live && setFontsReady((n) => n + 1),
    )
    return () => {
      live = false
    }
  }, [fonts])

  const handles = handlesAt(timeline, playheadMs, media, thumbs)
  const lines = snapLines(canvas, showSafeZone ? zone : null)
  return (
    <div className="preview-overlays" aria-label="Items on the preview" role="group">
      {showSafeZone && zone ? (
        <div className="safe-zone" aria-hidden="true">
          <div
            className="safe-zone__band safe-zone__band--top"
            style={{ height: `${zone.top * 100}%` }}
          >
            <span>{zone.labels.top}</span>
          </div>
          <div
            className="safe-zone__band safe-zone__band--bottom"
            style={{ height: `${zone.bottom * 100}%` }}
          >
            <span>{zone.labels.bottom}</span>
          </div>
          <div
            className="safe-zone__band safe-zone__band--right"
            style={{
              width: `${zone.right * 100}%`,
              top: `${zone.top * 100}%`,
              bottom: `${zone.bottom * 100}%`,
            }}
          >
            <span>{zone.labels.right}</span>
          </div>
        </div>
      ) : null}
      {readOnly
        ? null
        : handles.map((handle) => (
            <OverlayHandle
              key={itemKey(handle.ref)}
              handle={handle}
              scale={scale}
              store={store}
              selected={selection.some((r) => sameItem(r, handle.ref))}
              lines={lines}
              onGuides={setGuides}
            />
          ))}
      {guides.vertical.map((x) => (
        <div key={`v${x}`} className="preview-guide preview-guide--v" style={{ left: x * scale }} />
      ))}
      {guides.horizontal.map((y) => (
        <div key={`h${y}`} className="preview-guide preview-guide--h" style={{ top: y * scale }} />
      ))}
    </div>
  )
}
