import { useMemo } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import type { MediaDoc } from '../../../../shared/data/registry'
import type { CanvasSize } from '../../../../shared/timeline/canvas'
import { displaySize } from '../../../../shared/timeline/placement'

/**
 * The displayed size of one media file (rotation applied, as ffmpeg shows it), or null while it
 * loads or when the file has no picture.
 */
export function useMediaSize(mediaId: string): CanvasSize | null {
  const query = useMemo(() => ({ selector: { id: mediaId } }), [mediaId])
  const { results } = useLiveRxQuery<MediaDoc>({ collection: 'media', query })
  const doc = results[0]
  const width = doc?.get('width') as number | null | undefined
  const height = doc?.get('height') as number | null | undefined
  const rotation = (doc?.get('rotation') as number | undefined) ?? 0
  return useMemo(
    () => (width && height ? displaySize({ width, height, rotation }) : null),
    [width, height, rotation],
  )
}
