import { ArrowLeft } from 'lucide-react'
import { useEffect, useMemo } from 'react'
import { engagementRate } from '../../../shared/analytics/metric-math'
import { readings } from '../../../shared/analytics/month-doc'
import {
  againstMedian,
  curveAgainstMedian,
  postHistory,
  type PostHistory,
} from '../../../shared/analytics/post-curve'
import { dealsOfPost } from '../../../shared/analytics/post-facts'
import type { AccountMetrics } from '../../../shared/analytics/views'
import type { POST_MEASURES } from '../../../shared/data/collections/metrics'
import type { DealDoc, PostDoc, ProductDoc } from '../../../shared/data/registry'
import { STAGE_LABELS } from '../../../shared/deals/pipeline'
import { CurveChart } from './CurveChart'
import { formatChange, formatCount, formatDurationMs, formatPercent } from './format'

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

function publishedDay(post: PostDoc | undefined, docs: PostHistory['views']): string | null {
  if (post?.publish.publishedAt) return isoDay(post.publish.publishedAt)
  return docs[0]?.date ?? null
}

function latest(docs: Parameters<typeof readings>[0], m: (typeof POST_MEASURES)[number]) {
  const list = readings(docs, m)
  return list[list.length - 1]?.value ?? null
}

/**
 * One post's page: its views by day since publishing against the account's median post of the
 * same age, its lifetime numbers, and the deals and products it carries. Esc or the browser's
 * back button returns to the list it was opened from.
 */
export function PostDetail({
  postId,
  post,
  handle,
  metrics,
  posts,
  deals,
  products,
  onBack,
}: {
  postId: string
  post: PostDoc | undefined
  handle: string
  metrics: AccountMetrics | undefined
  posts: ReadonlyMap<string, PostDoc>
  deals: readonly DealDoc[]
  products: ReadonlyMap<string, ProductDoc>
  onBack: () => void
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return
      // A menu or dialog open on top takes Esc for itself.
      if (document.querySelector('[role="dialog"], [role="menu"], [role="listbox"]')) return
      onBack()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onBack])

  const docs = useMemo(() => metrics?.posts.get(postId) ?? [], [metrics, postId])
  const curve = useMemo(() => {
    const views = readings(docs, 'views')
    const published = publishedDay(post, views)
    if (!published || !metrics) return []
    const peers: PostHistory[] = []
    for (const [id, peerDocs] of metrics.posts) {
      if (id === postId) continue
      const peerViews = readings(peerDocs, 'views')
      const day = publishedDay(posts.get(id), peerViews)
      if (day) peers.push({ published: day, views: peerViews })
    }
    return curveAgainstMedian(postHistory(docs, published), peers)
  }, [docs, post, posts, metrics, postId])

  const numbers = useMemo(() => {
    const t = {
      views: latest(docs, 'views'),
      likes: latest(docs, 'likes'),
      comments: latest(docs, 'comments'),
      shares: latest(docs, 'shares'),
      saves: latest(docs, 'saves'),
      watchTimeMs: latest(docs, 'watchTimeMs'),
    }
    return {
      ...t,
      engagementRate: engagementRate(t),
      averageWatchMs:
        t.watchTimeMs !== null && t.views ? t.watchTimeMs / t.views : (null as number | null),
    }
  }, [docs])
  const vsMedian = againstMedian(curve)
  const linkedDeals = useMemo(() => dealsOfPost(deals, postId), [deals, postId])
  const tagged = post?.productTags ?? []
  const title = post?.caption || 'Untitled post'
  const published = post?.publish.publishedAt ?? null
  const age = curve.length ? curve.length - 1 : null

  const stats: { key: string; label: string; value: string }[] = [
    { key: 'views', label: 'Views', value: formatCount(numbers.views) },
    { key: 'likes', label: 'Likes', value: formatCount(numbers.likes) },
    { key: 'comments', label: 'Comments', value: formatCount(numbers.comments) },
    { key: 'shares', label: 'Shares', value: formatCount(numbers.shares) },
    { key: 'saves', label: 'Saves', value: formatCount(numbers.saves) },
    {
      key: 'engagementRate',
      label: 'Engagement rate',
      value: formatPercent(numbers.engagementRate),
    },
    { key: 'watchTimeMs', label: 'Watch time', value: formatDurationMs(numbers.watchTimeMs) },
    {
      key: 'averageWatchMs',
      label: 'Average watch time',
      value: formatDurationMs(numbers.averageWatchMs),
    },
  ]

  return (
    <div className="analytics post-detail">
      <div className="analytics__bar">
        <button type="button" className="button button--small button--quiet" onClick={onBack}>
          <ArrowLeft size={14} aria-hidden /> Back to posts <kbd>Esc</kbd>
        </button>
      </div>
      <header className="post-detail__head">
        <h2 className="analytics__title post-detail__title">{title}</h2>
        <p className="muted">
          @{handle}
          {published ? ` · published ${new Date(published).toLocaleString()}` : ''}
          {age !== null ? ` · ${age} days of numbers` : ''}
          {post?.hashtags.length ? ` · ${post.hashtags.map((h) => `#${h}`).join(' ')}` : ''}
        </p>
      </header>
      {!post && docs.length === 0 ? (
        <p className="muted" role="status">
          This post is not on this device. It may have been deleted, or it belongs to an account you
          no longer see. Go back to the list to pick another post.
        </p>
      ) : (
        <>
          <dl className="kpis" aria-label="Lifetime numbers">
            {stats.map((s) => (
              <div key={s.key} className="kpi" data-stat={s.key}>
                <dt>{s.label}</dt>
                <dd className="kpi__value">{s.value}</dd>
              </div>
            ))}
            <div className="kpi" data-stat="vs-median">
              <dt>Against the median post</dt>
              <dd
                className={`kpi__value kpi__change--${vsMedian === null || vsMedian === 0 ? 'flat' : vsMedian > 0 ? 'up' : 'down'}`}
              >
                {vsMedian === null ? '—' : formatChange(vsMedian)}
              </dd>
              <dd className="kpi__change kpi__change--flat">
                {vsMedian === null
                  ? 'needs 3 other posts this old'
                  : `views at day ${age ?? 0}, same age`}
              </dd>
            </div>
          </dl>
          <section className="panel" aria-labelledby="curve-title">
            <div className="panel__header">
              <h2 id="curve-title">Daily curve</h2>
            </div>
            {curve.length === 0 ? (
              <p className="muted">
                No daily numbers for this post yet. They arrive with the next sync.
              </p>
            ) : (
              <CurveChart points={curve} />
            )}
          </section>
          <section className="panel" aria-labelledby="links-title">
            <div className="panel__header">
              <h2 id="links-title">Deals and products</h2>
            </div>
            {linkedDeals.length === 0 && tagged.length === 0 ? (
              <p className="muted">
                No deal or product on this post. Link it to a deal deliverable in Deals, or tag
                products when you publish from Reeldesk.
              </p>
            ) : (
              <ul className="post-detail__links">
                {linkedDeals.map((d) => (
                  <li key={d.id} data-deal={d.id}>
                    <span className="post-detail__kind">Deal</span> {d.brand}
                    {d.title ? ` — ${d.title}` : ''}{' '}
                    <span className="muted">({STAGE_LABELS[d.state]})</span>
                  </li>
                ))}
                {tagged.map((t) => (
                  <li key={t.id} data-product={t.productId}>
                    <span className="post-detail__kind">Product</span>{' '}
                    {products.get(t.productId)?.title ?? 'A product no longer in the catalogue'}{' '}
                    <span className="muted">at {formatDurationMs(t.atMs)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  )
}
