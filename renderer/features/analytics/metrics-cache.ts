import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type { RxCollection } from 'rxdb'
import { useRxCollection } from 'rxdb/plugins/react'
import { unpackAll } from '../../../shared/analytics/metric-pack'
import { groupByAccount, type AccountMetrics } from '../../../shared/analytics/views'
import type { MetricPackDoc } from '../../../shared/data/registry'

/**
 * The workspace's metric packs (one per account-month, holding its posts' months) in memory, by
 * account, with each account's derived series computed once per change of that account — not
 * once per render, switch or visit.
 *
 * Why: a live query per account re-read ~750 documents from IndexedDB on every account switch,
 * and RxDB's planner chose the workspace index (the default sort) for `{workspaceId, accountId}`,
 * scanning all 37,000 documents of a 50-account agency each time. Here an account is read once
 * by its `accountId+month` index (a year is 13 packs), the rest of the workspace is read once in
 * the background, and
 * the collection's change events (sync, imports) keep the copy current.
 */

type Listener = () => void

/** Change events are coalesced: a first sync delivers thousands of them. */
const NOTIFY_EVERY_MS = 150

/** Accounts read together while warming (each is about a year of packs). */
const WARM_AT_ONCE = 4

export class MetricsCache {
  private readonly byAccount = new Map<string, Map<string, MetricPackDoc>>()
  /** Deleted ids with the time of their deletion: a slower read must not bring them back. */
  private readonly deleted = new Map<string, number>()
  private readonly loaded = new Set<string>()
  private readonly loading = new Map<string, Promise<void>>()
  private warming = false
  private readonly derived = new Map<string, AccountMetrics | null>()
  private allDerived: { version: number; map: Map<string, AccountMetrics> } | null = null
  private readonly listeners = new Set<Listener>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly unsubscribe: () => void
  version = 0

  constructor(private readonly collection: RxCollection<MetricPackDoc>) {
    const sub = collection.eventBulks$.subscribe((bulk) => {
      const changed = new Set<string>()
      for (const e of bulk.events) {
        const doc = (e.documentData ?? e.previousDocumentData) as MetricPackDoc | undefined
        if (!doc) continue
        if (e.operation === 'DELETE' || e.documentData?._deleted) this.remove(doc)
        else this.put(doc)
        changed.add(doc.accountId)
      }
      if (changed.size > 0) this.changed(changed, false)
    })
    this.unsubscribe = () => sub.unsubscribe()
  }

  dispose() {
    this.unsubscribe()
    if (this.timer) clearTimeout(this.timer)
    this.listeners.clear()
  }

  subscribe = (listener: Listener) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getVersion = () => this.version

  isLoaded(accountId: string): boolean {
    return this.loaded.has(accountId)
  }

  /** Reads one account's months by its index (once); resolves when they are in memory. */
  loadAccount(accountId: string): Promise<void> {
    if (this.isLoaded(accountId)) return Promise.resolve()
    const running = this.loading.get(accountId)
    if (running) return running
    const read = this.collection
      .find({ selector: { accountId }, index: ['accountId', 'month'] })
      .exec()
      .then((docs) => {
        let changed = false
        for (const d of docs) changed = this.merge(d.toJSON() as MetricPackDoc) || changed
        this.loaded.add(accountId)
        this.loading.delete(accountId)
        this.changed(changed ? new Set([accountId]) : new Set(), true)
      })
    this.loading.set(accountId, read)
    return read
  }

  /** Reads every account's months (the roll-up), each by its index, at once. */
  loadAll(accountIds: readonly string[]): Promise<void> {
    return Promise.all(accountIds.map((id) => this.loadAccount(id))).then(() => undefined)
  }

  /**
   * Reads the accounts not yet in memory a few at a time while the page is idle, so that a switch
   * finds its account in memory and never waits behind a read of the whole workspace, and the
   * roll-up finds every account read by the time someone opens it. A few reads in flight keep
   * IndexedDB busy between idle callbacks (one at a time, a 50-account workspace took longer
   * than a minute of use); each idle callback still starts only a handful.
   */
  warm(accountIds: readonly string[]): void {
    if (this.warming) return
    const next = accountIds
      .filter((id) => !this.isLoaded(id) && !this.loading.has(id))
      .slice(0, WARM_AT_ONCE)
    if (next.length === 0) return
    this.warming = true
    whenIdle(() => {
      void Promise.all(next.map((id) => this.loadAccount(id))).finally(() => {
        this.warming = false
        this.warm(accountIds)
      })
    })
  }

  /** One account's derived metrics; the same object until that account's documents change. */
  metricsOf(accountId: string): AccountMetrics | undefined {
    if (!this.derived.has(accountId)) {
      const docs = this.byAccount.get(accountId)
      this.derived.set(
        accountId,
        docs && docs.size > 0
          ? (groupByAccount(unpackAll([...docs.values()])).get(accountId) ?? null)
          : null,
      )
    }
    return this.derived.get(accountId) ?? undefined
  }

  /** Every account's derived metrics (unchanged accounts keep their objects). */
  allMetrics(): Map<string, AccountMetrics> {
    if (this.allDerived?.version === this.version) return this.allDerived.map
    const map = new Map<string, AccountMetrics>()
    for (const accountId of this.byAccount.keys()) {
      const m = this.metricsOf(accountId)
      if (m) map.set(accountId, m)
    }
    this.allDerived = { version: this.version, map }
    return map
  }

  private put(doc: MetricPackDoc) {
    let docs = this.byAccount.get(doc.accountId)
    if (!docs) {
      docs = new Map()
      this.byAccount.set(doc.accountId, docs)
    }
    docs.set(doc.id, doc)
    this.deleted.delete(doc.id)
  }

  private remove(doc: MetricPackDoc) {
    this.byAccount.get(doc.accountId)?.delete(doc.id)
    this.deleted.set(doc.id, doc.updatedAt)
  }

  /**
   * A document from a read: kept unless a change event already brought the same or a newer
   * state. Returns whether the account's documents changed.
   */
  private merge(doc: MetricPackDoc): boolean {
    const gone = this.deleted.get(doc.id)
    if (gone !== undefined && gone >= doc.updatedAt) return false
    const held = this.byAccount.get(doc.accountId)?.get(doc.id)
    if (held && held.updatedAt >= doc.updatedAt) return false
    this.put(doc)
    return true
  }

  private changed(accounts: ReadonlySet<string>, now: boolean) {
    for (const a of accounts) this.derived.delete(a)
    this.version += 1
    if (now) {
      if (this.timer) clearTimeout(this.timer)
      this.timer = null
      this.notify()
    } else if (!this.timer)
      this.timer = setTimeout(() => {
        this.timer = null
        this.notify()
      }, NOTIFY_EVERY_MS)
  }

  private notify() {
    for (const l of [...this.listeners]) l()
  }
}

function whenIdle(run: () => void) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 100 })
  else setTimeout(run, 50)
}

const caches = new WeakMap<RxCollection<MetricPackDoc>, MetricsCache>()

/** The cache of this database's metrics collection (one per open workspace database). */
export function metricsCacheOf(collection: RxCollection<MetricPackDoc>): MetricsCache {
  let cache = caches.get(collection)
  if (!cache) {
    cache = new MetricsCache(collection)
    caches.set(collection, cache)
    collection.onClose.push(() => cache?.dispose())
  }
  return cache
}

export interface CachedMetrics {
  /** The chosen account's metrics (accountId given) or every account's (null). */
  grouped: Map<string, AccountMetrics>
  loading: boolean
}

/**
 * The metrics of one account (or, with null, of all), from memory when already read. After the
 * chosen account is shown, the rest of the workspace is read in the background so that switching
 * accounts and the roll-up do not wait for IndexedDB.
 */
export function useCachedMetrics(
  accountId: string | null,
  accountIds: readonly string[],
): CachedMetrics {
  const collection = useRxCollection<MetricPackDoc>('metrics')
  const cache = collection ? metricsCacheOf(collection) : null
  const version = useSyncExternalStore(cache?.subscribe ?? noSubscribe, cache?.getVersion ?? zero)
  const ids = accountIds.join(',')
  useEffect(() => {
    if (!cache) return
    const list = ids === '' ? [] : ids.split(',')
    if (accountId === null) void cache.loadAll(list)
    // Not cancelled on unmount or switch: the cache outlives the page.
    else void cache.loadAccount(accountId).then(() => cache.warm(list))
  }, [cache, accountId, ids])
  const grouped = useMemo(() => {
    if (!cache) return new Map<string, AccountMetrics>()
    if (accountId === null) return cache.allMetrics()
    const m = cache.metricsOf(accountId)
    return new Map(m ? [[accountId, m]] : [])
    // `version` is what says the cache changed.
  }, [cache, accountId, version])
  const loading =
    !cache ||
    (accountId === null ? accountIds.some((id) => !cache.isLoaded(id)) : !cache.isLoaded(accountId))
  return { grouped, loading }
}

const noSubscribe = () => () => undefined
const zero = () => 0
