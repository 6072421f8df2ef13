import type { MediaDoc } from '../../../shared/data/registry'
import { uuidv7 } from '../../../shared/data/ids'
import { addClip, addImage, setMusic } from '../../../shared/timeline/edit'
import type { Timeline } from '../../../shared/timeline/model'
import { timelineDurationMs } from '../../../shared/timeline/time'

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
