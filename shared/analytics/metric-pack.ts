import {
  accountMonthOf,
  postMeasuresOf,
  type MetricDoc,
  type MetricPackDoc,
  type PostMonth,
} from '../data/collections/metrics'

/**
 * Month documents (one per account-month and post-month, what the views and the server's folding
 * work with) to and from the packs the metrics collection stores: one per account-month with its
 * posts' months inside (shared/data/collections/metrics.ts). Pure.
 */

/** Names a month document unpacked from a pack (the server's stable ids; anything unique here). */
export type MonthIdOf = (accountId: string, postId: string | null, month: string) => string

/** Ids for the client, which only needs them unique within the workspace's months. */
export const localMonthId: MonthIdOf = (accountId, postId, month) =>
  `${accountId}/${postId ?? 'account'}/${month}`

/** A pack's month documents: the account's own (if any) first, then its posts' in pack order. */
export function unpackMonths(pack: MetricPackDoc, idOf: MonthIdOf = localMonthId): MetricDoc[] {
  const base = {
    workspaceId: pack.workspaceId,
    updatedAt: pack.updatedAt,
    _deleted: pack._deleted,
    accountId: pack.accountId,
    month: pack.month,
  }
  const out: MetricDoc[] = []
  if (pack.account)
    out.push({ ...base, id: idOf(pack.accountId, null, pack.month), postId: null, ...pack.account })
  for (const post of pack.posts) {
    const { postId, ...measures } = post
    out.push({
      ...base,
      id: idOf(pack.accountId, postId, pack.month),
      postId,
      ...measures,
      followers: null,
      profileViews: null,
    })
  }
  return out
}

/** The month documents of many packs. */
export function unpackAll(packs: readonly MetricPackDoc[], idOf?: MonthIdOf): MetricDoc[] {
  return packs.flatMap((p) => unpackMonths(p, idOf))
}

function postMonthOf(doc: MetricDoc): PostMonth {
  return { postId: doc.postId ?? '', ...postMeasuresOf(doc) }
}

/**
 * Month documents packed per account-month (a later document of the same account or post and
 * month replaces an earlier one). `packId` names each pack; `updatedAt` is the latest of its
 * months'. Posts are sorted by id, so the same months always make the same pack.
 */
export function packMonths(
  docs: readonly MetricDoc[],
  packId: (accountId: string, month: string) => string,
): MetricPackDoc[] {
  const packs = new Map<string, { pack: MetricPackDoc; posts: Map<string, PostMonth> }>()
  for (const doc of docs) {
    const key = `${doc.accountId}/${doc.month}`
    let entry = packs.get(key)
    if (!entry) {
      entry = {
        pack: {
          id: packId(doc.accountId, doc.month),
          workspaceId: doc.workspaceId,
          updatedAt: doc.updatedAt,
          _deleted: false,
          accountId: doc.accountId,
          month: doc.month,
          account: null,
          posts: [],
        },
        posts: new Map(),
      }
      packs.set(key, entry)
    }
    entry.pack.updatedAt = Math.max(entry.pack.updatedAt, doc.updatedAt)
    if (doc.postId === null) entry.pack.account = accountMonthOf(doc)
    else entry.posts.set(doc.postId, postMonthOf(doc))
  }
  return [...packs.values()].map(({ pack, posts }) => ({
    ...pack,
    posts: [...posts.values()].sort((a, b) =>
      a.postId < b.postId ? -1 : a.postId > b.postId ? 1 : 0,
    ),
  }))
}
