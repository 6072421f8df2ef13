import { useState, type FormEvent } from 'react'
import type { DealDoc, PostDoc } from '../../../shared/data/registry'
import type { SparkCode } from '../../../shared/data/collections/deals'
import { uuidv7 } from '../../../shared/data/ids'
import { sparkExpiresAt, sparkStatus } from '../../../shared/deals/deadlines'
import { SPARK_DEFAULT_DAYS, SPARK_DURATIONS_DAYS } from '../../../shared/deals/deal-facts'

const STATUS_LABEL = {
  active: 'Active',
  expiring: 'Expires soon',
  expired: 'Expired',
  revoked: 'Revoked',
}

function day(t: number): string {
  return new Date(t).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
}

/** The deal's Spark Ads codes: code, post, duration, issued and expiry dates, status. */
export function SparkCodes({
  deal,
  posts,
  readOnly,
  now,
  onSave,
}: {
  deal: DealDoc
  posts: readonly PostDoc[]
  readOnly: boolean
  now: number
  onSave: (next: DealDoc) => Promise<void>
}) {
  const [code, setCode] = useState('')
  const [days, setDays] = useState<number>(SPARK_DEFAULT_DAYS)
  const [postId, setPostId] = useState('')
  const [error, setError] = useState<string | null>(null)

  const add = async (event: FormEvent) => {
    event.preventDefault()
    const text = code.trim()
    if (!text) return setError('Paste the code the platform generated.')
    if (deal.sparkCodes.some((c) => c.code === text))
      return setError('That code is already recorded.')
    setError(null)
    const entry: SparkCode = {
      id: uuidv7(),
      code: text.slice(0, 128),
      postId: postId || null,
      durationDays: days as SparkCode['durationDays'],
      issuedAt: Date.now(),
      revokedAt: null,
      // The platform locks the caption the post has now, for as long as the code is authorized.
      caption: posts.find((p) => p.id === postId)?.caption ?? null,
    }
    await onSave({ ...deal, sparkCodes: [...deal.sparkCodes, entry], updatedAt: Date.now() })
    setCode('')
  }

  const revoke = (id: string) =>
    onSave({
      ...deal,
      updatedAt: Date.now(),
      sparkCodes: deal.sparkCodes.map((c) => (c.id === id ? { ...c, revokedAt: Date.now() } : c)),
    })

  return (
    <section className="deal__section" aria-labelledby="deal-spark">
      <h3 id="deal-spark">Spark Ads codes</h3>
      {deal.sparkCodes.length === 0 ? (
        <p className="muted">
          No codes yet. Generate one on the platform (Ad settings → Ad authorization) and record it
          here to track its expiry.
        </p>
      ) : (
        <table className="spark">
          <thead>
            <tr>
              <th>Code</th>
              <th>Post</th>
              <th>Issued</th>
              <th>Expires</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deal.sparkCodes.map((c) => {
              const status = sparkStatus(c, now)
              return (
                <tr key={c.id}>
                  <td className="spark__code">{c.code}</td>
                  <td>{posts.find((p) => p.id === c.postId)?.caption.slice(0, 30) ?? '—'}</td>
                  <td>{day(c.issuedAt)}</td>
                  <td>
                    {day(sparkExpiresAt(c))} ({c.durationDays} d)
                  </td>
                  <td className={`spark__status spark__status--${status}`}>
                    {STATUS_LABEL[status]}
                  </td>
                  <td>
                    {!readOnly && (status === 'active' || status === 'expiring') ? (
                      <button
                        type="button"
                        className="button button--quiet button--small"
                        onClick={() => void revoke(c.id)}
                      >
                        Revoke
                      </button>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {deal.sparkCodes.some(
        (c) => c.postId && sparkStatus(c, now) !== 'expired' && sparkStatus(c, now) !== 'revoked',
      ) ? (
        <p className="muted">
          The caption of a post with an authorized code is locked on the platform: caption edits
          will not reach it.
        </p>
      ) : null}
      {readOnly ? null : (
        <form className="spark__add" onSubmit={(e) => void add(e)} aria-label="Add a Spark code">
          <input
            aria-label="Spark code"
            placeholder="Spark code"
            value={code}
            maxLength={128}
            onChange={(e) => setCode(e.target.value)}
          />
          <select
            aria-label="Duration"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          >
            {SPARK_DURATIONS_DAYS.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
          <select aria-label="Post" value={postId} onChange={(e) => setPostId(e.target.value)}>
            <option value="">Any post</option>
            {posts.map((p) => (
              <option key={p.id} value={p.id}>
                {(p.caption || 'Untitled post').slice(0, 40)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small">
            Add code
          </button>
          {error ? (
            <p className="field__error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      )}
    </section>
  )
}
