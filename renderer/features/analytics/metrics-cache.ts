import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type { RxCollection } from 'rxdb'
import { useRxCollection } from 'rxdb/plugins/react'
import { groupByAccount, type AccountMetrics } from '../../../shared/analytics/views'
import type { MetricDoc } from '../../../shared/data/registry'

/**
 * The workspace's metric month documents in memory, by account, with each account's derived
 * series computed once per change of that account — not once per render, switch or visit.
 *
 * Why: a live query per account re-read ~750 documents from IndexedDB on every account switch,
 * and RxDB's planner chose the workspace index (the default sort) for `{workspaceId, accountId}`,
 * scanning all 37,000 documents of a 50-account agency each time. Here an account is read once
 * by its `accountId+month` index, the rest of the workspace is read once in the background, and
 * the collection's change events (sync, imports) keep the copy current.
 */

type Listener = () => void

/** Change events are coalesced: a first sync delivers thousands of them. */
const NOTIFY_EVERY_MS = 150

export class MetricsCache {
  private readonly byAccount = new Map<string, Map<string, MetricDoc>>()
  /** Deleted ids with the time of their deletion: a slower read must not bring them back. */
  private readonly deleted = new Map<string, number>()
  private readonly loaded = new Set<string>()
  private readonly loading = new Map<string, Promise<void>>()
  private loadingAll: Promise<void> | null = null
  private allLoaded = false
  private readonly derived = new Map<string, AccountMetrics | null>()
  private allDerived: { version: number; map: Map<string, AccountMetrics> } | null = null
  private readonly listeners = new Set<Listener>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly unsubscribe: () => void
  version = 0

  constructor(private readonly collection: RxCollection<MetricDoc>) {
    const sub = collection.eventBulks$.subscribe((bulk) => {
      const changed = new Set<string>()
      for (const e of bulk.events) {
        const doc = (e.documentData ?? e.previousDocumentData) as MetricDoc | undefined
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

  isLoaded(accountId: string | null): boolean {
    return accountId === null ? this.allLoaded : this.allLoaded || this.loaded.has(accountId)
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
        for (const d of docs) this.merge(d.toJSON() as MetricDoc)
        this.loaded.add(accountId)
        this.loading.delete(accountId)
        this.changed(new Set([accountId]), true)
      })
    this.loading.set(accountId, read)
    return read
  }

  /** Reads every account's months (once), for the roll-up and instant switching. */
  loadAll(): Promise<void> {
    if (this.allLoaded) return Promise.resolve()
    if (this.loadingAll) return this.loadingAll
    this.loadingAll = this.collection
      .find()
      .exec()
      .then((docs) => {
        const accounts = new Set<string>()
        for (const d of docs) {
          const doc = d.toJSON() as MetricDoc
          this.merge(doc)
          accounts.add(doc.accountId)
        }
        this.allLoaded = true
        this.changed(accounts, true)
      })
    return this.loadingAll
  }

  /** One account's derived metrics; the same object until that account's documents change. */
  metricsOf(accountId: string): AccountMetrics | undefined {
    if (!this.derived.has(accountId)) {
      const docs = this.byAccount.get(accountId)
      this.derived.set(
        accountId,
        docs && docs.size > 0 ? (groupByAccount([...docs.values()]).get(accountId) ?? null) : null,
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

  private put(doc: MetricDoc) {
    let docs = this.byAccount.get(doc.accountId)
    if (!docs) {
      docs = new Map()
      this.byAccount.set(doc.accountId, docs)
    }
    docs.set(doc.id, doc)
    this.deleted.delete(doc.id)
  }

  private remove(doc: MetricDoc) {
    this.byAccount.get(doc.accountId)?.delete(doc.id)
    this.deleted.set(doc.id, doc.updatedAt)
  }

  /** A document from a read: kept unless a change event already brought a newer state. */
  private merge(doc: MetricDoc) {
    const gone = this.deleted.get(doc.id)
    if (gone !== undefined && gone >= doc.updatedAt) return
    const held = this.byAccount.get(doc.accountId)?.get(doc.id)
    if (held && held.updatedAt > doc.updatedAt) return
    this.put(doc)
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

const caches = new WeakMap<RxCollection<MetricDoc>, MetricsCache>()

/** The cache of this database's metrics collection (one per open workspace database). */
export function metricsCacheOf(collection: RxCollection<MetricDoc>): MetricsCache {
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
export function useCachedMetrics(accountId: string | null): CachedMetrics {
  const collection = useRxCollection<MetricDoc>('metrics')
  const cache = collection ? metricsCacheOf(collection) : null
  const version = useSyncExternalStore(cache?.subscribe ?? noSubscribe, cache?.getVersion ?? zero)
  useEffect(() => {
    if (!cache) return
    let idle: ReturnType<typeof setTimeout> | null = null
    const rest = () => {
      idle = setTimeout(() => void cache.loadAll(), 300)
    }
    if (accountId === null) void cache.loadAll()
    else void cache.loadAccount(accountId).then(rest)
    return () => {
      if (idle) clearTimeout(idle)
    }
  }, [cache, accountId])
  const grouped = useMemo(() => {
    if (!cache) return new Map<string, AccountMetrics>()
    if (accountId === null) return cache.allMetrics()
    const m = cache.metricsOf(accountId)
    return new Map(m ? [[accountId, m]] : [])
    // `version` is what says the cache changed.
  }, [cache, accountId, version])
  return { grouped, loading: !cache || !cache.isLoaded(accountId) }
}

const noSubscribe = () => () => undefined
const zero = () => 0
