import { EMPTY_DETAIL, type LedgerEntryDoc } from '../../../shared/data/collections/ledger'
import { commissionMinor } from '../../../shared/money/commission'
import type { DiamondRate } from '../../../shared/money/earnings-settings'
import { parseAmount } from '../../../shared/money/money'
import { diamondValue } from '../../../shared/money/streams'

/** What a person can add by hand (connector entries come from the platform). */
export const MANUAL_KINDS = [
  'other',
  'payout',
  'deal_payment',
  'gift',
  'commission',
  'reward',
] as const
export type ManualKind = (typeof MANUAL_KINDS)[number]

export const MANUAL_KIND_LABELS: Record<ManualKind, string> = {
  other: 'Other income (outside the platform)',
  payout: 'Payout (withdrawal)',
  deal_payment: 'Brand-deal payment',
  gift: 'LIVE session gifts',
  commission: 'Shop commission',
  reward: 'Creator Rewards payment',
}

export interface EntryDraft {
  kind: ManualKind
  accountId: string
  date: string
  amount: string
  currency: string
  diamonds: string
  durationMin: string
  topGifters: string
  paidPrice: string
  ratePercent: string
  note: string
}

export type DraftErrors = Partial<Record<keyof EntryDraft, string>>

function wholeNumber(
  text: string,
  what: string,
): { ok: true; n: number } | { ok: false; reason: string } {
  const clean = text.trim().replace(/,/g, '')
  if (!/^\d+$/.test(clean)) return { ok: false, reason: `Enter ${what} as a whole number.` }
  const n = Number(clean)
  if (!Number.isSafeInteger(n)) return { ok: false, reason: 'That number is too large.' }
  return { ok: true, n }
}

/**
 * A draft → a ledger entry, or the errors to show beside each field. LIVE gifts are entered in
 * diamonds (their truth; the views value them at the workspace rate); a commission from the price
 * paid and the rate, its amount computed exactly as the server will.
 */
export function entryFromDraft(
  draft: EntryDraft,
  ids: { id: string; workspaceId: string },
  now: number,
  /** The account's diamond rate: a gift's stored amount is its value at this rate. */
  giftRate: DiamondRate,
): { ok: true; doc: LedgerEntryDoc } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {}
  if (!draft.accountId) errors.accountId = 'Choose the account this entry belongs to.'
  const occurredAt = Date.parse(`${draft.date}T12:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date) || Number.isNaN(occurredAt))
    errors.date = 'Enter the date as YYYY-MM-DD.'
  if (!/^[A-Z]{3}$/.test(draft.currency))
    errors.currency = 'Use a three-letter currency code, like USD.'
  // An amount's decimals depend on its currency: judge it once the currency is valid.
  const currency = errors.currency ? null : draft.currency
  const detail = { ...EMPTY_DETAIL }
  let amountMinor = 0
  let diamonds: number | null = null
  if (draft.kind === 'gift') {
    const d = wholeNumber(draft.diamonds, 'the diamonds')
    if (!d.ok) errors.diamonds = d.reason
    else diamonds = d.n
    if (draft.durationMin.trim()) {
      const m = wholeNumber(draft.durationMin, 'the length in minutes')
      if (!m.ok) errors.durationMin = m.reason
      else detail.durationSec = m.n * 60
    }
    if (draft.topGifters.trim()) {
      const g = wholeNumber(draft.topGifters, 'the top gifters')
      if (!g.ok) errors.topGifters = g.reason
      else detail.topGifters = g.n
    }
  } else if (draft.kind === 'commission') {
    const price = currency ? parseAmount(draft.paidPrice, currency) : null
    if (price && !price.ok) errors.paidPrice = price.reason
    const rate = /^\d{1,3}(\.\d{1,2})?$/.test(draft.ratePercent.trim())
      ? Math.round(Number(draft.ratePercent.trim()) * 100)
      : NaN
    if (!(rate >= 0 && rate <= 10_000))
      errors.ratePercent = 'Enter the rate as a percentage from 0 to 100.'
    if (price?.ok && !errors.ratePercent) {
      detail.paidPriceMinor = price.minor
      detail.rateBps = rate
      amountMinor = commissionMinor(price.minor, rate)
    }
  } else {
    const a = currency ? parseAmount(draft.amount, currency) : null
    if (a === null) {
      // (the currency's error says what to fix first)
    } else if (!a.ok) errors.amount = a.reason
    else if (draft.kind === 'payout' && a.minor === 0)
      errors.amount = 'A payout must be more than zero.'
    else amountMinor = a.minor
  }
  if (draft.note.length > 1000) errors.note = 'Keep the note under 1,000 characters.'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    doc: {
      id: ids.id,
      workspaceId: ids.workspaceId,
      updatedAt: now,
      _deleted: false,
      accountId: draft.accountId,
      kind: draft.kind,
      // A gift entered in diamonds stores their value at the rate of the day, like the
      // connector's; the views re-value the diamonds whenever the rate changes.
      amountMinor:
        draft.kind === 'gift' ? diamondValue(diamonds ?? 0, giftRate).minor : amountMinor,
      currency: draft.kind === 'gift' ? giftRate.currency : draft.currency,
      diamonds,
      settlement: draft.kind === 'commission' ? 'not_settled' : null,
      occurredAt,
      source: 'manual',
      refs: {
        postId: null,
        dealId: null,
        productId: null,
        orderId: null,
        liveSessionId: null,
        externalId: null,
      },
      detail,
      note: draft.note.trim() || null,
    },
  }
}
