import type { Timeline } from '../../../../shared/timeline/model'
import { itemKey, itemSpan, type ItemRef } from '../../../../shared/timeline/selection'
import { clipSpans } from '../../../../shared/timeline/time'
import { msToPx } from './timeline-layout'

/**
 * Shows a drag without re-rendering the lanes: each block that the dragged change would move or
 * resize gets two CSS custom properties on its element (--drag-dx shifts it, --drag-dw widens
 * it), computed by diffing where items sit in the timeline before and after the change. With
 * 200 clips rippling this is a few style writes a frame instead of 200 React renders; the drop
 * records the real edit and clears the properties.
 */
function spans(t: Timeline): Map<string, { startMs: number; endMs: number }> {
  const found = new Map<string, { startMs: number; endMs: number }>()
  for (const s of clipSpans(t)) found.set(itemKey({ kind: 'clip', id: s.clipId }), s)
  const refs: ItemRef[] = [
    ...t.overlays.map((o) => ({ kind: 'overlay' as const, id: o.id })),
    ...t.texts.map((x) => ({ kind: 'text' as const, id: x.id })),
    ...t.images.map((x) => ({ kind: 'image' as const, id: x.id })),
    ...(t.audio.music ? [{ kind: 'music' as const, id: 'music' }] : []),
  ]
  for (const ref of refs) {
    const span = itemSpan(t, ref)
    if (span) found.set(itemKey(ref), span)
  }
  return found
}

export interface DragPreview {
  show(next: Timeline, extraDy?: number): void
  clear(): void
}

export function createDragPreview(
  container: Element | null | undefined,
  base: Timeline,
  pxPerSecond: number,
  /** Items that also follow the pointer up or down (an overlay changing track). */
  lifted: readonly ItemRef[] = [],
): DragPreview {
  const before = spans(base)
  const elements = container
    ? [...container.querySelectorAll<HTMLElement>('.timeline-item[data-key]')]
    : []
  const liftedKeys = new Set(lifted.map(itemKey))
  /** What each element was last given: a property is written only when its value changes. */
  const written = new Map<HTMLElement, { dx: number; dw: number; dy: number }>()
  const write = (el: HTMLElement, name: string, px: number, was: number | undefined) => {
    if (px === (was ?? 0)) return
    if (px === 0) el.style.removeProperty(name)
    else el.style.setProperty(name, `${px}px`)
  }
  return {
    show(next, extraDy = 0) {
      const after = spans(next)
      for (const el of elements) {
        const key = el.dataset.key ?? ''
        const b = before.get(key)
        const a = after.get(key)
        if (!b || !a) continue
        const dx = msToPx(a.startMs - b.startMs, pxPerSecond)
        const dw = msToPx(a.endMs - a.startMs - (b.endMs - b.startMs), pxPerSecond)
        const dy = liftedKeys.has(key) ? extraDy : 0
        const was = written.get(el)
        if (was && was.dx === dx && was.dw === dw && was.dy === dy) continue
        if (!was && dx === 0 && dw === 0 && dy === 0) continue
        // A ripple moves every later item each frame but resizes only the trimmed one: one
        // property written per moved element keeps the frame's style work small.
        write(el, '--drag-dx', dx, was?.dx)
        write(el, '--drag-dw', dw, was?.dw)
        write(el, '--drag-dy', dy, was?.dy)
        written.set(el, { dx, dw, dy })
      }
    },
    clear() {
      for (const el of written.keys()) {
        el.style.removeProperty('--drag-dx')
        el.style.removeProperty('--drag-dw')
        el.style.removeProperty('--drag-dy')
      }
      written.clear()
    },
  }
}
