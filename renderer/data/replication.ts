import type { RxReplicationPullStreamItem, WithDeleted } from 'rxdb'
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication'
import { filter, map, Observable, share, Subject } from 'rxjs'
import type { CollectionName } from '../../shared/data/collection-contract'
import type { CollectionDocs } from '../../shared/data/registry'
import {
  MAX_PULL_LIMIT,
  MAX_PUSH_ROWS,
  type Checkpoint,
  type StreamEvent,
  type WireDocument,
} from '../../shared/sync/protocol'
import { withoutInternals } from './conflict-handler'
import type { ReeldeskDatabase } from './database'
import { gatherBatches, withReadAhead } from './pull-ahead'
import {
  createSyncClient,
  errorCode,
  type EventSourceConstructor,
  type SyncClient,
} from './sync-client'

/** Documents RxDB writes per pulled batch: four server batches (see gatherBatches). */
export const LOCAL_WRITE_BATCH = 4 * MAX_PULL_LIMIT

/** Documents per push request: the server's maximum, so an offline backlog takes few round trips. */
export const PUSH_BATCH_SIZE = MAX_PUSH_ROWS

export interface StartReplicationOptions {
  db: ReeldeskDatabase
  workspaceId: string
  /** A ready client, or the server origin and token to build one. */
  client?: SyncClient
  serverUrl?: string
  token?: () => string | null
  EventSource?: EventSourceConstructor
  /**
   * Names this server in the replication identifiers, so checkpoints survive restarts and a
   * different server starts fresh. Defaults to `serverUrl`.
   */
  serverId?: string
  /** Milliseconds between retries after a failed request (default 1000). */
  retryTime?: number
  /**
   * Replicate only while this tab is the leader of the database's tabs (needs RxDB's
   * leader-election plugin). The app sets it: one tab syncs for all; tests leave it off.
   */
  waitForLeadership?: boolean
}

export interface ReeldeskReplication {
  states: ReadonlyMap<
    CollectionName,
    RxReplicationState<CollectionDocs[CollectionName], Checkpoint>
  >
  /** Every error any collection's replication reports (RxDB retries them). */
  errors$: Observable<unknown>
  /**
   * Resolves with the error when the server refuses the session (expired, revoked, removed from
   * the workspace): every collection's replication has been cancelled; sign in again and start over.
   */
  authFailure: Promise<unknown>
  /** Resolves when every collection has pushed and pulled everything (throws if cancelled first). */
  awaitInSync(): Promise<void>
  /** Ask every collection to pull now (e.g. after the app comes back online). */
  reSync(): void
  cancel(): Promise<void>
}

const AUTH_CODES = new Set(['UNAUTHORIZED', 'FORBIDDEN'])

/**
 * Live replication of every open collection of `db` with one workspace on the server: pull in
 * batches of 1000 by seq checkpoint, push in batches with RxDB conflict semantics, and the SSE
 * stream for changes (its 'RESYNC' on each reconnect makes RxDB pull what it missed).
 * One database holds one workspace: a push carries only that workspace's documents.
 */
export function startReplication(options: StartReplicationOptions): ReeldeskReplication {
  const client = options.client ?? clientFrom(options)
  const serverId = options.serverId ?? options.serverUrl ?? 'default'
  const errors$ = new Subject<unknown>()
  const states = new Map<
    CollectionName,
    RxReplicationState<CollectionDocs[CollectionName], Checkpoint>
  >()
  let cancelled = false
  let reportAuthFailure: (error: unknown) => void = () => undefined
  const authFailure = new Promise<unknown>((resolve) => {
    reportAuthFailure = resolve
  })

  const cancel = async () => {
    cancelled = true
    await Promise.all([...states.values()].map((s) => s.cancel()))
  }
  /** Passes through errors; a refused session stops everything instead of retrying forever. */
  const watch = (error: unknown): unknown => {
    const code = errorCode(error)
    if (code && AUTH_CODES.has(code) && !cancelled) {
      reportAuthFailure(error)
      void cancel()
    }
    return error
  }

  const names = Object.keys(options.db.collections) as CollectionName[]
  // One SSE stream for the whole workspace, shared by every collection's replication: browsers
  // allow six HTTP/1.1 connections per host, and ten streams would starve pulls and pushes.
  const workspaceStream$ = new Observable<StreamEvent>((subscriber) => {
    let current: { unsubscribe(): void } | null = null
    let retry: ReturnType<typeof setTimeout> | null = null
    // Callbacks of a stream already replaced are ignored, so one failure schedules one reopen.
    let generation = 0
    const reopen = (of: number) => {
      if (of !== generation || retry || cancelled || subscriber.closed) return
      current?.unsubscribe()
      current = null
      retry = setTimeout(() => {
        retry = null
        open()
      }, options.retryTime ?? 1000)
    }
    const open = () => {
      generation += 1
      const mine = generation
      current = client.stream(
        { workspaceId: options.workspaceId, collections: names },
        {
          onData: (event) => {
            if (mine === generation) subscriber.next(event)
          },
          onError: (error) => {
            errors$.next(watch(error))
            reopen(mine)
          },
          // The server ended the stream (shutting down): reconnect; the first event is RESYNC.
          onComplete: () => reopen(mine),
        },
      )
    }
    open()
    return () => {
      generation += 1
      if (retry) clearTimeout(retry)
      current?.unsubscribe()
    }
  }).pipe(share())

  for (const name of names) {
    const collection = options.db.collections[name]
    const input = { collection: name, workspaceId: options.workspaceId }
    /*
     * Every event for this collection, document batches included, is handed to RxDB as 'RESYNC'
     * (pull from its own checkpoint). RxDB 17.6's downstream queue drops a RESYNC that is queued
     * behind a batch (replication-protocol/downstream.js, addNewTask), and a batch from a freshly
     * reconnected stream then moves the checkpoint past documents never pulled. Pulling keeps the
     * checkpoint gap-free at the cost of one request per change notification.
     */
    const pull = withReadAhead((checkpoint, limit) => client.pull({ ...input, checkpoint, limit }))
    const stream$ = workspaceStream$.pipe(
      filter((event) => event === 'RESYNC' || event.collection === name),
      map((): RxReplicationPullStreamItem<CollectionDocs[CollectionName], Checkpoint> => 'RESYNC'),
    )

    const state = replicateRxCollection<CollectionDocs[CollectionName], Checkpoint>({
      replicationIdentifier: `reeldesk|${serverId}|${options.workspaceId}|${name}`,
      collection,
      live: true,
      retryTime: options.retryTime ?? 1000,
      waitForLeadership: options.waitForLeadership ?? false,
      autoStart: true,
      pull: {
        // Documents per local write; requests to the server stay at MAX_PULL_LIMIT (gatherBatches).
        batchSize: LOCAL_WRITE_BATCH,
        stream$,
        handler: async (checkpoint, batchSize) => {
          try {
            const out = await gatherBatches(pull, checkpoint ?? null, batchSize, MAX_PULL_LIMIT)
            return { documents: out.documents.map(asDoc), checkpoint: out.checkpoint }
          } catch (error) {
            throw watch(error)
          }
        },
      },
      push: {
        batchSize: PUSH_BATCH_SIZE,
        handler: async (rows) => {
          try {
            const conflicts = await client.push({
              ...input,
              rows: rows.map((row) => ({
                newDocumentState: toWire(row.newDocumentState),
                ...(row.assumedMasterState
                  ? { assumedMasterState: toWire(row.assumedMasterState) }
                  : {}),
              })),
            })
            return conflicts.map(asDoc)
          } catch (error) {
            throw watch(error)
          }
        },
      },
    })
    state.error$.subscribe((error) => errors$.next(error))
    states.set(name, state)
  }

  return {
    states,
    errors$: errors$.asObservable(),
    authFailure,
    async awaitInSync() {
      await Promise.all([...states.values()].map((s) => s.awaitInSync()))
    },
    reSync() {
      for (const s of states.values()) s.reSync()
    },
    cancel,
  }
}

function clientFrom(options: StartReplicationOptions): SyncClient {
  if (!options.serverUrl || !options.token)
    throw new Error('startReplication needs a client, or serverUrl and token')
  const clientOptions: Parameters<typeof createSyncClient>[0] = {
    serverUrl: options.serverUrl,
    token: options.token,
  }
  if (options.EventSource) clientOptions.EventSource = options.EventSource
  return createSyncClient(clientOptions)
}

function toWire(doc: object): WireDocument {
  return withoutInternals(Object.fromEntries(Object.entries(doc)))
}

/**
 * Server documents enter RxDB as-is; RxDB validates them against the collection schema on write
 * (ajv), so the cast only names the type the server already enforced with zod.
 */
function asDoc(doc: WireDocument): WithDeleted<CollectionDocs[CollectionName]> {
  return doc as WithDeleted<CollectionDocs[CollectionName]>
}
