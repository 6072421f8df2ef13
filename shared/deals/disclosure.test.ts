import { describe, expect, it } from 'vitest'
import type { DealDoc } from '../data/collections/deals'
import { sampleDocs } from '../data/sample-docs'
import { dealsLinkedTo, dealDisclosureProblem, withDealDisclosure } from './disclosure'

describe('disclosure forced on posts that deliver a deal', () => {
  const s = sampleDocs()
  const post = {
    ...s.posts,
    disclosure: { commercial: false, yourBrand: false, brandedContent: false },
    // The deal's rule alone (product tags ask for a disclosure of their own).
    productTags: [],
  }
  const linked = (state: DealDoc['state']): DealDoc => ({
    ...s.deals,
    state,
    deliverables: s.deals.deliverables.map((d) => ({ ...d, postId: post.id })),
  })

  it('a post linked to a live deal needs "Paid partnership" before it can be published', () => {
    expect(dealDisclosureProblem(post, [linked('contracted')])).toContain('“Branded content”')
    expect(dealDisclosureProblem(post, [linked('contracted')])).toContain(s.deals.brand)
    const fixed = withDealDisclosure(post)
    expect(fixed.disclosure).toEqual({ commercial: true, yourBrand: false, brandedContent: true })
    expect(dealDisclosureProblem(fixed, [linked('contracted')])).toBeNull()
    // "Promotional content" (your own brand) is not the disclosure a brand deal needs.
    const promo = {
      ...post,
      disclosure: { commercial: true, yourBrand: true, brandedContent: false },
    }
    expect(dealDisclosureProblem(promo, [linked('posted')])).not.toBeNull()
    expect(withDealDisclosure(fixed)).toBe(fixed)
  })

  it('declined, expired and cancelled deals, and unlinked posts, ask for nothing', () => {
    for (const state of ['declined', 'expired', 'cancelled'] as const)
      expect(dealDisclosureProblem(post, [linked(state)])).toBeNull()
    expect(dealDisclosureProblem(post, [{ ...s.deals }])).toBeNull()
    expect(dealsLinkedTo(post.id, [linked('paid'), linked('declined')])).toHaveLength(1)
  })
})

describe('the one disclosure rule', () => {
  const s = sampleDocs()
  const post = {
    ...s.posts,
    disclosure: { commercial: false, yourBrand: false, brandedContent: false },
    productTags: [{ id: s.posts.id, productId: s.posts.id, atMs: 0 }],
  }
  it('product tags need the commercial toggle; either box answers it', () => {
    expect(dealDisclosureProblem(post, [])).toContain('product tags')
    const promo = {
      ...post,
      disclosure: { commercial: true, yourBrand: true, brandedContent: false },
    }
    expect(dealDisclosureProblem(promo, [])).toBeNull()
  })
})
