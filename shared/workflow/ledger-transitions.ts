import type { LedgerEntryDoc } from '../data/collections/ledger'
import { commissionMinor } from '../money/commission'
import { allow, isDeletion, refuse, type Actor, type Transition } from './transition'

/** Where a commission may go next: refunds reverse settled ones too; a refund is final. */
const SETTLEMENT_NEXT: Record<string, readonly string[]> = {
  not_settled: ['not_settled', 'settled', 'refunded'],
  settled: ['settled', 'refunded'],
  refunded: ['refunded'],
}

/**
 * The ledger's rules for what people write (connector entries are the server's and never reach
 * here): an entry keeps its kind and currency (a different stream or currency is a new entry,
 * so totals never shift under an accountant); a payout is more than zero; a commission only
 * moves forward (Not settled → Settled → Refunded, a refund reverses it even after settlement);
 * and a commission with a price paid and a rate is worth exactly price × rate — the server sets
 * the amount, so no hand-typed figure can disagree with its own inputs.
 */
export function checkLedgerTransition(
  _actor: Actor,
  before: LedgerEntryDoc | undefined,
  after: LedgerEntryDoc,
): Transition<LedgerEntryDoc> {
  if (isDeletion(before, after)) return allow(after)
  if (before !== undefined) {
    if (before.kind !== after.kind)
      return refuse('an entry’s stream cannot change: delete it and add a new entry')
    if (before.currency !== after.currency)
      return refuse('an entry’s currency cannot change: delete it and add a new entry')
    if (
      before.settlement !== null &&
      after.settlement !== null &&
      !(SETTLEMENT_NEXT[before.settlement] ?? []).includes(after.settlement)
    )
      return refuse(
        before.settlement === 'refunded'
          ? 'a refunded order cannot be settled again'
          : 'a settled commission can only be refunded',
      )
  }
  if (after.kind === 'payout' && after.amountMinor === 0 && !after._deleted)
    return refuse('a payout must be more than zero')
  const { paidPriceMinor, rateBps } = after.detail
  if (after.kind === 'commission' && paidPriceMinor !== null && rateBps !== null) {
    const amountMinor = commissionMinor(paidPriceMinor, rateBps)
    if (amountMinor !== after.amountMinor) return allow({ ...after, amountMinor })
  }
  return allow(after)
}
