import {
  combineLatest,
  distinctUntilChanged,
  filter,
  fromEvent,
  map,
  merge,
  mergeMap,
  skipWhile,
  type Observable,
} from 'rxjs'
import type { CollectionName } from '../../shared/data/collection-contract'
import type { ReeldeskDatabase } from '../data/database'
import type { ReeldeskReplication } from '../data/replication'
import { errorCode } from '../data/sync-client'
import { pendingKey, type SyncEvent } from './sync-status'

/** What the tracker reads of an RxDB change-event bulk, whichever collection it comes from. */
interface ChangeBulkLike {
  context: string
  events: readonly { documentId: string }[]
}

/** RxDB tags the fork writes of its downstream (server → client) with this context prefix. */
const DOWNSTREAM_CONTEXT = 'replication-downstream'

/** The original failure inside RxDB's replication error wrapper (RC_PULL / RC_PUSH). */
function rootCause(error: unknown): unknown {
  const inner = (error as { parameters?: { errors?: unknown[] } } | null)?.parameters?.errors?.[0]
  return inner ?? error
}

/** A failure without a tRPC error code never reached the server: the network or the server is down. */
export function describeSyncError(error: unknown): { message: string; unreachable: boolean } {
  const cause = rootCause(error)
  const message = cause instanceof Error ? cause.message : String(cause)
  return { message, unreachable: errorCode(cause) === null }
}

/**
 * Turns what RxDB's replication reports into sync-status events. Every write to a collection is a
 * local change except the ones the replication itself made from the server's documents.
 */
export function syncEvents(
  db: ReeldeskDatabase,
  replication: ReeldeskReplication,
  now: () => number = Date.now,
): Observable<SyncEvent> {
  const streams: Observable<SyncEvent>[] = []
  for (const [name, state] of replication.states) {
    streams.push(
      state.sent$.pipe(map((doc): SyncEvent => ({ type: 'sent', key: pendingKey(name, doc.id) }))),
    )
    const bulks$: Observable<ChangeBulkLike> = db.collections[name as CollectionName].eventBulks$
    streams.push(
      bulks$.pipe(
        // Writes the replication made from the server's documents are not local changes.
        filter((bulk) => !bulk.context.startsWith(DOWNSTREAM_CONTEXT)),
        mergeMap((bulk) =>
          bulk.events.map((e): SyncEvent => ({
            type: 'local-write',
            key: pendingKey(name, e.documentId),
          })),
        ),
      ),
    )
  }
  const active = combineLatest([...replication.states.values()].map((s) => s.active$)).pipe(
    map((flags) => flags.some(Boolean)),
    distinctUntilChanged(),
    // The idle state every replication starts in is not a finished sync round.
    skipWhile((isActive, index) => index === 0 && !isActive),
    map((isActive): SyncEvent => ({ type: 'active', active: isActive, at: now() })),
  )
  const errors = replication.errors$.pipe(
    map((e): SyncEvent => ({ type: 'error', ...describeSyncError(e) })),
  )
  const network =
    typeof window === 'undefined'
      ? []
      : [
          fromEvent(window, 'online').pipe(
            map((): SyncEvent => ({ type: 'network', online: true })),
          ),
          fromEvent(window, 'offline').pipe(
            map((): SyncEvent => ({ type: 'network', online: false })),
          ),
        ]
  return merge(active, errors, ...streams, ...network)
}
