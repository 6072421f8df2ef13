import type { DealDoc } from '../data/collections/deals'
import { ACTIVE_STAGES } from './pipeline'

export interface ExclusivityConflict {
  dealId: string
  brand: string
  category: string
  until: number
}

const norm = (s: string) => s.trim().toLowerCase()

/**
 * Existing deals on the same account whose exclusivity on `deal`'s category still runs at `now`:
 * the warning shown when a new deal would break an agreed exclusivity. Only
 * deals that are agreed (contracted onwards, or paid) bind the creator.
 */
export function exclusivityConflicts(
  deal: Pick<DealDoc, 'id' | 'accountId' | 'category'>,
  others: readonly DealDoc[],
  now: number,
): ExclusivityConflict[] {
  const category = norm(deal.category)
  if (!category) return []
  const out: ExclusivityConflict[] = []
  for (const other of others) {
    if (other.id === deal.id || other._deleted || other.accountId !== deal.accountId) continue
    if (!other.exclusivity) continue
    if (!ACTIVE_STAGES.includes(other.state) && other.state !== 'paid') continue
    if (norm(other.exclusivity.category) !== category) continue
    if (other.exclusivity.until < now) continue
    out.push({
      dealId: other.id,
      brand: other.brand,
      category: other.exclusivity.category,
      until: other.exclusivity.until,
    })
  }
  return out
}
