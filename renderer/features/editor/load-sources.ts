import type { RxCollection } from 'rxdb'
import type { MediaDoc } from '../../../shared/data/registry'
import type { Timeline } from '../../../shared/timeline/model'
import { engineInfoFromDoc, type EngineMediaInfo } from './media/media-doc'
import { deviceMediaStore } from './media/media-store'

export interface LoadedSource {
  file: File
  name: string
  info: EngineMediaInfo
}

/** Every media id the timeline uses: clips, image overlays and the music track. */
export function mediaIdsOf(timeline: Timeline): string[] {
  return [
    ...new Set([
      ...timeline.clips.map((c) => c.mediaId),
      ...timeline.overlays.map((o) => o.mediaId),
      ...timeline.images.map((i) => i.mediaId),
      ...(timeline.audio.music ? [timeline.audio.music.mediaId] : []),
    ]),
  ]
}

/**
 * The originals a timeline needs, from this device's storage, with their probed info — for the
 * preview and the export alike. Media imported on another device has metadata here but no file:
 * that is said plainly, naming the file.
 */
export async function loadSources(
  timeline: Timeline,
  media: RxCollection<MediaDoc>,
): Promise<Record<string, LoadedSource>> {
  const sources: Record<string, LoadedSource> = {}
  for (const id of mediaIdsOf(timeline)) {
    const doc = (await media.findOne(id).exec())?.toJSON() as MediaDoc | undefined
    if (!doc) throw new Error('A clip uses media that is no longer in this workspace.')
    const file = await deviceMediaStore()
      .loadOriginal(id, doc.fileName)
      .catch(() => {
        throw new Error(`The file “${doc.fileName}” is not on this device: import it here first.`)
      })
    sources[id] = { file, name: doc.fileName, info: engineInfoFromDoc(doc) }
  }
  return sources
}
