import { useMemo } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import type { MusicLicence } from '../../../shared/data/collections/media'
import type { MediaDoc, ProjectDoc } from '../../../shared/data/registry'
import { musicLicenceOf } from '../../../shared/publishing/music-licence'

/**
 * The licence of the music in a post's project, kept live (stating the licence in the editor
 * updates the composer's check at once). Null when the post has no project or its project has
 * no music: the same answer the server's check before publishing computes.
 */
export function useMusicLicence(
  workspaceId: string,
  projectId: string | null,
): MusicLicence | null {
  const projectQuery = useMemo(
    () => ({ selector: { workspaceId, id: projectId ?? '' } }),
    [workspaceId, projectId],
  )
  const projects = useLiveRxQuery<ProjectDoc>({ collection: 'projects', query: projectQuery })
  const timeline = projects.results[0]?.get('timeline') as unknown
  const musicId =
    (timeline as { audio?: { music?: { mediaId?: unknown } } } | undefined)?.audio?.music
      ?.mediaId ?? null
  const mediaQuery = useMemo(
    () => ({ selector: { workspaceId, id: typeof musicId === 'string' ? musicId : '' } }),
    [workspaceId, musicId],
  )
  const media = useLiveRxQuery<MediaDoc>({ collection: 'media', query: mediaQuery })
  const stated = media.results[0]?.get('musicLicence') as MusicLicence | undefined
  return useMemo(
    () => (projectId ? musicLicenceOf(timeline, () => stated) : null),
    [projectId, timeline, stated],
  )
}
