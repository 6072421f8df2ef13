import { BadgeCheck, CircleCheck, CircleHelp, CircleX, Pencil } from 'lucide-react'
import { useState } from 'react'
import { Button } from 'react-aria-components'
import type { AccountDoc } from '../../../shared/data/registry'
import type {
  CriterionResult,
  CriterionStatus,
  OverallStatus,
  ProgramResult,
} from '../../../shared/eligibility/evaluate'
import { PROGRAMS } from '../../../shared/eligibility/rules'
import { useCurrentAccount } from '../../app/current-account-store'
import { useSession } from '../../session/session-context'
import { EmptyState } from '../../ui/EmptyState'
import { useNow } from '../accounts/use-now'
import '../earnings/earnings.css'
import './eligibility.css'
import { useSettingsCarryOver } from '../workspace-settings/use-settings-carry-over'
import { useWorkspaceEligibility } from './eligibility-store'

type EligibilitySettings = ReturnType<typeof useWorkspaceEligibility>
import { projectionText } from './projection-text'
import { useEligibility } from './use-eligibility'

const OVERALL: Record<OverallStatus, string> = {
  eligible: 'Eligible',
  not_eligible: 'Not eligible yet',
  unknown: 'Needs checking',
}

const STATUS: Record<CriterionStatus, { label: string; Icon: typeof CircleCheck }> = {
  met: { label: 'Met', Icon: CircleCheck },
  not_met: { label: 'Not met', Icon: CircleX },
  unknown: { label: 'Unknown', Icon: CircleHelp },
}

function valueText(c: CriterionResult): string {
  if (c.value === null) return '—'
  if (typeof c.value === 'boolean') return c.value ? 'Yes' : 'No'
  if (typeof c.value === 'number') return `${c.value.toLocaleString('en-US')} ${c.unit}`.trim()
  return c.value
}

function thresholdText(c: CriterionResult): string {
  if (c.threshold === null) return 'Confirmed by you'
  if (typeof c.threshold === 'number')
    return `≥ ${c.threshold.toLocaleString('en-US')} ${c.unit}`.trim()
  return c.threshold.join(', ')
}

/**
 * Each program's criteria for one account: met / not met / unknown with the value, the threshold
 * and where each came from, a projected date for growth criteria, uncertain thresholds marked
 * and editable for the workspace. With "all accounts" selected: one row per account.
 */
export function EligibilityPage() {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const { accountId, account, accounts, loading, select } = useCurrentAccount()
  const now = useNow(60_000)
  const shown = account ? [account] : accounts
  const { results, loading: evaluating } = useEligibility(workspaceId, shown, now)
  const settings = useWorkspaceEligibility()
  useSettingsCarryOver()

  if (loading) return <p className="loading">Loading eligibility…</p>
  if (accounts.length === 0)
    return (
      <EmptyState icon={BadgeCheck} title="No accounts to check">
        Add or link a creator account under Accounts. Each account's Creator Rewards, Subscriptions,
        Series, LIVE gifts, Creator Marketplace and Shop eligibility then appears here, criterion by
        criterion, with a projected date for what it does not meet yet.
      </EmptyState>
    )
  if (evaluating && results.size === 0) return <p className="loading">Checking eligibility…</p>

  if (!accountId || !account)
    return (
      <div className="eligibility">
        <p className="muted">
          Every account against every program. Choose an account for the reasons.
        </p>
        <table className="table eligibility-matrix" aria-label="Eligibility by account">
          <thead>
            <tr>
              <th>Account</th>
              {PROGRAMS.map((p) => (
                <th key={p.id}>{p.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Button className="link-button" onPress={() => select(a.id)}>
                    @{a.handle}
                  </Button>
                </th>
                {(results.get(a.id) ?? []).map((r) => (
                  <td key={r.programId}>
                    <span className={`status status--${r.status}`}>{OVERALL[r.status]}</span>
                    {r.status !== 'eligible' ? (
                      <div className="muted matrix__why">
                        {r.criteria
                          .filter(
                            (c) =>
                              c.status === (r.status === 'not_eligible' ? 'not_met' : 'unknown'),
                          )
                          .map((c) => c.label)
                          .join(', ')}
                      </div>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )

  return (
    <div className="eligibility">
      <AccountStanding settings={settings} account={account} />
      <div className="program-grid">
        {(results.get(account.id) ?? []).map((r) => (
          <ProgramCard key={r.programId} result={r} settings={settings} now={now} />
        ))}
      </div>
    </div>
  )
}

function AccountStanding({
  settings,
  account,
}: {
  settings: EligibilitySettings
  account: AccountDoc
}) {
  const { standing, setStanding, readOnlyReason } = settings
  const value = standing[account.id]
  return (
    <div className="standing">
      <span>
        Is @{account.handle} in good standing (no community-guidelines strikes)? The platform does
        not report it to apps, so programs that require it stay “needs checking” until you answer.
      </span>
      <div className="chip-group" role="radiogroup" aria-label="Good standing">
        {(
          [
            ['Yes', true],
            ['No', false],
            ['Not sure', null],
          ] as const
        ).map(([label, v]) => (
          <label key={label} className="chip">
            <input
              type="radio"
              name="standing"
              checked={(value ?? null) === v}
              disabled={readOnlyReason !== null}
              onChange={() => {
                void setStanding(account.id, v)
              }}
            />{' '}
            {label}
          </label>
        ))}
      </div>
      {readOnlyReason ? <span className="muted">{readOnlyReason}</span> : null}
    </div>
  )
}

function ProgramCard({
  result,
  settings,
  now,
}: {
  result: ProgramResult
  settings: EligibilitySettings
  now: number
}) {
  const program = PROGRAMS.find((p) => p.id === result.programId)
  return (
    <section className="card program" aria-label={result.name}>
      <header className="program__header">
        <h2>{result.name}</h2>
        <span className={`status status--${result.status}`}>{OVERALL[result.status]}</span>
      </header>
      <table className="table criteria" aria-label={`${result.name} criteria`}>
        <thead>
          <tr>
            <th>Criterion</th>
            <th>Status</th>
            <th className="num">Now</th>
            <th className="num">Needed</th>
          </tr>
        </thead>
        <tbody>
          {result.criteria.map((c) => (
            <CriterionRow
              key={c.id}
              c={c}
              programId={result.programId}
              settings={settings}
              now={now}
            />
          ))}
        </tbody>
      </table>
      {result.pilot ? (
        <p className="program__pilot">
          On the 30-day Pilot (under {program?.pilot?.belowFollowers.toLocaleString('en-US')}{' '}
          followers). This week: shoppable videos {result.pilot.shoppableVideos.done ?? '?'} of{' '}
          {result.pilot.shoppableVideos.quota}; LIVE selling streams ? of{' '}
          {result.pilot.liveSellingStreams.quota} (not reported to apps).
        </p>
      ) : null}
      {program?.notes ? <p className="muted program__note">{program.notes}</p> : null}
      <p className="muted program__note">Rules version {result.version}.</p>
    </section>
  )
}

function CriterionRow({
  c,
  programId,
  settings,
  now,
}: {
  c: CriterionResult
  programId: string
  settings: EligibilitySettings
  now: number
}) {
  const { setOverride, readOnlyReason } = settings
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(typeof c.threshold === 'number' ? String(c.threshold) : '')
  const [error, setError] = useState<string | null>(null)
  const { label, Icon } = STATUS[c.status]
  const projection = projectionText(c, now)
  const save = () => {
    const clean = text.trim().replace(/,/g, '')
    if (clean !== '' && !/^\d{1,12}$/.test(clean))
      return setError('Enter a whole number, or leave it empty for the default.')
    setOverride(`${programId}.${c.id}`, clean === '' ? null : Number(clean)).then(
      () => {
        setEditing(false)
        setError(null)
      },
      (e: unknown) => setError(`Not saved: ${e instanceof Error ? e.message : String(e)}`),
    )
  }
  return (
    <tr data-criterion={c.id} data-status={c.status}>
      <td>
        <div>{c.label}</div>
        <div className="muted criteria__source">From: {c.source}</div>
        {projection ? <div className="criteria__projection">{projection}</div> : null}
        {c.uncertain ? (
          <div className="criteria__uncertain" title={c.ruleSource}>
            ⚠ {c.uncertain}
          </div>
        ) : null}
      </td>
      <td>
        <span className={`criterion criterion--${c.status}`}>
          <Icon aria-hidden="true" size={16} /> {label}
        </span>
      </td>
      <td className="num">{valueText(c)}</td>
      <td className="num">
        {editing ? (
          <form
            className="threshold-edit"
            onSubmit={(e) => {
              e.preventDefault()
              save()
            }}
          >
            <input
              aria-label={`Threshold for ${c.label}`}
              value={text}
              autoFocus
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
              aria-invalid={error ? true : undefined}
            />
            <Button type="submit" className="button button--small">
              Save
            </Button>
            {error ? <div className="field__error">{error}</div> : null}
          </form>
        ) : (
          <>
            {thresholdText(c)}
            {typeof c.threshold === 'number' && readOnlyReason === null ? (
              <Button
                className="icon-button icon-button--quiet"
                aria-label={`Change the threshold for ${c.label} in this workspace`}
                onPress={() => setEditing(true)}
              >
                <Pencil aria-hidden="true" size={12} />
              </Button>
            ) : null}
          </>
        )}
      </td>
    </tr>
  )
}
