import { BehaviorSubject, type Observable } from 'rxjs'
import type { CollectionName } from '../../shared/data/collection-contract'
import type { RowRefusal, WireDocument } from '../../shared/sync/protocol'
import type { ReeldeskDatabase } from './database'

/** A local change the server refused: shown beside its document until discarded or accepted. */
export interface RefusedChange {
  collection: CollectionName
  id: string
  kind: RowRefusal['kind']
  reason: string
  at: number
  /** The refused state, kept so the change is never silently lost. */
  doc: WireDocument
}

const LOCAL_ID = 'sync-refusals'
/** Older entries drop off beyond this: a refusal storm must not grow the database without end. */
const MAX_KEPT = 500

export interface RefusalStore {
  changes$: Observable<readonly RefusedChange[]>
  current(): readonly RefusedChange[]
  /** Records refusals from one push (newest reason wins for a document refused again). */
  record(
    collection: CollectionName,
    refused: readonly RowRefusal[],
    pushed: readonly WireDocument[],
  ): Promise<void>
  /** Forgets documents: discarded, or pushed again and accepted. */
  clear(collection: CollectionName, ids: readonly string[]): Promise<void>
}

const keyOf = (collection: string, id: string) => `${collection}/${id}`

/**
 * Refused changes of one workspace, kept in the workspace database's local documents (device
 * state, never replicated) so they survive a restart and every tab of the workspace sees them.
 */
export function createRefusalStore(db: ReeldeskDatabase): RefusalStore {
  const subject = new BehaviorSubject<readonly RefusedChange[]>([])
  // Loaded in the background; writes queue behind the load so none is lost.
  let queue: Promise<unknown> = db.getLocal<{ items: RefusedChange[] }>(LOCAL_ID).then((stored) => {
    if (stored) subject.next(stored.toJSON().data.items)
    db.getLocal$<{ items: RefusedChange[] }>(LOCAL_ID).subscribe((doc) => {
      if (doc) subject.next(doc.toJSON().data.items)
    })
  })
  const write = (next: readonly RefusedChange[]) => {
    subject.next(next)
    const items = next.slice(-MAX_KEPT)
    queue = queue.then(() => db.upsertLocal(LOCAL_ID, { items }))
    return queue.then(() => undefined)
  }
  return {
    changes$: subject.asObservable(),
    current: () => subject.getValue(),
    record(collection, refused, pushed) {
      if (refused.length === 0) return Promise.resolve()
      const byId = new Map(pushed.map((d) => [String(d['id']), d]))
      const fresh = refused.map((r): RefusedChange => ({
        collection,
        id: r.id,
        kind: r.kind,
        reason: r.reason,
        at: Date.now(),
        doc: byId.get(r.id) ?? {},
      }))
      const replaced = new Set(fresh.map((r) => keyOf(collection, r.id)))
      const kept = subject.getValue().filter((r) => !replaced.has(keyOf(r.collection, r.id)))
      return write([...kept, ...fresh])
    },
    clear(collection, ids) {
      const gone = new Set(ids.map((id) => keyOf(collection, id)))
      const before = subject.getValue()
      const after = before.filter((r) => !gone.has(keyOf(r.collection, r.id)))
      return after.length === before.length ? queue.then(() => undefined) : write(after)
    },
  }
}
