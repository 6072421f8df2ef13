import type { RxReplicationPullStreamItem, WithDeleted } from 'rxdb'
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication'
import { filter, map, Observable, share, Subject } from 'rxjs'
import type { CollectionName } from '../../shared/data/collection-contract'
import { jsonEqual } from '../../shared/data/merge'
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
import { checkPulled } from './check-pulled'
import { createHighWater } from './high-water'
import { gatherBatches, withReadAhead } from './pull-ahead'
import { createRefusalStore, type RefusalStore } from './refusal-store'
import { stopReasonOf, type StopReason } from './stop-reason'
import { createSyncClient, type EventSourceConstructor, type SyncClient } from './sync-client'

/** Documents RxDB writes per pulled batch: four server batches (see gatherBatches). */
export const LOCAL_WRITE_BATCH = 4 * MAX_PULL_LIMIT

/**
 * Smaller pulls for collections of large documents. A metrics pack holds an account's month with
 * every post's (≈ 70 KB for 100 posts): a thousand of them is one answer of tens of megabytes the
 * device waits for before writing anything. In requests of 50, written 100 at a time, the server
 * reads and sends the next batch (read-ahead) while the device writes this one.
 */
export const LARGE_DOCUMENT_PULL: Partial<Record<CollectionName, number>> = { metrics: 50 }

/** Documents per request to the server and per local write, for one collection. */
export function pullSizes(name: CollectionName): { request: number; write: number } {
  const request = LARGE_DOCUMENT_PULL[name]
  return request
    ? { request, write: 2 * request }
    : { request: MAX_PULL_LIMIT, write: LOCAL_WRITE_BATCH }
}

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
  /**
   * Bumped to start over with this server (its database was restored from an older backup): new
   * identifiers mean fresh checkpoints both ways, so every local document is offered again and the
   * server gets back what it lost (replication-epoch.ts).
   */
  epoch?: number
  /** Milliseconds between retries after a failed request (default 1000). */
  retryTime?: number
  /**
   * Replicate only while this tab is the leader of the database's tabs (needs RxDB's
   * leader-election plugin). The app sets it: one tab syncs for all; tests leave it off.
   */
  waitForLeadership?: boolean
}

/** Documents removed from this device because the member may no longer read them. */
export interface PurgeReport {
  collection: CollectionName
  count: number
}

export interface ReeldeskReplication {
  states: ReadonlyMap<
    CollectionName,
    RxReplicationState<CollectionDocs[CollectionName], Checkpoint>
  >
  /** Every error any collection's replication reports (RxDB retries them). */
  errors$: Observable<unknown>
  /** Local changes the server refused, each with its reason; the rest keeps replicating. */
  refusals: RefusalStore
  /** Purges after an access change (the UI says what left this device). */
  purged$: Observable<PurgeReport>
  /**
   * Resolves when replication stopped for good and why: the session was refused (sign in again),
   * the workspace is gone for this member (purge it), the server needs a fresh start (restart
   * with the next epoch), or the app is too old for the server.
   */
  stopped: Promise<StopReason>
  /** Resolves when every collection has pushed and pulled everything (throws if cancelled first). */
  awaitInSync(): Promise<void>
  /** Ask every collection to pull now (e.g. after the app comes back online). */
  reSync(): void
  /**
   * Drops the local changes of refused documents: each takes the server's current copy, or is
   * removed from this device when the member may no longer read it. Nothing is pushed.
   */
  discard(collection: CollectionName, ids: readonly string[]): Promise<void>
  cancel(): Promise<void>
}

type AnyDoc = CollectionDocs[CollectionName]

/**
 * Live replication of every open collection of `db` with one workspace on the server: pull in
 * batches of 1000 by seq checkpoint, push in batches with RxDB conflict semantics, and the SSE
 * stream for changes (its 'RESYNC' on each reconnect makes RxDB pull what it missed).
 * One database holds one workspace: a push carries only that workspace's documents.
 */
export function startReplication(options: StartReplicationOptions): ReeldeskReplication {
  const client = options.client ?? clientFrom(options)
  const serverId = options.serverId ?? options.serverUrl ?? 'default'
  const epoch = options.epoch ?? 0
  const errors$ = new Subject<unknown>()
  const purged$ = new Subject<PurgeReport>()
  const refusals = createRefusalStore(options.db)
  const seen = createHighWater(options.db, epoch)
  const states = new Map<CollectionName, RxReplicationState<AnyDoc, Checkpoint>>()
  /** Documents to hand RxDB on the next pull of each collection, as if the server had sent them. */
  const injections = new Map<CollectionName, WireDocument[]>()
  let cancelled = false
  let reportStop: (reason: StopReason) => void = () => undefined
  const stopped = new Promise<StopReason>((resolve) => {
    reportStop = resolve
  })

  const cancel = async () => {
    cancelled = true
    await Promise.all([...states.values()].map((s) => s.cancel()))
  }
  /** Passes through errors; one that ends replication for good stops everything instead. */
  const watch = (error: unknown): unknown => {
    const stop = stopReasonOf(error)
    if (stop && !cancelled) {
      reportStop(stop)
      void cancel()
    }
    return error
  }

  /** The local documents among `ids`, as tombstones RxDB will take for the server's word. */
  const tombstonesFor = async (name: CollectionName, ids: readonly string[]) => {
    if (ids.length === 0) return []
    const found = await options.db.collections[name].findByIds([...ids]).exec()
    return [...found.values()].map((doc): WireDocument => ({
      ...withoutInternals(doc.toMutableJSON() as WireDocument),
      _deleted: true,
    }))
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
    const sizes = pullSizes(name)
    const input = { collection: name, workspaceId: options.workspaceId }
    /*
     * Every event for this collection is handed to RxDB as 'RESYNC' (pull from its own
     * checkpoint): the stream only says that something changed. Documents always come through
     * pull, so the checkpoint stays gap-free (RxDB 17.6's downstream queue can drop a RESYNC
     * queued behind a document batch: replication-protocol/downstream.js, addNewTask).
     */
    const pull = withReadAhead(async (checkpoint, limit) => {
      const out = await client.pull({ ...input, checkpoint, limit, seen: seen.get() })
      seen.raise(out.checkpoint.seq)
      return out
    })
    const stream$ = workspaceStream$.pipe(
      filter((event) => event === 'RESYNC' || event.collection === name),
      map((): RxReplicationPullStreamItem<AnyDoc, Checkpoint> => 'RESYNC'),
    )

    const state = replicateRxCollection<AnyDoc, Checkpoint>({
      replicationIdentifier: `reeldesk|${serverId}|${options.workspaceId}|${name}|${epoch}`,
      collection,
      live: true,
      retryTime: options.retryTime ?? 1000,
      waitForLeadership: options.waitForLeadership ?? false,
      autoStart: true,
      pull: {
        // Documents per local write; requests to the server stay smaller (gatherBatches).
        batchSize: sizes.write,
        stream$,
        handler: async (checkpoint, batchSize) => {
          try {
            const injected = injections.get(name) ?? []
            injections.delete(name)
            const out = await gatherBatches(pull, checkpoint ?? null, batchSize, sizes.request)
            checkPulled(name, out.documents)
            const tombstones = await tombstonesFor(name, out.purge)
            if (tombstones.length) {
              purged$.next({ collection: name, count: tombstones.length })
              // Tombstones still hold the content: remove them for good once written.
              setTimeout(() => void collection.cleanup(0).catch(() => undefined), 0)
            }
            // Injected first: a document also in this batch is newer from the server.
            const documents = [...injected, ...out.documents, ...tombstones].map(asDoc)
            return { documents, checkpoint: out.checkpoint }
          } catch (error) {
            throw watch(error)
          }
        },
      },
      push: {
        batchSize: PUSH_BATCH_SIZE,
        handler: async (rows) => {
          try {
            const sent = rows.map((row) => toWire(row.newDocumentState))
            const out = await client.push({
              ...input,
              rows: rows.map((row, i) => ({
                newDocumentState: sent[i] ?? {},
                ...(row.assumedMasterState
                  ? { assumedMasterState: toWire(row.assumedMasterState) }
                  : {}),
              })),
            })
            seen.raise(out.seq)
            // A refused row is that document's problem: recorded with its reason and
            // acknowledged to RxDB so the rest of the collection keeps replicating.
            await refusals.record(name, out.refused, sent)
            const settled = new Set([...out.refused.map((r) => r.id), ...out.conflicts.map(idOf)])
            const accepted = sent.filter((doc) => !settled.has(idOf(doc)))
            // A refusal ends when the server accepts the refused change itself (sent again, e.g.
            // after access came back). A later edit of the same document merges against the
            // server's copy, which takes the refused fields back: it is accepted, but the refused
            // change is not in it — so its notice stays until the user discards it.
            const resolved = refusals
              .current()
              .filter((r) => r.collection === name)
              .filter((r) => accepted.some((doc) => idOf(doc) === r.id && sameChange(doc, r.doc)))
              .map((r) => r.id)
            if (resolved.length) await refusals.clear(name, resolved)
            return out.conflicts.map(asDoc)
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
    refusals,
    purged$: purged$.asObservable(),
    stopped,
    async awaitInSync() {
      await Promise.all([...states.values()].map((s) => s.awaitInSync()))
    },
    reSync() {
      for (const s of states.values()) s.reSync()
    },
    async discard(name, ids) {
      if (ids.length === 0) return
      const { documents } = await client.fetch({
        collection: name,
        workspaceId: options.workspaceId,
        ids: [...ids],
      })
      const readable = new Set(documents.map(idOf))
      const gone = await tombstonesFor(
        name,
        ids.filter((id) => !readable.has(id)),
      )
      injections.set(name, [...(injections.get(name) ?? []), ...documents, ...gone])
      await refusals.clear(name, ids)
      states.get(name)?.reSync()
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

/** The same document content, whenever it was stamped. */
function sameChange(a: WireDocument, b: WireDocument): boolean {
  const { updatedAt: _a, ...restA } = a
  const { updatedAt: _b, ...restB } = b
  return jsonEqual(restA, restB)
}

function idOf(doc: WireDocument): string {
  return String(doc['id'])
}

function toWire(doc: object): WireDocument {
  return withoutInternals(Object.fromEntries(Object.entries(doc)))
}

/** Pulled documents were checked against the collection's schema (check-pulled.ts). */
function asDoc(doc: WireDocument): WithDeleted<AnyDoc> {
  return doc as WithDeleted<AnyDoc>
}
