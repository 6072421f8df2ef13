import { useState, type FormEvent } from 'react'
import { USAGE_CHANNELS, type DealDoc } from '../../../shared/data/collections/deals'

const CHANNEL_LABELS: Record<(typeof USAGE_CHANNELS)[number], string> = {
  organic: 'Organic',
  spark_ads: 'Spark Ads',
  paid_social: 'Paid social',
  brand_website: 'Brand website',
  email: 'Email',
  out_of_home: 'Out of home',
}

function dateInput(t: number | null | undefined): string {
  return t ? new Date(t).toISOString().slice(0, 10) : ''
}

/** Usage rights, the deal's category and the exclusivity it grants, editable together. */
export function DealTerms({
  deal,
  readOnly,
  onSave,
}: {
  deal: DealDoc
  readOnly: boolean
  onSave: (next: DealDoc) => Promise<void>
}) {
  const [editing, setEditing] = useState(false)
  const [v, setV] = useState({
    category: deal.category,
    channels: deal.usage.channels,
    days: deal.usage.durationDays?.toString() ?? '',
    perpetual: deal.usage.perpetual,
    exCategory: deal.exclusivity?.category ?? '',
    exUntil: dateInput(deal.exclusivity?.until),
  })
  const [error, setError] = useState<string | null>(null)

  const usage = deal.usage.channels.length
    ? `${deal.usage.channels.map((c) => CHANNEL_LABELS[c]).join(', ')}${deal.usage.perpetual ? ', perpetual' : deal.usage.durationDays ? `, ${deal.usage.durationDays} days` : ''}`
    : 'not agreed'

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const days = v.days.trim() ? Number(v.days) : null
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650))
      return setError('Usage length must be a whole number of days from 1 to 3650.')
    const until = v.exUntil ? Date.parse(`${v.exUntil}T23:59:59Z`) : null
    if (v.exCategory.trim() && !until) return setError('Give the date the exclusivity ends.')
    if (!v.exCategory.trim() && until) return setError('Name the category the exclusivity covers.')
    setError(null)
    await onSave({
      ...deal,
      updatedAt: Date.now(),
      category: v.category.trim().slice(0, 100),
      usage: {
        channels: v.channels,
        durationDays: v.perpetual ? null : days,
        perpetual: v.perpetual,
      },
      exclusivity:
        v.exCategory.trim() && until
          ? { category: v.exCategory.trim().slice(0, 100), until }
          : null,
    })
    setEditing(false)
  }

  if (!editing)
    return (
      <section className="deal__section" aria-labelledby="deal-terms">
        <h3 id="deal-terms">Rights and exclusivity</h3>
        <p className="muted deal__terms-line">
          Category: {deal.category || 'not set'} · Usage: {usage} · Exclusivity:{' '}
          {deal.exclusivity
            ? `${deal.exclusivity.category} until ${new Date(deal.exclusivity.until).toLocaleDateString('en-GB')}`
            : 'none'}
          {readOnly ? null : (
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => setEditing(true)}
            >
              Edit
            </button>
          )}
        </p>
      </section>
    )

  return (
    <section className="deal__section" aria-labelledby="deal-terms">
      <h3 id="deal-terms">Rights and exclusivity</h3>
      <form
        className="deal-terms"
        onSubmit={(e) => void submit(e)}
        aria-label="Rights and exclusivity"
      >
        <label className="field">
          <span>Deal category</span>
          <input
            value={v.category}
            maxLength={100}
            onChange={(e) => setV({ ...v, category: e.target.value })}
          />
        </label>
        <fieldset className="deal-terms__channels">
          <legend>Usage channels</legend>
          {USAGE_CHANNELS.map((c) => (
            <label key={c}>
              <input
                type="checkbox"
                checked={v.channels.includes(c)}
                onChange={(e) =>
                  setV({
                    ...v,
                    channels: e.target.checked
                      ? [...v.channels, c]
                      : v.channels.filter((x) => x !== c),
                  })
                }
              />
              {CHANNEL_LABELS[c]}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>Usage length (days)</span>
          <input
            inputMode="numeric"
            value={v.days}
            disabled={v.perpetual}
            onChange={(e) => setV({ ...v, days: e.target.value })}
          />
        </label>
        <label className="deal-terms__check">
          <input
            type="checkbox"
            checked={v.perpetual}
            onChange={(e) => setV({ ...v, perpetual: e.target.checked })}
          />
          Perpetual
        </label>
        <label className="field">
          <span>Exclusivity category</span>
          <input
            value={v.exCategory}
            maxLength={100}
            placeholder="e.g. energy drinks"
            onChange={(e) => setV({ ...v, exCategory: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Exclusive until</span>
          <input
            type="date"
            value={v.exUntil}
            onChange={(e) => setV({ ...v, exUntil: e.target.value })}
          />
        </label>
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="deal-terms__actions">
          <button type="button" className="button button--small" onClick={() => setEditing(false)}>
            Cancel
          </button>
          <button type="submit" className="button button--primary button--small">
            Save
          </button>
        </div>
      </form>
    </section>
  )
}
