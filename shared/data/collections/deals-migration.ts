/**
 * Deals schema version 0 → 1, used twice with the same result: by each client's RxDB migration
 * strategy and by the server's migration 0009 for the documents it stores, so both sides hold
 * the same document and nothing replicates back and forth because of the upgrade.
 *
 * Version 0 had one free-form CRM state list; version 1 has the pipeline. The old states map to
 * the stage that means the same: offer → invitation, accepted → contracted, in_progress → in
 * production, delivered → posted. The old amount becomes the deal's one offer (the agreed one
 * once the deal had been accepted). Nothing else existed yet, so the new parts start empty; the
 * history records the stage the deal was found in, by the system, at its last change.
 */
const STATE_MAP: Record<string, string> = {
  offer: 'invitation',
  negotiating: 'negotiating',
  accepted: 'contracted',
  in_progress: 'in_production',
  delivered: 'posted',
  paid: 'paid',
  declined: 'declined',
  cancelled: 'cancelled',
}

const AGREED = new Set(['contracted', 'in_production', 'posted', 'paid'])

const SYSTEM = { kind: 'system', userId: null, name: 'Reeldesk' } as const

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

export function migrateDealToV1(old: Record<string, unknown>): Record<string, unknown> {
  // Already version 1 (a re-run of the server migration): leave it as it is.
  if (Array.isArray(old['history'])) return old
  const id = String(old['id'])
  const state = STATE_MAP[String(old['state'])] ?? 'negotiating'
  const updatedAt = num(old['updatedAt'], 0)
  const amountMinor = num(old['amountMinor'], 0)
  const currency = typeof old['currency'] === 'string' ? old['currency'] : 'USD'
  const offered = amountMinor > 0
  const deliverables = Array.isArray(old['deliverables'])
    ? old['deliverables'].map((d: Record<string, unknown>) => ({ ...d, projectId: null }))
    : []
  return {
    ...old,
    category: '',
    state,
    invitation: null,
    brief: '',
    // Ids inside a document only need to be unique there: the deal's own id names its first
    // offer and history entry, so both sides derive the same values without randomness.
    offers: offered
      ? [
          {
            id,
            from: 'brand',
            amountMinor,
            currency,
            paymentTerms: null,
            note: '',
            at: updatedAt,
            by: SYSTEM,
          },
        ]
      : [],
    agreedOfferId: offered && AGREED.has(state) ? id : null,
    amountMinor,
    currency,
    paymentTerms: null,
    deliverables,
    usage: { channels: [], durationDays: null, perpetual: false },
    exclusivity: null,
    sparkCodes: [],
    history: [
      {
        id,
        from: null,
        to: state,
        at: updatedAt,
        by: SYSTEM,
        note: 'Recorded before the deal pipeline',
      },
    ],
    reads: [],
    payment: state === 'paid' ? { amountMinor, currency, receivedAt: updatedAt } : null,
  }
}

/**
 * Deals schema version 1 → 2: each Spark code gains the caption it locks, unknown (null) for
 * codes recorded before. A deal whose codes all have one is returned as it is.
 */
export function migrateDealToV2(old: Record<string, unknown>): Record<string, unknown> {
  const codes = Array.isArray(old['sparkCodes']) ? (old['sparkCodes'] as unknown[]) : []
  const has = (c: unknown) => typeof c === 'object' && c !== null && 'caption' in c
  if (Array.isArray(old['sparkCodes']) && codes.every(has)) return old
  return {
    ...old,
    sparkCodes: codes.map((c) => (has(c) ? c : { ...(c as object), caption: null })),
  }
}
