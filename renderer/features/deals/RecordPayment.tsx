import { useState, type FormEvent } from 'react'
import type { DealDoc } from '../../../shared/data/registry'
import { formatMoney, parseMoney } from '../../../shared/deals/money'
import { showToast } from '../../app/toasts'

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

/** "Record payment" on a posted deal: the server marks it paid and writes the earnings entry. */
export function RecordPayment({
  deal,
  onRecord,
}: {
  deal: DealDoc
  onRecord: (input: {
    amountMinor: number
    currency: string
    receivedAt: number
    note: string
  }) => Promise<unknown>
}) {
  const [amount, setAmount] = useState((deal.amountMinor / 100).toFixed(2))
  const [date, setDate] = useState(today())
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseMoney(amount)
    if (!parsed.ok) return setError(parsed.error)
    if (parsed.minor === 0) return setError('Enter the amount that arrived.')
    const receivedAt = Date.parse(`${date}T12:00:00Z`)
    if (!Number.isFinite(receivedAt)) return setError('Pick the date the money arrived.')
    setError(null)
    setBusy(true)
    try {
      await onRecord({ amountMinor: parsed.minor, currency: deal.currency, receivedAt, note })
      showToast({
        title: 'Payment recorded',
        description: `${formatMoney(parsed.minor, deal.currency)} from ${deal.brand} is in Earnings.`,
        tone: 'success',
      })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="record-payment" onSubmit={(e) => void submit(e)} aria-label="Record payment">
      <label className="field">
        <span>Amount received ({deal.currency})</span>
        <input
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </label>
      <label className="field">
        <span>Received on</span>
        <input type="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label className="field record-payment__note">
        <span>Note</span>
        <input
          value={note}
          maxLength={500}
          placeholder="e.g. invoice 2026-014"
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <button type="submit" className="button button--primary button--small" disabled={busy}>
        {busy ? 'Recording…' : 'Record payment'}
      </button>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  )
}
