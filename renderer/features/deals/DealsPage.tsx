import { Handshake, Plus, Search } from 'lucide-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { DealDoc } from '../../../shared/data/registry'
import { dealDeadlines, type Urgency } from '../../../shared/deals/deadlines'
import { unreadCount } from '../../../shared/deals/deal-edits'
import { formatMoney } from '../../../shared/deals/money'
import { isClosed, STAGE_LABELS } from '../../../shared/deals/pipeline'
import { searchDeals } from '../../../shared/deals/search'
import { useCurrentAccount } from '../../app/current-account-store'
import { useWorkspaceMember } from '../../app/use-workspace-member'
import { can } from '../../../shared/auth/permissions'
import { useSession } from '../../session/session-context'
import { EmptyState } from '../../ui/EmptyState'
import { useNow } from '../accounts/use-now'
import { DealDetail } from './DealDetail'
import { DealReminders } from './DealReminders'
import { NewDealDialog } from './NewDealDialog'
import { useDealsData } from './use-deals-data'
import './deals.css'

type Filter = 'open' | 'closed' | 'all'

const URGENCY_LABEL: Record<Urgency, string> = {
  overdue: 'Overdue',
  within2h: 'Due within 2 h',
  within48h: 'Due within 48 h',
  later: '',
}

/**
 * The brand-deal inbox: every deal of the current account (or of all accounts, for an agency),
 * newest activity first, with unread counts, the next deadline and search across deals and their
 * messages; the chosen deal opens beside the list.
 */
export function DealsPage() {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const userId = useSession((s) => s.user?.id) ?? ''
  const { member } = useWorkspaceMember()
  const current = useCurrentAccount()
  const data = useDealsData(workspaceId, current.accountId)
  const now = useNow()
  const [filter, setFilter] = useState<Filter>('open')
  const [query, setQuery] = useState('')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const [creating, setCreating] = useState(false)
  const user = useSession((s) => s.user)

  const handles = useMemo(
    () => new Map(current.accounts.map((a) => [a.id, `@${a.handle}`])),
    [current.accounts],
  )
  const visible = useMemo(() => {
    const live = data.deals.filter((d) => !d._deleted)
    const byFilter = live.filter((d) =>
      filter === 'all' ? true : filter === 'open' ? !isClosed(d.state) : isClosed(d.state),
    )
    return searchDeals(byFilter, data.messages, query).sort((a, b) => b.updatedAt - a.updatedAt)
  }, [data.deals, data.messages, filter, query])
  const selected = data.deals.find((d) => d.id === selectedId) ?? visible[0] ?? null

  // "/" finds, Escape clears the search; j/k move through the list (as in mail clients).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing =
        event.target instanceof HTMLElement && event.target.closest('input, textarea, select')
      if (event.key === '/' && !typing) {
        event.preventDefault()
        searchRef.current?.focus()
      } else if ((event.key === 'j' || event.key === 'k') && !typing && visible.length) {
        const at = visible.findIndex((d) => d.id === selected?.id)
        const next =
          visible[Math.min(visible.length - 1, Math.max(0, at + (event.key === 'j' ? 1 : -1)))]
        if (next) setSelectedId(next.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [visible, selected?.id])

  if (!workspaceId) return null
  const writable = current.accounts.filter(
    (a) => member && can(member, 'write', 'deals', { accountId: a.id }),
  )
  const newDeal =
    writable.length > 0 ? (
      <button type="button" className="button deals__new" onClick={() => setCreating(true)}>
        <Plus size={16} aria-hidden="true" /> Record a deal
      </button>
    ) : null
  const dialog =
    creating && user ? (
      <NewDealDialog
        workspaceId={workspaceId}
        accounts={writable}
        accountId={current.accountId}
        deals={data.deals}
        user={user}
        onSave={async (doc) => {
          await data.saveDeal(doc)
          setSelectedId(doc.id)
          setFilter('open')
        }}
        onClose={() => setCreating(false)}
      />
    ) : null
  const messagesOf = (deal: DealDoc) => data.messages.filter((m) => m.dealId === deal.id)
  const counts = {
    open: data.deals.filter((d) => !d._deleted && !isClosed(d.state)).length,
    closed: data.deals.filter((d) => !d._deleted && isClosed(d.state)).length,
  }

  if (!data.loading && data.deals.length === 0)
    return (
      <div className="page-stack">
        <EmptyState icon={Handshake} title="No brand deals yet">
          Brand invitations arrive here by themselves once a creator account is linked (Accounts →
          Link an account, or try the sandbox). Each deal then moves from invitation to payment with
          its offers, deliverables, Spark codes and a message thread. A deal agreed by email can be
          recorded by hand.
        </EmptyState>
        {newDeal ? <div className="deals__empty-actions">{newDeal}</div> : null}
        {dialog}
      </div>
    )

  return (
    <div className="deals">
      <aside className="deals__list" aria-label="Deals">
        <div className="deals__search">
          <Search size={16} aria-hidden="true" />
          <input
            ref={searchRef}
            type="search"
            aria-label="Search deals and messages"
            placeholder="Search deals and messages  ( / )"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
          />
        </div>
        <div className="chip-group deals__filters" role="radiogroup" aria-label="Show">
          {(['open', 'closed', 'all'] as const).map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={filter === f}
              className={`chip${filter === f ? ' chip--on' : ''}`}
              onClick={() => setFilter(f)}
            >
              {f === 'open'
                ? `Open ${counts.open}`
                : f === 'closed'
                  ? `Closed ${counts.closed}`
                  : 'All'}
            </button>
          ))}
        </div>
        {newDeal}
        <DealReminders deals={data.deals} now={now} onOpen={setSelectedId} />
        {visible.length === 0 ? (
          <p className="muted deals__none">
            {query
              ? `No deal or message mentions “${query}”.`
              : filter === 'open'
                ? 'No open deals: every deal is paid or closed.'
                : 'Nothing here.'}
          </p>
        ) : (
          <ul className="deals__rows">
            {visible.map((deal) => {
              const next = dealDeadlines(deal, now)[0]
              const unread = unreadCount(deal, messagesOf(deal), userId)
              return (
                <li key={deal.id}>
                  <button
                    type="button"
                    className={`deal-row${deal.id === selected?.id ? ' deal-row--on' : ''}`}
                    aria-current={deal.id === selected?.id}
                    onClick={() => setSelectedId(deal.id)}
                  >
                    <span className="deal-row__top">
                      <strong className="deal-row__brand">{deal.brand}</strong>
                      {unread > 0 ? (
                        <span className="deal-row__unread" aria-label={`${unread} unread`}>
                          {unread}
                        </span>
                      ) : null}
                      <span className={`stage stage--${deal.state}`}>
                        {STAGE_LABELS[deal.state]}
                      </span>
                    </span>
                    <span className="deal-row__title">{deal.title || 'Untitled deal'}</span>
                    <span className="deal-row__meta">
                      {formatMoney(deal.amountMinor, deal.currency)}
                      {current.accountId === null ? ` · ${handles.get(deal.accountId) ?? ''}` : ''}
                      {next && next.urgency !== 'later' ? (
                        <span className={`urgency urgency--${next.urgency}`}>
                          {' '}
                          · {URGENCY_LABEL[next.urgency]}: {next.label}
                        </span>
                      ) : null}
                    </span>
                  </button>
                </li>
              )
            })}
          </ul>
        )}
      </aside>
      <section className="deals__detail" aria-label="Deal">
        {selected ? (
          <DealDetail
            key={selected.id}
            deal={selected}
            deals={data.deals}
            data={data}
            member={member}
            accountLabel={handles.get(selected.accountId) ?? ''}
            accountPlatform={
              current.accounts.find((a) => a.id === selected.accountId && a.platformAccountId)
                ?.platform ?? null
            }
            now={now}
          />
        ) : (
          <p className="muted">Choose a deal on the left.</p>
        )}
      </section>
      {dialog}
    </div>
  )
}
