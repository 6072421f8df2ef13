import type { Timeline } from './model'
import { clipSpans, timelineDurationMs } from './time'

/**
 * What can be selected, dragged, copied and deleted on the timeline: a main-track clip, an
 * overlay clip, a text or image overlay, the music, or a product tag. The music has one id.
 */
export const ITEM_KINDS = ['clip', 'overlay', 'text', 'image', 'music', 'marker'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]
export interface ItemRef {
  readonly kind: ItemKind
  readonly id: string
}

export const MUSIC_ID = 'music'

export function sameItem(a: ItemRef, b: ItemRef): boolean {
  return a.kind === b.kind && a.id === b.id
}

export function itemKey(ref: ItemRef): string {
  return `${ref.kind}:${ref.id}`
}

/** When an overlay clip ends on the timeline. */
export function overlayEndMs(o: { startMs: number; inMs: number; outMs: number; speed: number }) {
  return o.startMs + (o.outMs - o.inMs) / o.speed
}

/**
 * When the music stops on the timeline: its own end, or the video's end when it has none — and
 * never after the file runs out (when its length is known). The export cuts at the video's end.
 */
export function musicEndMs(t: Timeline, musicDurationMs?: number): number {
  const music = t.audio.music
  if (!music) return 0
  const fileEnd =
    musicDurationMs === undefined ? Infinity : music.startMs + musicDurationMs - music.inMs
  return Math.min(music.endMs ?? timelineDurationMs(t), fileEnd)
}

/** Where an item sits on the timeline, or null when it is not (or no longer) there. */
export function itemSpan(t: Timeline, ref: ItemRef): { startMs: number; endMs: number } | null {
  switch (ref.kind) {
    case 'clip': {
      const span = clipSpans(t).find((s) => s.clipId === ref.id)
      return span ? { startMs: span.startMs, endMs: span.endMs } : null
    }
    case 'overlay': {
      const o = t.overlays.find((x) => x.id === ref.id)
      return o ? { startMs: o.startMs, endMs: overlayEndMs(o) } : null
    }
    case 'text': {
      const x = t.texts.find((i) => i.id === ref.id)
      return x ? { startMs: x.startMs, endMs: x.endMs } : null
    }
    case 'image': {
      const x = t.images.find((i) => i.id === ref.id)
      return x ? { startMs: x.startMs, endMs: x.endMs } : null
    }
    case 'music':
      return t.audio.music ? { startMs: t.audio.music.startMs, endMs: musicEndMs(t) } : null
    case 'marker': {
      const m = t.markers.find((i) => i.id === ref.id)
      return m ? { startMs: m.atMs, endMs: m.atMs } : null
    }
  }
}

/** Drops references to items that are gone (after an undo, a delete or a remote change). */
export function existingItems(t: Timeline, refs: readonly ItemRef[]): ItemRef[] {
  return refs.filter((ref) => itemSpan(t, ref) !== null)
}
