import { AlertTriangle, Check, Clapperboard, Link2 } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { can, type MemberLike } from '../../../shared/auth/permissions'
import { whyReadOnly } from '../../../shared/auth/explain'
import {
  DEAL_PAYMENT_TERMS,
  type DealDoc,
  type DealPaymentTerms,
  type DealStage,
} from '../../../shared/data/collections/deals'
import { uuidv7 } from '../../../shared/data/ids'
import { unchangedSince } from '../../../shared/data/rebase-edit'
import { dealDeadlines } from '../../../shared/deals/deadlines'
import {
  acceptOffer,
  actorOf,
  counterOffer,
  latestOffer,
  moveDeal,
} from '../../../shared/deals/deal-edits'
import { dealDisclosureProblem, withDealDisclosure } from '../../../shared/deals/disclosure'
import { exclusivityConflicts } from '../../../shared/deals/exclusivity'
import { formatMoney, parseMoney } from '../../../shared/deals/money'
import {
  isClosed,
  memberMoves,
  OPEN_TERMS_STAGES,
  PIPELINE_STAGES,
  STAGE_LABELS,
} from '../../../shared/deals/pipeline'
import { checkDealTransition } from '../../../shared/workflow/deal-transitions'
import { useNavigation } from '../../app/navigation-store'
import { showToast } from '../../app/toasts'
import { useEditorIntent } from '../editor/editor-intent'
import { useSession } from '../../session/session-context'
import { RefusalNotice } from '../../sync/RefusedChanges'
import { DealTerms } from './DealTerms'
import { DealThread } from './DealThread'
import { RecordPayment } from './RecordPayment'
import { SparkCodes } from './SparkCodes'
import type { DealsData } from './use-deals-data'

const MOVE_LABELS: Partial<Record<DealStage, string>> = {
  negotiating: 'Start negotiating',
  contracted: 'Mark contracted',
  in_production: 'Start production',
  draft_submitted: 'Draft submitted',
  brand_approved: 'Brand approved',
  posted: 'Mark posted',
  declined: 'Decline',
  cancelled: 'Cancel deal',
}

function day(t: number): string {
  return new Date(t).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** One deal: where it stands, what to do next, its terms, deliverables, codes and thread. */
export function DealDetail({
  deal,
  deals,
  data,
  member,
  accountLabel,
  accountPlatform = null,
  now,
}: {
  deal: DealDoc
  deals: readonly DealDoc[]
  data: DealsData
  member: MemberLike | null
  accountLabel: string
  /** The platform the deal's account is linked to (null: not linked). */
  accountPlatform?: 'tiktok' | 'sandbox' | null
  now: number
}) {
  const user = useSession((s) => s.user)
  const api = useSession((s) => s.api)
  const readOnly = whyReadOnly(member, 'deals', deal, accountLabel)
  const me = actorOf(user?.id ?? '', user?.displayName ?? '')
  const [counter, setCounter] = useState({ amount: '', terms: deal.paymentTerms ?? '', note: '' })
  const [counterError, setCounterError] = useState<string | null>(null)
  const [newDeliverable, setNewDeliverable] = useState({ description: '', due: '' })

  /**
   * Saves a change after checking it with the same rule the server applies. The change was
   * built from the deal as drawn; if the stored deal moved on meanwhile (a sync, another tab,
   * the previous click not drawn yet), the change is merged onto it and checked again there.
   */
  const save = async (next: DealDoc, done?: string) => {
    const actor =
      member && user ? { ...member, userId: user.id, displayName: user.displayName } : null
    const check = (current: DealDoc, candidate: DealDoc): string | null => {
      if (!actor) return null
      const verdict = checkDealTransition(actor, current, candidate)
      if (verdict.ok) return null
      return unchangedSince(deal, current)
        ? verdict.reason
        : `the deal changed while you were working on it (it is now ${STAGE_LABELS[current.state].toLowerCase()}): check it and try again`
    }
    try {
      await data.saveDeal(next, deal, check)
      if (done) showToast({ title: done, tone: 'success' }, 4000)
    } catch (error) {
      showToast({ title: 'Not changed', description: messageOf(error), tone: 'error' })
    }
  }

  const move = (to: DealStage) => {
    const next =
      to === 'contracted' && deal.agreedOfferId === null && latestOffer(deal)
        ? acceptOffer(deal, latestOffer(deal)?.id ?? '', me, Date.now(), uuidv7())
        : moveDeal(deal, to, me, Date.now(), uuidv7())
    void save(next)
  }

  const sendCounter = (event: FormEvent) => {
    event.preventDefault()
    const amount = parseMoney(counter.amount)
    if (!amount.ok) return setCounterError(amount.error)
    setCounterError(null)
    const next = counterOffer(
      deal,
      {
        amountMinor: amount.minor,
        currency: deal.currency,
        paymentTerms: (counter.terms || null) as DealPaymentTerms | null,
        note: counter.note,
      },
      me,
      Date.now(),
      { offerId: uuidv7(), entryId: uuidv7() },
    )
    void save(next).then(() => setCounter({ ...counter, amount: '', note: '' }))
  }

  const linkPost = async (deliverableId: string, postId: string | null) => {
    const next: DealDoc = {
      ...deal,
      updatedAt: Date.now(),
      deliverables: deal.deliverables.map((d) => (d.id === deliverableId ? { ...d, postId } : d)),
    }
    await save(next)
    // A post that delivers a deal is branded content: its disclosure goes on with the link.
    const post = data.posts.find((p) => p.id === postId)
    if (post && (!post.disclosure.commercial || !post.disclosure.brandedContent)) {
      try {
        await data.savePost({ ...withDealDisclosure(post), updatedAt: Date.now() })
        showToast(
          {
            title: 'Branded content turned on',
            description: `“${post.caption.slice(0, 60)}” is now disclosed as a paid partnership.`,
            tone: 'info',
          },
          6000,
        )
      } catch (error) {
        showToast({ title: 'Disclosure not saved', description: messageOf(error), tone: 'error' })
      }
    }
  }

  /** A deliverable's edit in the editor: linked here, opened from here. */
  const linkProject = (deliverableId: string, projectId: string | null) =>
    save({
      ...deal,
      updatedAt: Date.now(),
      deliverables: deal.deliverables.map((d) =>
        d.id === deliverableId ? { ...d, projectId } : d,
      ),
    })
  const openProject = (projectId: string) => {
    useEditorIntent.getState().open(projectId)
    useNavigation.getState().go('editor')
  }

  const toggleDone = (deliverableId: string) =>
    save({
      ...deal,
      updatedAt: Date.now(),
      deliverables: deal.deliverables.map((d) =>
        d.id === deliverableId ? { ...d, done: !d.done } : d,
      ),
    })

  /** A date input's day → 17:00 UTC that day (end of a working day), or null when cleared. */
  const dueOf = (value: string) => (value ? Date.parse(`${value}T17:00:00Z`) : null)
  const setDue = (deliverableId: string, value: string) => {
    const dueAt = dueOf(value)
    if (dueAt !== null && !Number.isFinite(dueAt)) return
    return save({
      ...deal,
      updatedAt: Date.now(),
      deliverables: deal.deliverables.map((d) => (d.id === deliverableId ? { ...d, dueAt } : d)),
    })
  }
  const addDeliverable = async () => {
    const description = newDeliverable.description.trim()
    if (!description) {
      showToast({ title: 'Describe the deliverable first', tone: 'error' })
      return
    }
    const dueAt = dueOf(newDeliverable.due)
    await save({
      ...deal,
      updatedAt: Date.now(),
      deliverables: [
        ...deal.deliverables,
        {
          id: uuidv7(),
          kind: 'video' as const,
          description: description.slice(0, 2000),
          dueAt: dueAt !== null && Number.isFinite(dueAt) ? dueAt : null,
          postId: null,
          projectId: null,
          done: false,
        },
      ].slice(0, 50),
    })
    setNewDeliverable({ description: '', due: '' })
  }

  const moves = memberMoves(deal.state).filter((s) => s !== 'paid')
  const stageIndex = PIPELINE_STAGES.indexOf(deal.state as (typeof PIPELINE_STAGES)[number])
  const deadlines = dealDeadlines(deal, now).filter((x) => x.urgency !== 'later')
  const conflicts = exclusivityConflicts(deal, deals, now)
  const accountPosts = data.posts
    .filter((p) => p.accountId === deal.accountId && !p._deleted)
    .sort((a, b) => b.updatedAt - a.updatedAt)
  /** A linked post's disclosure, judged by the publishing checks' own rule. */
  const postProblem = (postId: string | null) => {
    const post = accountPosts.find((p) => p.id === postId)
    return post ? dealDisclosureProblem(post, deals) : null
  }
  const accountProjects = data.projects
    .filter((p) => p.accountId === deal.accountId)
    .sort((a, b) => b.updatedAt - a.updatedAt)
  const offers = [...deal.offers].sort((a, b) => a.at - b.at)
  const openTerms = OPEN_TERMS_STAGES.includes(deal.state)
  const mayPay = member ? can(member, 'write', 'ledger', deal) : false

  return (
    <article className="deal">
      <header className="deal__header">
        <div>
          <p className="deal__brand">
            {deal.brand}
            {accountLabel ? <span className="muted"> · {accountLabel}</span> : null}
          </p>
          <h2>{deal.title || 'Untitled deal'}</h2>
          <p className="deal__terms">
            <strong>{formatMoney(deal.amountMinor, deal.currency)}</strong>
            {deal.paymentTerms ? ` · ${deal.paymentTerms}` : ''}
            {deal.agreedOfferId ? ' · agreed' : openTerms ? ' · on the table' : ''}
          </p>
        </div>
        <span className={`stage stage--${deal.state} stage--big`}>{STAGE_LABELS[deal.state]}</span>
      </header>
      <RefusalNotice collection="deals" id={deal.id} />

      <ol className="pipeline" aria-label="Pipeline">
        {PIPELINE_STAGES.map((s, i) => (
          <li
            key={s}
            className={i < stageIndex ? 'pipeline__done' : i === stageIndex ? 'pipeline__now' : ''}
            aria-current={i === stageIndex ? 'step' : undefined}
          >
            {STAGE_LABELS[s]}
          </li>
        ))}
      </ol>

      {deal.state === 'invitation' && deal.invitation ? (
        <p className="deal__note">
          Answer by {day(deal.invitation.expiresAt)}: an invitation nobody answers expires after 7
          days.
        </p>
      ) : null}
      {deal.state === 'expired' && deal.invitation ? (
        <p className="deal__note">
          This invitation expired on {day(deal.invitation.expiresAt)} without an answer.
        </p>
      ) : null}

      {readOnly ? (
        <p className="read-only-note">{readOnly}</p>
      ) : isClosed(deal.state) ? null : (
        <div className="deal__actions" role="group" aria-label="Move the deal">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={`button button--small${to === 'declined' || to === 'cancelled' ? ' button--quiet' : ' button--primary'}`}
              onClick={() => move(to)}
            >
              {to === 'contracted' && openTerms && latestOffer(deal)
                ? `Accept ${formatMoney(latestOffer(deal)?.amountMinor ?? 0, deal.currency)}`
                : (MOVE_LABELS[to] ?? STAGE_LABELS[to])}
            </button>
          ))}
        </div>
      )}
      {deal.state === 'posted' && !readOnly ? (
        mayPay ? (
          <RecordPayment
            deal={deal}
            onRecord={(input) =>
              api.recordDealPayment({ workspaceId: deal.workspaceId, dealId: deal.id, ...input })
            }
          />
        ) : (
          <p className="read-only-note">An owner or manager records the payment when it arrives.</p>
        )
      ) : null}
      {deal.payment ? (
        <p className="deal__paid">
          <Check size={16} aria-hidden="true" /> Paid{' '}
          {formatMoney(deal.payment.amountMinor, deal.payment.currency)} on{' '}
          {day(deal.payment.receivedAt)} — recorded in Earnings as a brand-deal payment.
        </p>
      ) : null}

      {deadlines.length || conflicts.length ? (
        <ul className="deal__warnings">
          {deadlines.map((x) => (
            <li key={x.label} className={`urgency urgency--${x.urgency}`}>
              <AlertTriangle size={14} aria-hidden="true" /> {x.label}: {day(x.at)}
              {x.urgency === 'overdue'
                ? ' (overdue)'
                : x.urgency === 'within2h'
                  ? ' (within 2 hours)'
                  : ' (within 48 hours)'}
            </li>
          ))}
          {conflicts.map((c) => (
            <li key={c.dealId} className="urgency urgency--overdue">
              <AlertTriangle size={14} aria-hidden="true" /> Exclusivity conflict: {c.brand} has “
              {c.category}” exclusivity until {day(c.until)}.
            </li>
          ))}
        </ul>
      ) : null}

      <div className="deal__columns">
        <div>
          <section className="deal__section" aria-labelledby="deal-offers">
            <h3 id="deal-offers">Offers</h3>
            {offers.length === 0 ? <p className="muted">No offer recorded yet.</p> : null}
            <ol className="offers">
              {offers.map((o) => (
                <li
                  key={o.id}
                  className={`offer offer--${o.from}${o.id === deal.agreedOfferId ? ' offer--agreed' : ''}`}
                >
                  <span className="offer__amount">{formatMoney(o.amountMinor, o.currency)}</span>
                  <span>{o.paymentTerms ?? 'terms not said'}</span>
                  <span className="muted">
                    {o.from === 'brand' ? o.by.name || deal.brand : `${o.by.name} (counter)`} ·{' '}
                    {day(o.at)}
                  </span>
                  {o.note ? <span className="offer__note">{o.note}</span> : null}
                  {o.id === deal.agreedOfferId ? (
                    <span className="offer__agreed">Agreed</span>
                  ) : null}
                </li>
              ))}
            </ol>
            {openTerms && !readOnly ? (
              <form className="counter" onSubmit={sendCounter} aria-label="Counter-offer">
                <label className="field">
                  <span>Counter-offer ({deal.currency})</span>
                  <input
                    inputMode="decimal"
                    value={counter.amount}
                    placeholder="e.g. 1,800"
                    aria-invalid={counterError ? true : undefined}
                    aria-describedby={counterError ? 'counter-error' : undefined}
                    onChange={(e) => setCounter({ ...counter, amount: e.target.value })}
                  />
                </label>
                <label className="field">
                  <span>Payment terms</span>
                  <select
                    value={counter.terms}
                    onChange={(e) => setCounter({ ...counter, terms: e.target.value })}
                  >
                    <option value="">Not said</option>
                    {DEAL_PAYMENT_TERMS.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field counter__note">
                  <span>Note to the brand</span>
                  <input
                    value={counter.note}
                    maxLength={2000}
                    onChange={(e) => setCounter({ ...counter, note: e.target.value })}
                  />
                </label>
                <button type="submit" className="button button--small">
                  Send counter-offer
                </button>
                {counterError ? (
                  <p id="counter-error" className="field__error" role="alert">
                    {counterError}
                  </p>
                ) : null}
              </form>
            ) : null}
          </section>

          {deal.brief ? (
            <section className="deal__section" aria-labelledby="deal-brief">
              <h3 id="deal-brief">Brief</h3>
              <p className="deal__brief">{deal.brief}</p>
            </section>
          ) : null}

          <DealTerms deal={deal} readOnly={Boolean(readOnly)} onSave={(next) => save(next)} />

          <section className="deal__section" aria-labelledby="deal-deliverables">
            <h3 id="deal-deliverables">Deliverables</h3>
            {deal.deliverables.length === 0 ? (
              <p className="muted">No deliverables recorded.</p>
            ) : null}
            <ul className="deliverables">
              {deal.deliverables.map((d) => (
                <li key={d.id}>
                  <label className="deliverable__done">
                    <input
                      type="checkbox"
                      checked={d.done}
                      disabled={Boolean(readOnly)}
                      onChange={() => void toggleDone(d.id)}
                    />
                    <span>{d.description}</span>
                  </label>
                  {readOnly || isClosed(deal.state) ? (
                    <span className="muted">{d.dueAt ? `due ${day(d.dueAt)}` : 'no due date'}</span>
                  ) : (
                    <input
                      type="date"
                      className="deliverable__due"
                      aria-label={`Due date of ${d.description}`}
                      value={d.dueAt ? new Date(d.dueAt).toISOString().slice(0, 10) : ''}
                      onChange={(e) => void setDue(d.id, e.target.value)}
                    />
                  )}
                  <label className="deliverable__post">
                    <Link2 size={14} aria-hidden="true" />
                    <select
                      aria-label={`Post for ${d.description}`}
                      value={d.postId ?? ''}
                      disabled={Boolean(readOnly) || isClosed(deal.state)}
                      onChange={(e) => void linkPost(d.id, e.target.value || null)}
                    >
                      <option value="">No post linked</option>
                      {accountPosts.map((p) => (
                        <option key={p.id} value={p.id}>
                          {(p.caption || 'Untitled post').slice(0, 60)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {postProblem(d.postId) ? (
                    <p className="field__error deliverable__problem" role="note">
                      <AlertTriangle size={14} aria-hidden="true" /> {postProblem(d.postId)}
                    </p>
                  ) : null}
                  <label className="deliverable__post">
                    <Clapperboard size={14} aria-hidden="true" />
                    <select
                      aria-label={`Project for ${d.description}`}
                      value={d.projectId ?? ''}
                      disabled={Boolean(readOnly) || isClosed(deal.state)}
                      onChange={(e) => void linkProject(d.id, e.target.value || null)}
                    >
                      <option value="">No project linked</option>
                      {accountProjects.map((p) => (
                        <option key={p.id} value={p.id}>
                          {(p.title || 'Untitled project').slice(0, 60)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {d.projectId && accountProjects.some((p) => p.id === d.projectId) ? (
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      onClick={() => openProject(d.projectId ?? '')}
                    >
                      Open in the editor
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            {readOnly || isClosed(deal.state) ? null : (
              <form
                className="spark__add"
                aria-label="Add a deliverable"
                onSubmit={(e) => {
                  e.preventDefault()
                  void addDeliverable()
                }}
              >
                <input
                  aria-label="New deliverable"
                  placeholder="e.g. Follow-up story"
                  maxLength={2000}
                  value={newDeliverable.description}
                  onChange={(e) =>
                    setNewDeliverable({ ...newDeliverable, description: e.target.value })
                  }
                />
                <input
                  type="date"
                  aria-label="Due date of the new deliverable"
                  value={newDeliverable.due}
                  onChange={(e) => setNewDeliverable({ ...newDeliverable, due: e.target.value })}
                />
                <button type="submit" className="button button--small">
                  Add deliverable
                </button>
              </form>
            )}
          </section>

          <SparkCodes
            deal={deal}
            posts={accountPosts}
            readOnly={Boolean(readOnly)}
            now={now}
            onSave={(next) => save(next)}
          />

          <section className="deal__section" aria-labelledby="deal-history">
            <h3 id="deal-history">History</h3>
            <ol className="history">
              {[...deal.history].reverse().map((h) => (
                <li key={h.id}>
                  <span>
                    {h.from
                      ? `${STAGE_LABELS[h.from]} → ${STAGE_LABELS[h.to]}`
                      : `Began as ${STAGE_LABELS[h.to].toLowerCase()}`}
                  </span>
                  <span className="muted">
                    {h.by.name || (h.by.kind === 'system' ? 'Reeldesk' : 'brand')} ·{' '}
                    {new Date(h.at).toLocaleString('en-GB')}
                    {h.note ? ` · ${h.note}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <DealThread
          deal={deal}
          data={data}
          platform={accountPlatform}
          canManage={member ? can(member, 'removeMember') : false}
          readOnly={readOnly}
          onRead={(next) => data.saveDeal(next)}
        />
      </div>
    </article>
  )
}
