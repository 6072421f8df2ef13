import type { CollectionName } from '../../../shared/data/collection-contract'
import type { LedgerEntryDoc, PostDoc, ProductDoc } from '../../../shared/data/registry'
import { asRecord } from '../../sync/documents'
import { fromJsonColumn } from '../../db/values'
import type { WorkspaceWrite } from '../../sync/workspace-write'
import type { DailyAccountPoint, DailyPoint, PlatformVideo } from '../connector'
import type { PlatformEvent } from '../events'
import { writeReadings } from '../../analytics/metric-writes'
import {
  brandMessage,
  commissionEntry,
  disqualifiedEntry,
  externalPostDoc,
  giftEntry,
  orderEntryId,
  productDoc,
  rewardEntry,
  type IngestContext,
} from './to-docs'
import { ingestDealEvents, type DealEvent } from './deal-ingest'
import { withReportedRate } from '../../../shared/shop/commission'

/**
 * Writes connector data into the workspace inside a job's workspace write: documents get
 * workspace seqs and reach clients on the stream at commit. Server-owned documents (metrics,
 * connector ledger entries, brand messages) are the platform's truth and are rewritten when it
 * changes; documents people edit (posts, deals, products) are created once and afterwards only
 * their platform facts are updated.
 */

/** Which workspace documents stand for the account's platform videos and shop products. */
export interface AccountIndex {
  posts: Map<string, string>
  products: Map<string, ProductDoc>
  /** Post id → its publication day (UTC), for the analytics retention rule. */
  published?: Map<string, string>
}

function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10)
}

export async function loadAccountIndex(
  w: WorkspaceWrite,
  ctx: IngestContext,
): Promise<AccountIndex> {
  const rows = await w.trx
    .selectFrom('documents')
    .select(['collection', 'data'])
    .where('workspace_id', '=', ctx.workspaceId)
    .where('account_id', '=', ctx.accountId)
    .where('collection', 'in', ['posts', 'products'])
    .where('deleted', '=', 0)
    .execute()
  const index: AccountIndex = { posts: new Map(), products: new Map(), published: new Map() }
  for (const row of rows) {
    const data = asRecord(fromJsonColumn(row.data))
    if (row.collection === 'posts') {
      const post = data as unknown as PostDoc
      if (post.publish.platformPostId) index.posts.set(post.publish.platformPostId, post.id)
      if (post.publish.publishedAt !== null)
        index.published?.set(post.id, isoDate(post.publish.publishedAt))
    } else {
      const product = data as unknown as ProductDoc
      if (product.shopProductId) index.products.set(product.shopProductId, product)
    }
  }
  return index
}

/** Writes `docs`, leaving out those whose stored copy differs only in `updatedAt`. */
async function writeChanged(
  w: WorkspaceWrite,
  collection: CollectionName,
  docs: readonly Record<string, unknown>[],
): Promise<number> {
  if (docs.length === 0) return 0
  const masters = await w.read(
    collection,
    docs.map((d) => String(d['id'])),
  )
  const changed = docs.filter((doc) => {
    const master = masters.get(String(doc['id']))
    if (!master) return true
    return JSON.stringify({ ...master, updatedAt: 0 }) !== JSON.stringify({ ...doc, updatedAt: 0 })
  })
  await w.write(collection, changed)
  return changed.length
}

/** Creates only the documents that do not exist yet. */
async function writeNew(
  w: WorkspaceWrite,
  collection: CollectionName,
  docs: readonly Record<string, unknown>[],
): Promise<number> {
  if (docs.length === 0) return 0
  const masters = await w.read(
    collection,
    docs.map((d) => String(d['id'])),
  )
  const fresh = docs.filter((d) => !masters.has(String(d['id'])))
  await w.write(collection, fresh)
  return fresh.length
}

/** Platform videos not known yet become published posts; every video is indexed. */
export async function ingestVideos(
  w: WorkspaceWrite,
  ctx: IngestContext,
  index: AccountIndex,
  videos: readonly PlatformVideo[],
): Promise<number> {
  const fresh: PostDoc[] = []
  for (const video of videos) {
    if (index.posts.has(video.id)) continue
    const doc = externalPostDoc(ctx, video)
    index.posts.set(video.id, doc.id)
    index.published?.set(doc.id, isoDate(video.createdAt))
    fresh.push(doc)
  }
  return writeNew(w, 'posts', fresh)
}

/** Account days into the account's month documents (server/analytics/metric-writes.ts). */
export async function ingestAccountDays(
  w: WorkspaceWrite,
  ctx: IngestContext,
  points: readonly DailyAccountPoint[],
): Promise<number> {
  return writeReadings(
    w,
    [
      {
        target: { ...ctx, postId: null },
        readings: points.map((p) => ({
          ...p,
          saves: p.saves ?? 0,
          watchTimeMs: p.watchTimeMs ?? 0,
        })),
      },
    ],
    ctx.now,
  )
}

/** Per-post days into post-month documents: daily for 90 days after publication, weekly after. */
export async function ingestPostDays(
  w: WorkspaceWrite,
  ctx: IngestContext,
  index: AccountIndex,
  points: ReadonlyMap<string, readonly DailyPoint[]>,
): Promise<number> {
  const batches = []
  for (const [videoId, days] of points) {
    const postId = index.posts.get(videoId)
    if (!postId) continue
    batches.push({
      target: { ...ctx, postId, published: index.published?.get(postId) ?? null },
      readings: days.map((d) => ({ ...d, saves: d.saves ?? 0, watchTimeMs: d.watchTimeMs ?? 0 })),
    })
  }
  return writeReadings(w, batches, ctx.now)
}

export interface EventTally {
  ledger: number
  deals: number
  messages: number
  products: number
}

/**
 * Business events → ledger entries, deals, brand messages and products. Events are applied in
 * order: an order and its settlement in one batch give one settled entry; a settlement for an
 * order written by an earlier sync updates that entry.
 */
export async function ingestEvents(
  w: WorkspaceWrite,
  ctx: IngestContext,
  index: AccountIndex,
  events: readonly PlatformEvent[],
): Promise<EventTally> {
  const ledger = new Map<string, LedgerEntryDoc>()
  const dealEvents: DealEvent[] = []
  const messages = []
  const products = new Map<string, ProductDoc>()
  // Orders settled or refunded now but placed before this batch: their stored entries.
  const earlier = events.flatMap((e) =>
    e.type === 'shop.order.settled' || e.type === 'shop.order.refunded'
      ? [orderEntryId(ctx, e.orderId, e.orderedAt)]
      : [],
  )
  const stored = await w.read('ledger', earlier)

  for (const event of events) {
    switch (event.type) {
      case 'live.session': {
        const doc = giftEntry(ctx, event)
        ledger.set(doc.id, doc)
        break
      }
      case 'rewards.video': {
        const doc = rewardEntry(ctx, event, index.posts.get(event.videoId) ?? null)
        ledger.set(doc.id, doc)
        break
      }
      case 'shop.product': {
        const existing =
          products.get(event.shopProductId) ?? index.products.get(event.shopProductId)
        const fresh = productDoc(ctx, event, existing?.id ?? null)
        // A person may have renamed it: only the platform's facts change on an existing one. A
        // rate cut keeps the rate in force until the lock the platform reports ends.
        const doc: ProductDoc = existing
          ? {
              ...existing,
              priceMinor: fresh.priceMinor,
              currency: fresh.currency,
              ...withReportedRate(existing, event, event.occurredAt),
              updatedAt: Math.max(ctx.now, existing.updatedAt + 1),
            }
          : fresh
        products.set(event.shopProductId, doc)
        index.products.set(event.shopProductId, doc)
        break
      }
      case 'shop.order': {
        const doc = commissionEntry(ctx, event, {
          postId: event.videoId === null ? null : (index.posts.get(event.videoId) ?? null),
          productId: index.products.get(event.shopProductId)?.id ?? null,
        })
        ledger.set(doc.id, doc)
        break
      }
      case 'shop.order.settled':
      case 'shop.order.refunded': {
        const id = orderEntryId(ctx, event.orderId, event.orderedAt)
        const entry = ledger.get(id) ?? (stored.get(id) as LedgerEntryDoc | undefined)
        if (!entry) break
        ledger.set(id, {
          ...entry,
          settlement: event.type === 'shop.order.settled' ? 'settled' : 'refunded',
          updatedAt: ctx.now,
        })
        break
      }
      case 'brand.invitation':
        dealEvents.push(event)
        break
      case 'brand.counter_offer':
        dealEvents.push(event)
        messages.push(brandMessage(ctx, event))
        break
      case 'brand.message':
        messages.push(brandMessage(ctx, event))
        break
      case 'brand.offer_accepted':
      case 'brand.offer_declined':
        dealEvents.push(event)
        messages.push(brandMessage(ctx, event))
        break
      case 'rewards.disqualified': {
        const doc = disqualifiedEntry(ctx, event, index.posts.get(event.videoId) ?? null)
        ledger.set(doc.id, doc)
        break
      }
      case 'rewards.payment':
        // The month's total of the per-video entries the ledger already holds.
        break
    }
  }
  return {
    products: await writeChanged(w, 'products', [...products.values()]),
    deals: await ingestDealEvents(w, ctx, dealEvents),
    messages: await writeChanged(w, 'messages', messages),
    ledger: await writeChanged(w, 'ledger', [...ledger.values()]),
  }
}
