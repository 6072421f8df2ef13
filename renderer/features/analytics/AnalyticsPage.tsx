import { formatDistanceToNowStrict } from 'date-fns'
import { BarChart3 } from 'lucide-react'
import { useCallback, useDeferredValue, useMemo, useState } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import {
  dailyPoints,
  PERIOD_LABELS,
  type DayRange,
  type PeriodKind,
} from '../../../shared/analytics/metric-math'
import { dayNumber, readings } from '../../../shared/analytics/month-doc'
import {
  isFiltering,
  NO_POST_FILTER,
  passes,
  postFacts,
  summedGains,
  type PostFilter,
} from '../../../shared/analytics/post-facts'
import { POST_MEASURES, type Measure } from '../../../shared/data/collections/metrics'
import type { DealDoc, MediaDoc, PostDoc, ProductDoc } from '../../../shared/data/registry'
import { headline, postRows, rollup, rollupRange } from '../../../shared/analytics/views'
import { useCurrentAccount } from '../../app/current-account-store'
import { zoneOfRegion } from '../../../shared/publishing/account-zone'
import { viewerZone } from '../../../shared/publishing/zoned-time'
import { useSession } from '../../session/session-context'
import { EmptyState } from '../../ui/EmptyState'
import { useNow } from '../accounts/use-now'
import { downloadText, toCsv } from './csv'
import { PdfReportButton } from './PdfReportButton'
import { headlinesOf, type ReportInput } from './pdf-report'
import { formatCount, formatPercent } from './format'
import { ImportDialog } from './ImportDialog'
import { KpiGrid } from './KpiGrid'
import { BestTimeHeatmap } from './BestTimeHeatmap'
import { bestTimeGrid } from '../../../shared/analytics/best-time'
import { can } from '../../../shared/auth/permissions'
import { useWorkspaceMember } from '../../app/use-workspace-member'
import { PostsTable, type PostInfo, type PostTableRow } from './PostsTable'
import { RollupView } from './RollupView'
import { AccountGroups } from './AccountGroups'
import { accountsOfGroup } from '../../../shared/analytics/account-groups'
import { useWorkspaceSettings } from '../workspace-settings/use-workspace-settings'
import { DateRangeField } from './DateRangeField'
import { PostDetail } from './PostDetail'
import { PostFilterBar } from './PostFilterBar'
import { closePost, openPost, usePostRoute } from './post-route'
import { TrendChart } from './TrendChart'
import { useCachedMetrics } from './metrics-cache'
import './analytics.css'

const PERIOD_CHOICES: readonly Exclude<PeriodKind, 'custom'>[] = ['7d', '28d', '60d', '365d', 'all']

const CHART_MEASURES: { key: Measure; label: string; show: 'gain' | 'level' }[] = [
  { key: 'views', label: 'Views', show: 'gain' },
  { key: 'followers', label: 'Followers', show: 'level' },
  { key: 'likes', label: 'Likes', show: 'gain' },
  { key: 'comments', label: 'Comments', show: 'gain' },
  { key: 'shares', label: 'Shares', show: 'gain' },
  { key: 'saves', label: 'Saves', show: 'gain' },
  { key: 'watchTimeMs', label: 'Watch time (ms)', show: 'gain' },
]

/** The oldest day any of `list` has numbers for (the custom range's earliest choice). */
function firstDayOf(list: readonly ({ firstDay: string | null } | undefined)[], today: string) {
  return (
    list
      .map((m) => m?.firstDay ?? null)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? today
  )
}

function today(now: number): string {
  return new Date(now).toISOString().slice(0, 10)
}

/** An id no document has: the query of a view that needs none of a collection's documents. */
const NO_DOCUMENT = ''

/**
 * The Analytics area: the current account's headline numbers, daily charts and posts, or — with
 * "All accounts" chosen in the header — the agency roll-up. Everything reads the local database,
 * so it works offline and says how fresh the numbers are.
 */
export function AnalyticsPage() {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const { accountId, account, accounts, loading, select } = useCurrentAccount()
  const now = useNow(60_000)
  const [period, setPeriod] = useState<PeriodKind>('28d')
  const [custom, setCustom] = useState<DayRange | null>(null)
  const [filter, setFilter] = useState<PostFilter>(NO_POST_FILTER)
  const openPostId = usePostRoute()
  const backToList = useCallback(() => closePost(), [])
  const [measure, setMeasure] = useState<Measure>('views')
  const [asTable, setAsTable] = useState(false)
  const [importing, setImporting] = useState(false)
  const [groupId, setGroupId] = useState<string | null>(null)
  const { settings } = useWorkspaceSettings()
  const { member } = useWorkspaceMember()
  const mayImport = member !== null && can(member, 'manageAccounts')

  // Metrics come from memory (read once, kept current by change events): switching accounts
  // and re-entering the page do not re-read IndexedDB or recompute unchanged accounts.
  const accountIds = useMemo(() => accounts.map((a) => a.id), [accounts])
  const { grouped, loading: metricsLoading } = useCachedMetrics(accountId, accountIds)
  // One account's documents by its `accountId+…` index: RxDB's planner would otherwise pick the
  // workspace index (the default sort) and scan every account's documents. The roll-up shows
  // accounts only, so it reads no posts, deals or media — a 50-account agency has thousands —
  // except the one post opened from it (and the deals and media its page shows).
  // The queries follow the account a moment later (a deferred render): a switch then paints the
  // new account's heading, numbers and chart before its posts are asked of IndexedDB — React runs
  // a click's effects before the paint, and starting three live queries there delayed it.
  const queryAccountId = useDeferredValue(accountId)
  const postsQuery = useMemo(
    () =>
      queryAccountId
        ? { selector: { accountId: queryAccountId }, index: ['accountId', 'updatedAt'] }
        : { selector: { id: openPostId ?? NO_DOCUMENT } },
    [queryAccountId, openPostId],
  )
  const dealsQuery = useMemo(
    () =>
      queryAccountId
        ? { selector: { accountId: queryAccountId }, index: ['accountId', 'updatedAt'] }
        : { selector: openPostId ? { workspaceId } : { id: NO_DOCUMENT } },
    [workspaceId, queryAccountId, openPostId],
  )
  const mediaQuery = useMemo(
    () => ({
      selector: queryAccountId
        ? { workspaceId, accountId: queryAccountId }
        : openPostId
          ? { workspaceId }
          : { id: NO_DOCUMENT },
    }),
    [workspaceId, queryAccountId, openPostId],
  )
  const { results: postResults } = useLiveRxQuery<PostDoc>({
    collection: 'posts',
    query: postsQuery,
  })
  // Deals, products and media: what the post filters and the post detail page need.
  const { results: dealResults } = useLiveRxQuery<DealDoc>({
    collection: 'deals',
    query: dealsQuery,
  })
  const workspaceQuery = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results: productResults } = useLiveRxQuery<ProductDoc>({
    collection: 'products',
    query: workspaceQuery,
  })
  const { results: mediaResults } = useLiveRxQuery<MediaDoc>({
    collection: 'media',
    query: mediaQuery,
  })
  const postInfo = useMemo(() => {
    const map = new Map<string, PostInfo>()
    for (const d of postResults) {
      const p = d.toJSON() as PostDoc
      map.set(p.id, {
        caption: p.caption,
        publishedAt: p.publish.publishedAt,
        hashtags: p.hashtags,
      })
    }
    return map
  }, [postResults])
  const postDocs = useMemo(
    () => new Map(postResults.map((d) => [d.id, d.toJSON() as PostDoc])),
    [postResults],
  )
  const deals = useMemo(() => dealResults.map((d) => d.toJSON() as DealDoc), [dealResults])
  const products = useMemo(
    () => new Map(productResults.map((d) => [d.id, d.toJSON() as ProductDoc])),
    [productResults],
  )
  const facts = useMemo(
    () =>
      postFacts(
        [...postDocs.values()],
        deals,
        new Map(mediaResults.map((d) => [d.id, { durationMs: d.toJSON().durationMs }])),
      ),
    [postDocs, deals, mediaResults],
  )
  const accountById = useMemo(() => new Map(accounts.map((a) => [a.id, a])), [accounts])
  const day = today(now)
  const customRange = period === 'custom' && custom ? custom : undefined
  const periodKind: PeriodKind = customRange ? 'custom' : period === 'custom' ? '28d' : period

  // Everything below is derived once per change of its inputs (the account's metrics, the range,
  // the filter), not on every render: an account switch or a clock tick recomputes only what
  // changed, and the chart is redrawn only when its points do.
  const metrics = accountId !== null ? grouped.get(accountId) : undefined
  const h = useMemo(
    () => (metrics ? headline(metrics, periodKind, day, customRange) : null),
    [metrics, periodKind, day, customRange],
  )
  const zone = zoneOfRegion(account?.region, viewerZone())
  // The per-post table and the best-time grid follow a moment later, in a render React may
  // interrupt: an account switch shows the new heading, numbers and chart first.
  const lagMetrics = useDeferredValue(metrics)
  const lagPostInfo = useDeferredValue(postInfo)
  const lagHeadline = useDeferredValue(h)
  const lagging = lagMetrics !== metrics || lagPostInfo !== postInfo || lagHeadline !== h
  const bestTime = useMemo(
    () =>
      lagMetrics
        ? bestTimeGrid(
            [...lagPostInfo].map(([id, p]) => ({ id, publishedAt: p.publishedAt })),
            lagMetrics.posts,
            // On the account's clock (its region's zone), as the publishing calendar shows it.
            zone,
          )
        : null,
    [lagMetrics, lagPostInfo, zone],
  )
  const chosen = CHART_MEASURES.find((m) => m.key === measure) ?? CHART_MEASURES[0]!
  const filtering = isFiltering(filter)
  const allRows: PostTableRow[] = useMemo(
    () =>
      lagMetrics && lagHeadline
        ? postRows(lagMetrics, lagHeadline.period.current).map((r) => ({
            ...r,
            info: lagPostInfo.get(r.postId) ?? null,
          }))
        : [],
    [lagMetrics, lagHeadline, lagPostInfo],
  )
  const rows = useMemo(
    () => (filtering ? allRows.filter((r) => passes(facts.get(r.postId), filter)) : allRows),
    [allRows, filtering, filter, facts],
  )
  const postMeasure = POST_MEASURES.find((m) => m === chosen.key)
  // With a filter on, the chart adds up what the matching posts gained each day; followers
  // belong to the account, not to posts, so that chart stays the account's.
  const points = useMemo(
    () =>
      filtering && postMeasure
        ? // The matching rows are the table's: summed with the same (possibly lagging) account.
          lagMetrics && lagHeadline
          ? summedGains(
              rows.map((r) => readings(lagMetrics.posts.get(r.postId) ?? [], postMeasure)),
              lagHeadline.period.current,
            )
          : []
        : metrics && h
          ? dailyPoints(metrics.series[chosen.key], h.period.current)
          : [],
    [metrics, h, lagMetrics, lagHeadline, filtering, postMeasure, rows, chosen.key],
  )
  const groups = settings.analytics.groups
  const group = groups.find((g) => g.id === groupId) ?? null
  const all = useMemo(
    () =>
      accountId !== null
        ? []
        : accountsOfGroup(accounts, groups, groupId)
            .map((a) => grouped.get(a.id))
            .filter((m): m is NonNullable<typeof m> => m !== undefined),
    [accountId, accounts, grouped, groups, groupId],
  )
  const rolledUp = useMemo(
    () => (accountId !== null ? null : rollup(all, periodKind, day, customRange)),
    [accountId, all, periodKind, day, customRange],
  )

  if (loading && accounts.length === 0) return <p className="loading">Loading accounts…</p>
  if (accounts.length === 0)
    return (
      <EmptyState icon={BarChart3} title="No accounts yet">
        Add a creator account on the Accounts page and link it to TikTok or a sandbox account. Its
        daily numbers start here after the first sync and are kept for as long as you like.
      </EmptyState>
    )

  const periodPicker = (
    <div className="chip-group" role="group" aria-label="Period">
      {PERIOD_CHOICES.map((p) => (
        <button
          key={p}
          type="button"
          className="chip"
          data-selected={period === p || undefined}
          aria-pressed={period === p}
          onClick={() => setPeriod(p)}
        >
          {PERIOD_LABELS[p]}
        </button>
      ))}
      <DateRangeField
        value={customRange ?? null}
        min={firstDayOf(accountId === null ? [...grouped.values()] : [grouped.get(accountId)], day)}
        max={day}
        onChange={(r) => {
          setCustom(r)
          setPeriod('custom')
        }}
      />
    </div>
  )

  if (openPostId !== null) {
    const post = postDocs.get(openPostId)
    const owner =
      post?.accountId ??
      [...grouped.values()].find((m) => m.posts.has(openPostId))?.accountId ??
      null
    return (
      <PostDetail
        postId={openPostId}
        post={post}
        handle={owner ? (accountById.get(owner)?.handle ?? '') : ''}
        metrics={owner ? grouped.get(owner) : undefined}
        posts={postDocs}
        deals={deals}
        products={products}
        onBack={backToList}
      />
    )
  }

  if (accountId === null) {
    const scope = group ? group.name : 'All accounts'
    const { rows, total, totalPrevious } = rolledUp ?? rollup(all, periodKind, day, customRange)
    const exportRollup = () =>
      downloadText(
        `reeldesk-rollup-${periodKind}-${day}.csv`,
        toCsv(
          [
            'account',
            'followers',
            'new followers',
            'views',
            'likes',
            'comments',
            'shares',
            'saves',
            'engagement rate',
          ],
          [
            ...rows.map((r) => [
              `@${accountById.get(r.accountId)?.handle ?? ''}`,
              r.current.followers,
              r.current.followersGained,
              r.current.views,
              r.current.likes,
              r.current.comments,
              r.current.shares,
              r.current.saves,
              r.current.engagementRate,
            ]),
            [
              group ? `group: ${group.name}` : 'all accounts',
              total.followers,
              total.followersGained,
              total.views,
              total.likes,
              total.comments,
              total.shares,
              total.saves,
              total.engagementRate,
            ],
          ],
        ),
      )
    const rollupRangeNow = rollupRange(all, periodKind, day, customRange)
    const rollupReport = (): ReportInput => {
      const range = rollupRangeNow
      return {
        title: scope,
        subtitle: `${PERIOD_LABELS[periodKind]}: ${range.from} to ${range.to} – ${rows.length} accounts`,
        headlines: headlinesOf(total, totalPrevious),
        charts: [],
        table: {
          title: 'Accounts by follower growth',
          header: ['Account', 'Followers', 'Growth', 'Views', 'Engagement'],
          rows: rows.map((r) => [
            `@${accountById.get(r.accountId)?.handle ?? ''}`,
            formatCount(r.current.followers, true),
            formatPercent(r.growth),
            formatCount(r.current.views, true),
            formatPercent(r.current.engagementRate),
          ]),
        },
      }
    }
    return (
      <div className="analytics">
        <div className="analytics__bar">
          <h2 className="analytics__title">Analytics · {group ? group.name : 'all accounts'}</h2>
          <div className="analytics__tools">
            <AccountGroups accounts={accounts} groupId={group?.id ?? null} onGroup={setGroupId} />
            {periodPicker}
            <PdfReportButton
              fileName={`reeldesk-report-${group ? 'group' : 'all-accounts'}-${rollupRangeNow.from}-${rollupRangeNow.to}.pdf`}
              disabled={all.length === 0}
              report={rollupReport}
            />
          </div>
        </div>
        {/* Never a partial sum: the roll-up shows once every account's numbers are read. */}
        {all.length === 0 || metricsLoading ? (
          <p className="muted">
            {metricsLoading
              ? 'Reading numbers from this device…'
              : 'No numbers yet. Link an account on the Accounts page; its history appears here after the first sync.'}
          </p>
        ) : (
          <RollupView
            title={scope}
            rows={rows}
            total={total}
            accounts={accountById}
            onOpen={select}
            onExport={exportRollup}
          />
        )}
      </div>
    )
  }

  const handle = account?.handle ?? ''
  const importButton = (
    <button
      type="button"
      className="button button--small"
      disabled={!mayImport}
      title={mayImport ? undefined : 'Only owners and managers can import analytics.'}
      onClick={() => setImporting(true)}
    >
      Import file
    </button>
  )
  const importDialog = importing ? (
    <ImportDialog
      workspaceId={workspaceId}
      accountId={accountId}
      handle={handle}
      onClose={() => setImporting(false)}
    />
  ) : null
  if (!metrics || metrics.lastDay === null || !h)
    return (
      <EmptyState icon={BarChart3} title={`No numbers for @${handle} yet`}>
        {metricsLoading
          ? 'Reading numbers from this device…'
          : account?.link.state === 'unlinked' || !account
            ? 'Link this account to TikTok or a sandbox account on the Accounts page. Its daily numbers appear here after the first sync.'
            : 'The first sync is still running. Its numbers appear here as they arrive.'}
        {mayImport ? (
          <span className="analytics__empty-import">
            {' '}
            Or import the analytics download from TikTok Studio: {importButton}
          </span>
        ) : null}
        {importDialog}
      </EmptyState>
    )

  const exportDays = () => {
    const cols = CHART_MEASURES.map((m) => dailyPoints(metrics.series[m.key], h.period.current))
    downloadText(
      `reeldesk-${handle}-daily-${h.period.current.from}-${h.period.current.to}.csv`,
      toCsv(
        [
          'day',
          ...CHART_MEASURES.map((m) => (m.show === 'gain' ? `${m.label} that day` : m.label)),
        ],
        (cols[0] ?? []).map((p, i) => [
          p.date,
          ...cols.map(
            (c, j) => (CHART_MEASURES[j]?.show === 'gain' ? c[i]?.gain : c[i]?.level) ?? '',
          ),
        ]),
      ),
    )
  }
  const exportPosts = (list: readonly PostTableRow[]) =>
    downloadText(
      `reeldesk-${handle}-posts-${h.period.current.from}-${h.period.current.to}.csv`,
      toCsv(
        [
          'post id',
          'caption',
          'published',
          'views',
          'likes',
          'comments',
          'shares',
          'saves',
          'engagement rate',
          'lifetime views',
        ],
        list.map((r) => [
          r.postId,
          r.info?.caption ?? '',
          r.info?.publishedAt ? new Date(r.info.publishedAt).toISOString().slice(0, 10) : '',
          r.views,
          r.likes,
          r.comments,
          r.shares,
          r.saves,
          r.engagementRate,
          r.lifetimeViews,
        ]),
      ),
    )

  const accountReport = (): ReportInput => {
    const range = h.period.current
    const top = [...rows].sort((a, b) => (b.views ?? -1) - (a.views ?? -1)).slice(0, 15)
    return {
      title: `@${handle}`,
      subtitle: `${PERIOD_LABELS[periodKind]}: ${range.from} to ${range.to}`,
      headlines: headlinesOf(h.current, h.previous),
      charts: [
        {
          title: 'Views per day',
          points: dailyPoints(metrics.series.views, range),
          show: 'gain',
        },
        {
          title: 'Followers',
          points: dailyPoints(metrics.series.followers, range),
          show: 'level',
        },
      ],
      table: {
        title: 'Top posts',
        header: ['Post', 'Published', 'Views', 'Likes', 'Engagement'],
        rows: top.map((r) => [
          r.info?.caption || 'Untitled post',
          r.info?.publishedAt ? new Date(r.info.publishedAt).toISOString().slice(0, 10) : '',
          formatCount(r.views, true),
          formatCount(r.likes, true),
          formatPercent(r.engagementRate),
        ]),
      },
    }
  }

  return (
    <div className="analytics">
      <div className="analytics__bar">
        <h2 className="analytics__title">Analytics · @{handle}</h2>
        <div className="analytics__tools">
          {periodPicker}
          <PdfReportButton
            fileName={`reeldesk-report-${handle}-${h.period.current.from}-${h.period.current.to}.pdf`}
            report={accountReport}
          />
          {importButton}
        </div>
      </div>
      {importDialog}
      <p className="analytics__fresh muted" data-testid="freshness">
        {h.period.current.from} to {h.period.current.to}
        {h.period.previous
          ? `, compared with the ${periodKind === 'custom' ? `${dayNumber(h.period.current.to) - dayNumber(h.period.current.from) + 1} days before` : PERIOD_LABELS[periodKind].toLowerCase().replace('last ', 'previous ')}`
          : ''}
        . Numbers up to {metrics.lastDay}
        {account?.link.lastSyncedAt
          ? `; synced ${formatDistanceToNowStrict(account.link.lastSyncedAt, { addSuffix: true })}`
          : ''}
        . Kept on this device: they show offline too.
      </p>
      <KpiGrid headline={h} />
      <PostFilterBar
        filter={filter}
        onChange={setFilter}
        matching={rows.length}
        total={allRows.length}
      />
      <section className="panel" aria-labelledby="trend-title">
        <div className="panel__header">
          <h2 id="trend-title">Daily</h2>
          <div className="analytics__tools">
            <div className="chip-group" role="group" aria-label="Measure">
              {CHART_MEASURES.map((m) => (
                <button
                  key={m.key}
                  type="button"
                  className="chip"
                  data-selected={measure === m.key || undefined}
                  aria-pressed={measure === m.key}
                  onClick={() => setMeasure(m.key)}
                >
                  {m.label.replace(' (ms)', '')}
                </button>
              ))}
            </div>
            <button type="button" className="button button--small" onClick={exportDays}>
              Export CSV
            </button>
          </div>
        </div>
        {filtering ? (
          <p className="muted trend__note" data-testid="chart-filter-note">
            {postMeasure
              ? `${chosen.label.replace(' (ms)', '')} gained by the ${rows.length} matching posts each day.`
              : 'Followers belong to the account, not to posts: this chart is not filtered.'}
          </p>
        ) : null}
        <TrendChart
          title={
            filtering && postMeasure
              ? `${chosen.label.replace(' (ms)', '')} of matching posts`
              : chosen.label.replace(' (ms)', '')
          }
          points={points}
          show={chosen.show}
          asTable={asTable}
          onAsTable={setAsTable}
        />
      </section>
      <div className="analytics__lagging" data-lagging={lagging || undefined} aria-busy={lagging}>
        <PostsTable rows={rows} onExport={exportPosts} onOpen={openPost} filtered={filtering} />
        {bestTime ? <BestTimeHeatmap grid={bestTime} /> : null}
      </div>
    </div>
  )
}
