import type { DealDoc } from '../data/collections/deals'
import type { PostDoc } from '../data/collections/posts'

/**
 * A post that delivers a brand deal is branded content: the platform requires the "Paid
 * partnership" disclosure (PLATFORM-FACTS, Content Posting API: Branded content → "Paid
 * partnership"). The deals that bind a post, and the disclosure it must carry.
 */
export function dealsLinkedTo(postId: string, deals: readonly DealDoc[]): DealDoc[] {
  return deals.filter(
    (d) =>
      !d._deleted &&
      d.state !== 'declined' &&
      d.state !== 'expired' &&
      d.state !== 'cancelled' &&
      d.deliverables.some((x) => x.postId === postId),
  )
}

/** Why the post cannot be published as it is, or null when its disclosure is right. */
export function disclosureProblem(post: PostDoc, deals: readonly DealDoc[]): string | null {
  const linked = dealsLinkedTo(post.id, deals)
  if (linked.length === 0) return null
  if (post.disclosure.commercial && post.disclosure.brandedContent) return null
  const brands = [...new Set(linked.map((d) => d.brand))].join(', ')
  return `This post delivers a brand deal (${brands}): turn on "Branded content" (Paid partnership) before publishing.`
}

/** The post with the disclosure its linked deals require (unchanged when it already has it). */
export function withDealDisclosure(post: PostDoc): PostDoc {
  if (post.disclosure.commercial && post.disclosure.brandedContent) return post
  // Your-brand stays as the creator set it: a post can be both (the platform's two boxes).
  return { ...post, disclosure: { ...post.disclosure, commercial: true, brandedContent: true } }
}
