import type { DealDoc } from '../data/collections/deals'
import type { PostDoc } from '../data/collections/posts'
import { disclosureProblem } from '../publishing/checks'

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

/**
 * Why the post cannot be published as it is: the publishing checks' disclosure rule (one rule for
 * the composer, the server and this area), fed with the deals that bind the post.
 */
export function dealDisclosureProblem(post: PostDoc, deals: readonly DealDoc[]): string | null {
  const linked = dealsLinkedTo(post.id, deals)
  return disclosureProblem(post, linked.length ? linked.map((d) => d.brand) : null)
}

/** The post with the disclosure its linked deals require (unchanged when it already has it). */
export function withDealDisclosure(post: PostDoc): PostDoc {
  if (post.disclosure.commercial && post.disclosure.brandedContent) return post
  // Your-brand stays as the creator set it: a post can be both (the platform's two boxes).
  return { ...post, disclosure: { ...post.disclosure, commercial: true, brandedContent: true } }
}
