import { useMemo } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import type { MediaDoc } from '../../../../shared/data/registry'

/** File names of the workspace's media by id, kept live (a rename or import shows at once). */
export function useMediaNames(workspaceId: string): Readonly<Record<string, string>> {
  const query = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results } = useLiveRxQuery<MediaDoc>({ collection: 'media', query })
  return useMemo(
    () =>
      Object.fromEntries(results.map((d) => [d.get('id') as string, d.get('fileName') as string])),
    [results],
  )
}
