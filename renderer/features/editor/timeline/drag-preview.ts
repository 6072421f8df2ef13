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
  const touched = new Set<HTMLElement>()
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
        if (dx === 0 && dw === 0 && dy === 0 && !touched.has(el)) continue
        el.style.setProperty('--drag-dx', `${dx}px`)
        el.style.setProperty('--drag-dw', `${dw}px`)
        el.style.setProperty('--drag-dy', `${dy}px`)
        touched.add(el)
      }
    },
    clear() {
      for (const el of touched) {
        el.style.removeProperty('--drag-dx')
        el.style.removeProperty('--drag-dw')
        el.style.removeProperty('--drag-dy')
      }
      touched.clear()
    },
  }
}
