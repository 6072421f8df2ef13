import { describe, expect, it } from 'vitest'
import { sampleDocs } from '../data/sample-docs'
import type { DealDoc, PostDoc } from '../data/registry'
import {
  dealsOfPost,
  durationBand,
  NO_POST_FILTER,
  passes,
  postFacts,
  summedGains,
  type PostFacts,
} from './post-facts'

const basePost = sampleDocs().posts as PostDoc
const baseDeal = sampleDocs().deals as DealDoc

function post(id: string, over: Partial<PostDoc> = {}): PostDoc {
  return { ...basePost, id, video: null, mediaId: null, productTags: [], ...over }
}

function deal(
  id: string,
  deliverablePost: string | null,
  sparkPost: string | null = null,
): DealDoc {
  const deliverable = baseDeal.deliverables[0]
  return {
    ...baseDeal,
    id,
    deliverables: deliverable ? [{ ...deliverable, postId: deliverablePost }] : [],
    sparkCodes: sparkPost
      ? [
          {
            id: `${id}-s`,
            code: 'CODE',
            postId: sparkPost,
            durationDays: 30,
            issuedAt: 1,
            revokedAt: null,
            caption: null,
          },
        ]
      : [],
  }
}

describe('duration bands', () => {
  it('puts each length in one band, edges in the upper one', () => {
    expect(durationBand(0)).toBe('short')
    expect(durationBand(14_999)).toBe('short')
    expect(durationBand(15_000)).toBe('medium')
    expect(durationBand(60_000)).toBe('long')
    expect(durationBand(180_000)).toBe('longer')
    expect(durationBand(null)).toBe('unknown')
  })
})

describe('post facts and filters', () => {
  const videoOf = (ms: number) => ({ ...(basePost.video ?? sampleVideo()), durationMs: ms })
  function sampleVideo(): NonNullable<PostDoc['video']> {
    return {
      fileName: 'a.mp4',
      sizeBytes: 1,
      durationMs: 1,
      width: 1080,
      height: 1920,
      sha256: null,
      ref: null,
    }
  }
  const posts = [
    post('p1', { video: videoOf(9_000) }),
    post('p2', { mediaId: 'm1' }),
    post('p3', { productTags: [{ id: 't', productId: 'prod', atMs: 0 }] }),
  ]
  const deals = [deal('d1', 'p1'), deal('d2', null, 'p2'), { ...deal('d3', 'p3'), _deleted: true }]
  const facts = postFacts(posts, deals, new Map([['m1', { durationMs: 40_000 }]]))

  it('reads length from the post video or its media, deals from deliverables and Spark codes', () => {
    expect(facts.get('p1')).toEqual({ durationMs: 9_000, dealIds: ['d1'], productIds: [] })
    expect(facts.get('p2')).toEqual({ durationMs: 40_000, dealIds: ['d2'], productIds: [] })
    // A deleted deal links nothing.
    expect(facts.get('p3')).toEqual({ durationMs: null, dealIds: [], productIds: ['prod'] })
    expect(dealsOfPost(deals, 'p2').map((d) => d.id)).toEqual(['d2'])
    expect(dealsOfPost(deals, 'p3')).toEqual([])
  })

  it('filters by band, deal link and product tag together', () => {
    const kept = (f: Parameters<typeof passes>[1]) =>
      posts.filter((p) => passes(facts.get(p.id), f)).map((p) => p.id)
    expect(kept(NO_POST_FILTER)).toEqual(['p1', 'p2', 'p3'])
    expect(kept({ ...NO_POST_FILTER, bands: ['short'] })).toEqual(['p1'])
    expect(kept({ ...NO_POST_FILTER, bands: ['short', 'medium'] })).toEqual(['p1', 'p2'])
    expect(kept({ ...NO_POST_FILTER, bands: ['unknown'] })).toEqual(['p3'])
    expect(kept({ ...NO_POST_FILTER, dealLinked: true })).toEqual(['p1', 'p2'])
    expect(kept({ ...NO_POST_FILTER, dealLinked: false })).toEqual(['p3'])
    expect(kept({ ...NO_POST_FILTER, productTagged: true })).toEqual(['p3'])
    expect(kept({ bands: ['medium'], dealLinked: true, productTagged: false })).toEqual(['p2'])
    expect(kept({ bands: ['longer'], dealLinked: null, productTagged: null })).toEqual([])
  })

  it('drops a post it knows nothing about only when filtering', () => {
    const unknown: PostFacts | undefined = undefined
    expect(passes(unknown, NO_POST_FILTER)).toBe(true)
    expect(passes(unknown, { ...NO_POST_FILTER, dealLinked: false })).toBe(false)
  })
})

describe('summed daily gains of filtered posts', () => {
  it('adds each post gain per day and leaves days without readings empty', () => {
    const a = [
      { date: '2026-01-01', value: 10 },
      { date: '2026-01-02', value: 30 },
    ]
    const b = [
      { date: '2026-01-02', value: 5 },
      { date: '2026-01-03', value: 4 },
    ]
    const points = summedGains([a, b], { from: '2026-01-02', to: '2026-01-04' })
    // Jan 2: a gained 20, b's first reading counts 0; Jan 3: b corrected down by 1.
    expect(points.map((p) => p.gain)).toEqual([20, -1, null])
    expect(summedGains([], { from: '2026-01-01', to: '2026-01-02' }).map((p) => p.gain)).toEqual([
      null,
      null,
    ])
  })
})
