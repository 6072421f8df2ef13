import { useMemo } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import type { MediaDoc } from '../../../../shared/data/registry'

/** The workspace's media documents by id, kept live. */
export function useMediaDocs(workspaceId: string): Readonly<Record<string, MediaDoc>> {
  const query = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results } = useLiveRxQuery<MediaDoc>({ collection: 'media', query })
  return useMemo(
    () => Object.fromEntries(results.map((d) => [d.get('id') as string, d.toJSON() as MediaDoc])),
    [results],
  )
}
