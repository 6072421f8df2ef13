import { AlertTriangle, Coins, Download, Plus, Settings2, Undo2 } from 'lucide-react'
import Papa from 'papaparse'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components'
import { useRxCollection } from 'rxdb/plugins/react'
import { whyReadOnly } from '../../../shared/auth/explain'
import { can } from '../../../shared/auth/permissions'
import type { LedgerEntryDoc } from '../../../shared/data/registry'
import { earningsAlerts } from '../../../shared/money/alerts'
import { convertTotals } from '../../../shared/money/convert'
import { CSV_COLUMNS, csvRows } from '../../../shared/money/csv-rows'
import { formatMoney, type CurrencyTotals } from '../../../shared/money/money'
import { reconcileRewards } from '../../../shared/money/reconcile'
import { monthEstimate, monthKey, monthRange, rollup } from '../../../shared/money/rollup'
import { STREAM_LABELS, STREAMS, streamOf, type Stream } from '../../../shared/money/streams'
import { useCurrentAccount } from '../../app/current-account-store'
import { showToast } from '../../app/toasts'
import { useWorkspaceMember } from '../../app/use-workspace-member'
import { useSession } from '../../session/session-context'
import { EmptyState } from '../../ui/EmptyState'
import { useNow } from '../accounts/use-now'
import { AddEntryDialog } from './AddEntryDialog'
import { EarningsChart, STREAM_COLORS, type MonthBar } from './EarningsChart'
import { EntriesTable } from './EntriesTable'
import { useSettingsCarryOver } from '../workspace-settings/use-settings-carry-over'
import { useEarningsSettings } from './earnings-settings-store'
import { SettingsDialog } from './SettingsDialog'
import { Commissions, LiveSessions, RewardsReconciliation } from './StreamPanels'
import { useLedger } from './use-ledger'
import './earnings.css'

function totalsText(totals: CurrencyTotals): string {
  const parts = Object.entries(totals)
    .filter(([, m]) => m !== 0)
    .map(([c, m]) => formatMoney(m, c))
  return parts.length ? parts.join(' · ') : formatMoney(0, 'USD')
}

function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1_000)
}

/**
 * One book for every income stream of the current account (or all of them): the month's income
 * by stream, the year's bars, what is still in the platform balance, an estimate for this
 * month, alerts, and every entry — with CSV export and entries added by hand.
 */
export function EarningsPage() {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const { accountId, accounts, loading: accountsLoading } = useCurrentAccount()
  const { member } = useWorkspaceMember()
  const {
    settings,
    readOnlyReason: settingsReadOnly,
    save: saveSettings,
    reset: resetSettings,
  } = useEarningsSettings()
  useSettingsCarryOver()
  const { entries, loading } = useLedger(workspaceId, accountId)
  const collection = useRxCollection<LedgerEntryDoc>('ledger')
  const now = useNow(60_000)
  const thisMonth = monthKey(now)
  const [month, setMonth] = useState(thisMonth)
  const [shown, setShown] = useState<ReadonlySet<Stream>>(new Set(STREAMS))
  const [adding, setAdding] = useState(false)
  const [editingSettings, setEditingSettings] = useState(false)
  const [deleted, setDeleted] = useState<LedgerEntryDoc | null>(null)
  const [currencyChoice, setCurrencyChoice] = useState<string | null>(null)

  const byId = useMemo(() => new Map(accounts.map((a) => [a.id, a])), [accounts])
  const regionOf = useCallback((id: string) => byId.get(id)?.region ?? null, [byId])
  const handleOf = useCallback((id: string) => byId.get(id)?.handle ?? 'unknown', [byId])
  const writable = accounts.filter(
    (a) => member && can(member, 'write', 'ledger', { accountId: a.id }),
  )
  const readOnly =
    writable.length === 0
      ? whyReadOnly(member, 'ledger', accountId ? { accountId } : undefined)
      : null

  const visible = useMemo(
    () =>
      entries.filter((e) => {
        const s = streamOf(e.kind)
        return s === null || shown.has(s)
      }),
    [entries, shown],
  )
  const totals = useMemo(
    () => rollup(visible, settings, regionOf, now),
    [visible, settings, regionOf, now],
  )
  const year = month.slice(0, 4)
  const months = monthRange(`${year}-01`, `${year}-12`)
  const currencies = [
    ...new Set(totals.months.filter((r) => r.month.startsWith(year)).map((r) => r.currency)),
  ]
  const currency =
    currencyChoice && currencies.includes(currencyChoice)
      ? currencyChoice
      : (currencies[0] ?? 'USD')
  const bars: MonthBar[] = months.map((m) => ({
    month: m,
    streams: totals.months.find((r) => r.month === m && r.currency === currency)?.streams ?? {
      gifts: 0,
      rewards: 0,
      commissions: 0,
      deals: 0,
      other: 0,
    },
  }))
  const monthRows = totals.months.filter((r) => r.month === month)
  const estimateRow = totals.months.find((r) => r.month === thisMonth && r.currency === currency)
  const estimate = month === thisMonth ? monthEstimate(estimateRow, now) : null
  const periodEntries = useMemo(
    () =>
      visible
        .filter((e) => monthKey(e.occurredAt) === month)
        .sort((a, b) => b.occurredAt - a.occurredAt),
    [visible, month],
  )
  const rewardMonths = useMemo(() => reconcileRewards(entries), [entries])
  const alerts = useMemo(
    () => earningsAlerts(entries, rewardMonths, settings),
    [entries, rewardMonths, settings],
  )
  const recentAlerts = alerts.slice(-6).reverse()
  const converted = convertTotals(totals.yearToDate, settings)

  const remove = useCallback(
    async (entry: LedgerEntryDoc) => {
      const doc = await collection?.findOne(entry.id).exec()
      await doc?.remove()
      setDeleted(entry)
    },
    [collection],
  )
  const undo = useCallback(async () => {
    if (!deleted || !collection) return
    const { _deleted, ...rest } = deleted
    await collection.upsert({ ...rest, updatedAt: Date.now() })
    setDeleted(null)
    showToast({ title: 'Entry restored', tone: 'success' })
  }, [deleted, collection])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      if (target?.closest('input, textarea, [contenteditable="true"]')) return
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && deleted) {
        e.preventDefault()
        void undo()
      } else if (e.key === 'ArrowLeft' && e.altKey) setMonth((m) => shiftMonth(m, -1))
      else if (e.key === 'ArrowRight' && e.altKey) setMonth((m) => shiftMonth(m, 1))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [deleted, undo])

  const exportCsv = () => {
    const rows = csvRows(
      visible.filter(
        (e) =>
          e.occurredAt >= Date.UTC(Number(year), 0, 1) &&
          e.occurredAt < Date.UTC(Number(year) + 1, 0, 1),
      ),
      settings,
      (id) => byId.get(id),
    )
    download(`reeldesk-ledger-${year}.csv`, Papa.unparse(rows, { columns: [...CSV_COLUMNS] }))
    showToast({
      title: `Exported ${rows.length.toLocaleString('en-US')} entries`,
      description: `reeldesk-ledger-${year}.csv`,
      tone: 'success',
    })
  }

  if (accountsLoading || loading) return <p className="loading">Loading earnings…</p>
  if (accounts.length === 0)
    return (
      <EmptyState icon={Coins} title="No creator accounts yet">
        Add or link a creator account under Accounts (a sandbox account fills a year of LIVE gifts,
        Creator Rewards and shop commissions at once); its earnings appear here as one ledger.
      </EmptyState>
    )

  const toggle = (s: Stream) =>
    setShown((prev) => {
      const next = new Set(prev)
      if (next.has(s)) next.delete(s)
      else next.add(s)
      return next.size === 0 ? new Set(STREAMS) : next
    })

  return (
    <div className="earnings">
      <div className="earnings__toolbar">
        <div className="month-picker" role="group" aria-label="Month">
          <Button
            className="button"
            aria-label="Previous month"
            onPress={() => setMonth(shiftMonth(month, -1))}
          >
            ‹
          </Button>
          <span className="month-picker__label" aria-live="polite">
            {monthName(month)}
          </span>
          <Button
            className="button"
            aria-label="Next month"
            onPress={() => setMonth(shiftMonth(month, 1))}
          >
            ›
          </Button>
          {month !== thisMonth ? (
            <Button className="button button--small" onPress={() => setMonth(thisMonth)}>
              This month
            </Button>
          ) : null}
        </div>
        <div className="stream-filter" role="group" aria-label="Streams">
          {STREAMS.map((s) => (
            <label key={s} className="chip">
              <input type="checkbox" checked={shown.has(s)} onChange={() => toggle(s)} />
              <span
                className="stream-dot"
                style={{ background: STREAM_COLORS[s] }}
                aria-hidden="true"
              />
              {STREAM_LABELS[s]}
            </label>
          ))}
        </div>
        <div className="earnings__actions">
          {currencies.length > 1 ? (
            <select
              aria-label="Chart currency"
              className="select-native"
              value={currency}
              onChange={(e) => setCurrencyChoice(e.target.value)}
            >
              {currencies.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          ) : null}
          <Button className="button" onPress={() => setEditingSettings(true)}>
            <Settings2 aria-hidden="true" size={16} /> Rates and alerts
          </Button>
          <Button className="button" onPress={exportCsv} isDisabled={entries.length === 0}>
            <Download aria-hidden="true" size={16} /> Export CSV
          </Button>
          <Button
            className="button button--primary"
            onPress={() => setAdding(true)}
            isDisabled={writable.length === 0}
          >
            <Plus aria-hidden="true" size={16} /> Add entry
          </Button>
        </div>
      </div>
      {readOnly ? <p className="muted earnings__readonly">{readOnly}</p> : null}
      {deleted ? (
        <div className="undo-bar" role="status">
          Entry deleted.
          <Button className="button button--small" onPress={() => void undo()}>
            <Undo2 aria-hidden="true" size={14} /> Undo (Ctrl+Z)
          </Button>
        </div>
      ) : null}

      <section className="earnings__cards" aria-label="Summary">
        <div className="card" aria-label={`Income in ${monthName(month)}`}>
          <h3>{monthName(month)}</h3>
          <p className="card__value">
            {totalsText(Object.fromEntries(monthRows.map((r) => [r.currency, r.income])))}
          </p>
          <ul className="card__streams">
            {monthRows.flatMap((r) =>
              STREAMS.filter((s) => r.streams[s] !== 0).map((s) => (
                <li key={`${r.currency}-${s}`} data-stream={s}>
                  <span
                    className="stream-dot"
                    style={{ background: STREAM_COLORS[s] }}
                    aria-hidden="true"
                  />
                  {STREAM_LABELS[s]} <strong>{formatMoney(r.streams[s], r.currency)}</strong>
                </li>
              )),
            )}
          </ul>
        </div>
        <div className="card">
          <h3>Estimate for {monthName(thisMonth).split(' ')[0]}</h3>
          <p className="card__value">
            {month === thisMonth && estimate !== null ? formatMoney(estimate, currency) : '—'}
          </p>
          <p className="muted">
            {month !== thisMonth
              ? 'Shown for the current month.'
              : estimate === null
                ? 'Available after the first day of the month.'
                : 'At this month’s pace so far.'}
          </p>
        </div>
        <div className="card">
          <h3>Year to date</h3>
          <p className="card__value">{totalsText(totals.yearToDate)}</p>
          {converted ? (
            <p className="muted">
              ≈ {formatMoney(converted.minor, converted.currency)} converted
              {converted.missing.length ? ` (no rate for ${converted.missing.join(', ')})` : ''}
            </p>
          ) : null}
        </div>
        <div className="card">
          <h3>Balance not paid out</h3>
          <p className="card__value">{totalsText(totals.balance)}</p>
          <p className="muted">
            Gifts, rewards and settled commissions, less payouts.
            {Object.keys(totals.pending).length
              ? ` Pending commissions: ${totalsText(totals.pending)}.`
              : ''}
          </p>
        </div>
      </section>

      {recentAlerts.length ? (
        <section className="earnings__alerts" aria-label="Alerts">
          {recentAlerts.map((a) => (
            <p key={a.key} className="alert">
              <AlertTriangle aria-hidden="true" size={16} />
              <span>
                <strong>{a.title}</strong> {a.detail}
              </span>
            </p>
          ))}
        </section>
      ) : null}

      <section className="panel earnings__chart" aria-label={`Income by month, ${year}`}>
        <div className="panel__header">
          <h2>
            Income by month, {year} <span className="muted">({currency})</span>
          </h2>
          <span className="muted">Click a bar to open its month · Alt+←/→ moves a month</span>
        </div>
        {entries.length === 0 ? (
          <EmptyState icon={Coins} title="No earnings recorded yet">
            Link the account to TikTok (or a sandbox account) under Accounts and its LIVE gifts,
            Creator Rewards and shop commissions arrive here; or press Add entry for income from
            outside the platform.
          </EmptyState>
        ) : (
          <>
            <EarningsChart
              bars={bars}
              currency={currency}
              onSelectMonth={(m) => m && setMonth(m)}
            />
            <details className="chart-table">
              <summary>Show as a table</summary>
              <table className="table" aria-label={`Monthly income ${year} in ${currency}`}>
                <thead>
                  <tr>
                    <th>Month</th>
                    {STREAMS.map((s) => (
                      <th key={s} className="num">
                        {STREAM_LABELS[s]}
                      </th>
                    ))}
                    <th className="num">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {bars.map((b) => (
                    <tr key={b.month} data-month={b.month}>
                      <th scope="row">{monthName(b.month)}</th>
                      {STREAMS.map((s) => (
                        <td key={s} className="num" data-stream={s} data-minor={b.streams[s]}>
                          {formatMoney(b.streams[s], currency)}
                        </td>
                      ))}
                      <td
                        className="num"
                        data-total={STREAMS.reduce((t, s) => t + b.streams[s], 0)}
                      >
                        {formatMoney(
                          STREAMS.reduce((t, s) => t + b.streams[s], 0),
                          currency,
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </section>

      <Tabs className="earnings__tabs">
        <TabList aria-label="Ledger views" className="tabs">
          <Tab id="entries">Entries ({periodEntries.length.toLocaleString('en-US')})</Tab>
          <Tab id="live">LIVE sessions</Tab>
          <Tab id="rewards">Creator Rewards</Tab>
          <Tab id="shop">Shop commissions</Tab>
          <Tab id="alerts">Alerts ({alerts.length})</Tab>
        </TabList>
        <TabPanel id="entries">
          {periodEntries.length === 0 ? (
            <p className="muted">
              No entries in {monthName(month)}. Pick another month, or press Add entry.
            </p>
          ) : (
            <EntriesTable
              entries={periodEntries}
              settings={settings}
              handleOf={handleOf}
              regionOf={regionOf}
              canDelete={(e) =>
                Boolean(member && can(member, 'write', 'ledger', { accountId: e.accountId }))
              }
              onDelete={(e) => void remove(e)}
            />
          )}
        </TabPanel>
        <TabPanel id="live">
          <LiveSessions entries={periodEntries} settings={settings} regionOf={regionOf} />
        </TabPanel>
        <TabPanel id="rewards">
          <RewardsReconciliation months={rewardMonths.filter((m) => m.month.startsWith(year))} />
        </TabPanel>
        <TabPanel id="shop">
          <Commissions entries={periodEntries} now={now} />
        </TabPanel>
        <TabPanel id="alerts">
          {alerts.length === 0 ? (
            <p className="muted">Nothing needs attention.</p>
          ) : (
            <ul className="alert-list">
              {[...alerts].reverse().map((a) => (
                <li key={a.key}>
                  <strong>{a.title}</strong> {a.detail}
                </li>
              ))}
            </ul>
          )}
        </TabPanel>
      </Tabs>

      {adding ? (
        <AddEntryDialog
          isOpen
          workspaceId={workspaceId}
          accounts={writable}
          defaultAccountId={accountId}
          settings={settings}
          onClose={() => setAdding(false)}
          onSave={async (doc) => {
            if (!collection)
              throw new Error('The workspace is still opening; try again in a moment.')
            const { _deleted, ...rest } = doc
            await collection.upsert(rest)
            setMonth(monthKey(doc.occurredAt))
            showToast({ title: 'Entry added', tone: 'success' })
          }}
        />
      ) : null}
      {editingSettings ? (
        <SettingsDialog
          isOpen
          settings={settings}
          onClose={() => setEditingSettings(false)}
          readOnlyReason={settingsReadOnly}
          onSave={(s) => {
            saveSettings(s).then(
              () =>
                showToast({
                  title: 'Rates saved for the whole workspace',
                  description:
                    'Every view is re-valued on every member’s device; no entry was changed.',
                  tone: 'success',
                }),
              (e: unknown) =>
                showToast({
                  title: 'The rates were not saved',
                  description: e instanceof Error ? e.message : String(e),
                  tone: 'error',
                }),
            )
          }}
          onReset={() => {
            void resetSettings()
          }}
        />
      ) : null}
    </div>
  )
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return monthKey(Date.UTC(y, m - 1 + by, 1))
}
