import { describe, expect, it } from 'vitest'
import { accountMonthOf, metricPackSchema, type MetricDoc } from '../data/collections/metrics'
import { uuidv7 } from '../data/ids'
import { emptyMonth, putDays } from './month-doc'
import { localMonthId, packMonths, unpackAll, unpackMonths } from './metric-pack'

const workspaceId = uuidv7()
const [accountA, accountB, postX, postY] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()]

function monthDoc(
  accountId: string,
  postId: string | null,
  month: string,
  views: number,
  updatedAt = 10,
): MetricDoc {
  const fields = putDays(emptyMonth(month, postId === null), [
    {
      date: `${month}-03`,
      views,
      likes: 1,
      comments: 0,
      shares: 0,
      saves: 0,
      watchTimeMs: 5,
      followers: postId ? null : 40,
    },
  ])
  return {
    id: localMonthId(accountId, postId, month),
    workspaceId,
    updatedAt,
    _deleted: false,
    accountId,
    postId,
    ...fields,
  }
}

/** One UUID per account-month, as the server's stable ids give. */
const packIds = new Map<string, string>()
const packId = (accountId: string, month: string) => {
  const key = `${accountId}/${month}`
  const id = packIds.get(key) ?? uuidv7()
  packIds.set(key, id)
  return id
}

describe('metric packs', () => {
  it('packs month documents one per account-month and unpacks them to the same months', () => {
    const months = [
      monthDoc(accountA, postY, '2026-01', 7, 12),
      monthDoc(accountA, null, '2026-01', 100, 11),
      monthDoc(accountA, postX, '2026-01', 5, 10),
      monthDoc(accountA, postX, '2026-02', 9, 10),
      monthDoc(accountB, null, '2026-01', 300, 10),
    ]
    const packs = packMonths(months, packId)
    expect(packs.map((p) => p.id).sort()).toEqual(
      [
        packId(accountA, '2026-01'),
        packId(accountA, '2026-02'),
        packId(accountB, '2026-01'),
      ].sort(),
    )
    const jan = packs.find((p) => p.id === packId(accountA, '2026-01'))
    // Posts sorted by id; the pack's updatedAt is its latest month's.
    expect(jan?.posts.map((p) => p.postId)).toEqual([postX, postY].sort())
    expect(jan?.updatedAt).toBe(12)
    // A month with only post readings has no account part.
    expect(packs.find((p) => p.month === '2026-02')?.account).toBeNull()
    for (const p of packs) expect(metricPackSchema.safeParse(p).success).toBe(true)

    const back = unpackAll(packs)
    const key = (d: MetricDoc) => d.id
    const strip = (d: MetricDoc) => ({ ...d, updatedAt: 0 })
    expect(back.map(strip).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      months.map(strip).sort((a, b) => key(a).localeCompare(key(b))),
    )
  })

  it('keeps the later of two copies of a month, and the same months make the same pack', () => {
    const older = monthDoc(accountA, postX, '2026-01', 5)
    const newer = monthDoc(accountA, postX, '2026-01', 6, 20)
    const [pack] = packMonths([older, newer], packId)
    expect(pack?.posts).toHaveLength(1)
    expect(pack?.posts[0]?.views[2]).toBe(6)
    const a = packMonths(
      [monthDoc(accountA, postY, '2026-01', 1), monthDoc(accountA, postX, '2026-01', 2)],
      packId,
    )
    const b = packMonths(
      [monthDoc(accountA, postX, '2026-01', 2), monthDoc(accountA, postY, '2026-01', 1)],
      packId,
    )
    expect(a).toEqual(b)
  })

  it('names unpacked months with the given ids, posts carrying no account-only measures', () => {
    const [pack] = packMonths(
      [monthDoc(accountA, postX, '2026-01', 5), monthDoc(accountA, null, '2026-01', 9)],
      packId,
    )
    if (!pack) throw new Error('no pack')
    const docs = unpackMonths(pack, (a, p, m) => `${p ?? 'own'}@${m}`)
    expect(docs.map((d) => d.id)).toEqual(['own@2026-01', `${postX}@2026-01`])
    expect(docs[1]?.followers).toBeNull()
    expect(docs[0]?.followers?.[2]).toBe(40)
  })

  it('refuses a pack that breaks the schema (a post without an id, a 32nd day)', () => {
    const [pack] = packMonths([monthDoc(accountA, postX, '2026-01', 5)], packId)
    if (!pack) throw new Error('no pack')
    const withId = pack
    expect(metricPackSchema.safeParse(withId).success).toBe(true)
    expect(
      metricPackSchema.safeParse({ ...withId, posts: [{ ...pack.posts[0], postId: 'x' }] }).success,
    ).toBe(false)
    expect(
      metricPackSchema.safeParse({
        ...withId,
        posts: [{ ...pack.posts[0], views: new Array(32).fill(1) }],
      }).success,
    ).toBe(false)
  })

  it('checks every day slot: a count or empty, reported at the bad day', () => {
    const [pack] = packMonths([monthDoc(accountA, postX, '2026-01', 5)], packId)
    const post = pack?.posts[0]
    if (!pack || !post) throw new Error('no pack')
    const withViews = (views: unknown) =>
      metricPackSchema.safeParse({ ...pack, posts: [{ ...post, views }] })
    expect(withViews([null, 0, 7, Number.MAX_SAFE_INTEGER]).success).toBe(true)
    expect(withViews([]).success).toBe(true)
    for (const bad of [
      -1,
      1.5,
      '3',
      Number.NaN,
      Infinity,
      Number.MAX_SAFE_INTEGER + 1,
      undefined,
      {},
    ]) {
      const result = withViews([1, null, bad])
      expect(result.success, String(bad)).toBe(false)
      expect(result.error?.issues[0]?.path).toEqual(['posts', 0, 'views', 2])
      expect(result.error?.issues[0]?.message).toBe('must be a whole number of 0 or more, or empty')
    }
    expect(withViews('1,2,3').success).toBe(false)
    expect(withViews(null).success).toBe(false)
    expect(withViews({ length: 1, 0: 1 }).success).toBe(false)
    // The account's own month: the same rule, and followers may be absent as a whole (null).
    const account = accountMonthOf(monthDoc(accountA, null, '2026-01', 5))
    expect(
      metricPackSchema.safeParse({ ...pack, account: { ...account, followers: null } }).success,
    ).toBe(true)
    expect(
      metricPackSchema.safeParse({ ...pack, account: { ...account, followers: [-3] } }).success,
    ).toBe(false)
  })
})
