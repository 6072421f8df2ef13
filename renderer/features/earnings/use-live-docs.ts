import { useEffect, useState } from 'react'
import type { MangoQuery } from 'rxdb'
import { useRxCollection } from 'rxdb/plugins/react'
import type { CollectionName } from '../../../shared/data/collection-contract'
import { createLogger } from '../../../shared/logger'

const log = createLogger('live-docs')

/**
 * A live query's documents as plain JSON. Written here instead of RxDB's `useLiveRxQuery`, whose
 * `loading` stays true for good once its query object changes after the first results (its
 * callback reads a stale `loading`): the earnings page's query changes with the account picked.
 */
export function useLiveDocs<T>(
  name: CollectionName,
  query: MangoQuery<T>,
): { docs: T[]; loading: boolean; error: string | null } {
  const collection = useRxCollection<T>(name)
  const [state, setState] = useState<{ docs: T[]; loading: boolean; error: string | null }>({
    docs: [],
    loading: true,
    error: null,
  })
  useEffect(() => {
    if (!collection) return
    setState((s) => ({ ...s, loading: true }))
    const sub = collection.find(query).$.subscribe({
      next: (found) =>
        setState({ docs: found.map((d) => d.toJSON() as T), loading: false, error: null }),
      error: (e: unknown) => {
        log.error('live query failed', { collection: name, error: String(e) })
        setState({ docs: [], loading: false, error: String(e) })
      },
    })
    return () => sub.unsubscribe()
  }, [collection, query, name])
  return state
}
