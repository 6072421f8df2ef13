import type { MusicLicence } from '../data/collections/media'
import { validateTimeline } from '../timeline/model'

/**
 * The licence of the music a post's video carries, for the pre-publish check that stops a
 * commercial post with a personal-use sound. The music is the project's music track when it is
 * heard (volume above zero); its licence is the one stated on that media item, 'unknown' when the
 * item is not on this device or server. Null when the video has no music (or comes from no
 * project we can read): there is nothing to check.
 */
export function musicLicenceOf(
  timeline: unknown,
  licenceOf: (mediaId: string) => MusicLicence | undefined,
): MusicLicence | null {
  const checked = validateTimeline(timeline)
  if (!checked.ok) return null
  const music = checked.timeline.audio.music
  if (!music || music.volume <= 0) return null
  return licenceOf(music.mediaId) ?? 'unknown'
}

export const MUSIC_LICENCE_LABELS: Record<MusicLicence, string> = {
  unknown: 'Not known',
  commercial: 'Cleared for commercial use',
  personal: 'Personal use only',
}
