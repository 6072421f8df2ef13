import type { MediaDoc } from '../../../shared/data/registry'
import { uuidv7 } from '../../../shared/data/ids'
import { addClip, addImage, setMusic } from '../../../shared/timeline/edit'
import { MAX_OVERLAY_TRACKS, type Timeline } from '../../../shared/timeline/model'
import { overlayEndMs } from '../../../shared/timeline/selection'
import { timelineDurationMs } from '../../../shared/timeline/time'
import { addOverlay } from '../../../shared/timeline/timing-edit'

export interface MediaPlacement {
  label: string
  apply(t: Timeline): Timeline
}

/**
 * What "Add to timeline" means for each kind of media: a video becomes a clip at the end, an
 * audio file the music track, an image an overlay (a logo) across the whole video.
 */
export function placeMedia(doc: MediaDoc, newId: () => string = uuidv7): MediaPlacement {
  switch (doc.kind) {
    case 'video':
      return {
        label: 'Add clip',
        apply: (t) =>
          addClip(t, { id: newId(), mediaId: doc.id, inMs: 0, outMs: doc.durationMs ?? 0 }),
      }
    case 'audio':
      return {
        label: 'Set music',
        apply: (t) =>
          setMusic(t, { mediaId: doc.id, inMs: 0, volume: 1, fadeInMs: 0, fadeOutMs: 0 }),
      }
    case 'image':
      return {
        label: 'Add image',
        apply: (t) =>
          addImage(t, {
            id: newId(),
            mediaId: doc.id,
            x: 0.82,
            y: 0.1,
            width: 0.25,
            opacity: 1,
            startMs: 0,
            endMs: Math.max(1000, timelineDurationMs(t)),
          }),
      }
  }
}

/** The lowest overlay track with room at [startMs, endMs), or the top one when all are busy. */
export function freeOverlayTrack(t: Timeline, startMs: number, endMs: number): number {
  for (let track = 1; track <= MAX_OVERLAY_TRACKS; track++) {
    const busy = t.overlays.some(
      (o) => o.track === track && o.startMs < endMs && overlayEndMs(o) > startMs,
    )
    if (!busy) return track
  }
  return MAX_OVERLAY_TRACKS
}

/**
 * A video as picture-in-picture: on the first free overlay track from the playhead, in the
 * upper right, 40 % of the canvas wide, for its whole length.
 */
export function placeOverlay(
  doc: MediaDoc,
  atMs: number,
  newId: () => string = uuidv7,
): MediaPlacement {
  return {
    label: 'Add overlay',
    apply: (t) => {
      const outMs = doc.durationMs ?? 0
      return addOverlay(t, {
        id: newId(),
        mediaId: doc.id,
        track: freeOverlayTrack(t, atMs, atMs + outMs),
        startMs: atMs,
        inMs: 0,
        outMs,
        x: 0.7,
        y: 0.3,
        width: 0.4,
      })
    },
  }
}
