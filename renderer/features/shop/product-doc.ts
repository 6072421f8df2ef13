import type { ProductDoc } from '../../../shared/data/registry'
import { uuidv7 } from '../../../shared/data/ids'
import type { ProductDraft } from '../../../shared/shop/product-csv'

/** A new catalogue product from a draft: the account's own, or the workspace's (null). */
export function newProduct(
  draft: ProductDraft,
  workspaceId: string,
  accountId: string | null,
  source: ProductDoc['source'],
): ProductDoc {
  return {
    id: uuidv7(),
    workspaceId,
    accountId,
    updatedAt: Date.now(),
    _deleted: false,
    title: draft.title,
    priceMinor: draft.priceMinor,
    currency: draft.currency,
    commissionRateBps: draft.commissionRateBps,
    rateLockedUntil: null,
    lockedRateBps: null,
    shopProductId: draft.shopProductId,
    available: draft.available,
    stock: draft.stock,
    imageUrl: draft.imageUrl,
    source,
  }
}
