import { afterEach, describe, expect, it } from 'vitest'
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
} from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { metrics } from '../../../shared/data/collections/metrics'
import { uuidv7 } from '../../../shared/data/ids'
import type { MetricPackDoc } from '../../../shared/data/registry'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { MetricsCache } from './metrics-cache'

addRxPlugin(RxDBMigrationSchemaPlugin)

let db: RxDatabase | undefined
let cache: MetricsCache | undefined
afterEach(async () => {
  cache?.dispose()
  await db?.close()
  db = undefined
  cache = undefined
})

async function open(): Promise<RxCollection<MetricPackDoc>> {
  db = await createRxDatabase({ name: `metrics-cache-${uuidv7()}`, storage: getRxStorageMemory() })
  await db.addCollections({
    metrics: {
      schema: metrics.rxSchema as RxJsonSchema<Record<string, unknown>>,
      migrationStrategies: metrics.migrationStrategies,
    },
  })
  return db.collections.metrics as unknown as RxCollection<MetricPackDoc>
}

/** An account-month pack: the account's views on the 1st, and one post's (a tenth of them). */
function month(accountId: string, monthKey: string, views: number, updatedAt = 1): MetricPackDoc {
  const base = sampleDocs().metrics
  const slots = (v: number) => Array.from({ length: 30 }, (_, i) => (i === 0 ? v : null))
  const account =
    base.account ??
    (() => {
      throw new Error('sample pack has no account')
    })()
  const post =
    base.posts[0] ??
    (() => {
      throw new Error('sample pack has no post')
    })()
  return {
    ...base,
    id: uuidv7(),
    accountId,
    month: monthKey,
    account: { ...account, views: slots(views), followers: slots(views) },
    posts: [{ ...post, views: slots(views / 10) }],
    updatedAt,
  }
}

/** Resolves once the cache has told its listeners about a change. */
function nextNotice(c: MetricsCache): Promise<void> {
  return new Promise((resolve) => {
    const off = c.subscribe(() => {
      off()
      resolve()
    })
  })
}

describe('MetricsCache', () => {
  it('reads one account by its index and derives its series once per change of it', async () => {
    const collection = await open()
    const [a, b] = [uuidv7(), uuidv7()]
    await collection.bulkInsert([month(a, '2026-01', 100), month(b, '2026-01', 7)])
    cache = new MetricsCache(collection)

    expect(cache.isLoaded(a)).toBe(false)
    await cache.loadAccount(a)
    expect(cache.isLoaded(a)).toBe(true)
    expect(cache.isLoaded(b)).toBe(false)
    const first = cache.metricsOf(a)
    expect(first?.series.views).toEqual([{ date: '2026-01-01', value: 100 }])
    // The pack's post months are unpacked beside the account's own.
    const post = sampleDocs().metrics.posts[0]?.postId ?? ''
    expect(first?.posts.get(post)?.map((m) => [m.month, m.views[0]])).toEqual([['2026-01', 10]])
    expect(cache.metricsOf(b)).toBeUndefined()

    // Another account's change leaves this account's derived object as it was.
    const notice = nextNotice(cache)
    await collection.insert(month(b, '2026-02', 9))
    await notice
    expect(cache.metricsOf(a)).toBe(first)

    // A change of this account (a sync writing a new month) is picked up without a re-read.
    const again = nextNotice(cache)
    await collection.insert(month(a, '2026-02', 250))
    await again
    const second = cache.metricsOf(a)
    expect(second).not.toBe(first)
    expect(second?.series.views.map((p) => p.value)).toEqual([100, 250])
    expect(second?.lastDay).toBe('2026-02-01')
  })

  it('drops a month deleted after it was read', async () => {
    const collection = await open()
    const a = uuidv7()
    const jan = month(a, '2026-01', 100, 5)
    await collection.insert(jan)
    cache = new MetricsCache(collection)
    await cache.loadAccount(a)

    const removed = nextNotice(cache)
    await (await collection.findOne(jan.id).exec())?.remove()
    await removed
    expect(cache.metricsOf(a)).toBeUndefined()
  })

  it('reads every account for the roll-up, and warms the rest one by one', async () => {
    const collection = await open()
    const ids = [uuidv7(), uuidv7(), uuidv7()]
    await collection.bulkInsert(ids.map((id, i) => month(id, '2026-03', (i + 1) * 10)))
    cache = new MetricsCache(collection)

    await cache.loadAll(ids.slice(0, 2))
    expect([...cache.allMetrics().keys()].sort()).toEqual(ids.slice(0, 2).sort())

    cache.warm(ids)
    await expect.poll(() => cache?.isLoaded(ids[2] ?? ''), { timeout: 5_000 }).toBe(true)
    expect(cache.allMetrics().get(ids[2] ?? '')?.series.views).toEqual([
      { date: '2026-03-01', value: 30 },
    ])
  })
})
