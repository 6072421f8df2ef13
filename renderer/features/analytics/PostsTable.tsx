import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import type { PostRow } from '../../../shared/analytics/views'
import { formatCount, formatPercent } from './format'

export interface PostInfo {
  caption: string
  publishedAt: number | null
  hashtags: readonly string[]
}

type SortKey =
  'publishedAt' | 'views' | 'likes' | 'comments' | 'shares' | 'engagementRate' | 'lifetimeViews'

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'publishedAt', label: 'Published' },
  { key: 'views', label: 'Views' },
  { key: 'likes', label: 'Likes' },
  { key: 'comments', label: 'Comments' },
  { key: 'shares', label: 'Shares' },
  { key: 'engagementRate', label: 'Engagement' },
  { key: 'lifetimeViews', label: 'Lifetime views' },
]

export interface PostTableRow extends PostRow {
  info: PostInfo | null
}

/** Sorted and filtered post rows (the CSV export takes all of them, not the visible ones). */
export function visiblePostRows(
  rows: readonly PostTableRow[],
  sort: SortKey,
  descending: boolean,
  filter: string,
): PostTableRow[] {
  const needle = filter.trim().toLowerCase().replace(/^#/, '')
  const kept = needle
    ? rows.filter(
        (r) =>
          r.info?.caption.toLowerCase().includes(needle) ||
          r.info?.hashtags.some((h) => h.toLowerCase().includes(needle)),
      )
    : [...rows]
  const value = (r: PostTableRow) =>
    sort === 'publishedAt' ? (r.info?.publishedAt ?? null) : r[sort]
  return kept.sort((a, b) => {
    const x = value(a) ?? -Infinity
    const y = value(b) ?? -Infinity
    return descending ? y - x : x - y
  })
}

/** The period's posts, virtualized (thousands of rows scroll smoothly), sortable, filterable. */
export function PostsTable({
  rows,
  onExport,
  onOpen,
  filtered = false,
}: {
  rows: readonly PostTableRow[]
  onExport: (rows: readonly PostTableRow[]) => void
  /** Opens the post's detail page. */
  onOpen: (postId: string) => void
  /** A post filter (length, deal, products) is on above the table. */
  filtered?: boolean
}) {
  const [sort, setSort] = useState<SortKey>('views')
  const [descending, setDescending] = useState(true)
  const [filter, setFilter] = useState('')
  const sorted = useMemo(
    () => visiblePostRows(rows, sort, descending, filter),
    [rows, sort, descending, filter],
  )
  const scroller = useRef<HTMLDivElement>(null)
  const virtual = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 40,
    overscan: 8,
  })

  return (
    <section className="panel posts" aria-labelledby="posts-title">
      <div className="panel__header">
        <h2 id="posts-title">Posts in this period</h2>
        <div className="posts__tools">
          <input
            type="search"
            className="posts__filter"
            placeholder="Filter by caption or #hashtag"
            aria-label="Filter posts by caption or hashtag"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <button type="button" className="button button--small" onClick={() => onExport(sorted)}>
            Export CSV
          </button>
        </div>
      </div>
      {sorted.length === 0 ? (
        <p className="muted">
          {rows.length === 0
            ? filtered
              ? 'No post in this period matches the filters above. Clear them to see every post.'
              : 'No post numbers in this period yet. They arrive with the next sync.'
            : 'No post matches this filter.'}
        </p>
      ) : (
        <div role="table" aria-label="Posts" aria-rowcount={sorted.length + 1} className="vtable">
          <div role="row" className="vtable__row vtable__head">
            <div role="columnheader" className="vtable__caption">
              Post
            </div>
            {COLUMNS.map((c) => (
              <div
                role="columnheader"
                key={c.key}
                aria-sort={sort === c.key ? (descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="vtable__sort"
                  onClick={() => {
                    if (sort === c.key) setDescending((d) => !d)
                    else {
                      setSort(c.key)
                      setDescending(true)
                    }
                  }}
                >
                  {c.label}
                  {sort === c.key ? (descending ? ' ↓' : ' ↑') : ''}
                </button>
              </div>
            ))}
          </div>
          <div ref={scroller} className="vtable__body" data-testid="posts-scroller">
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {virtual.getVirtualItems().map((item) => {
                const r = sorted[item.index]
                if (!r) return null
                return (
                  <div
                    role="row"
                    key={r.postId}
                    aria-rowindex={item.index + 2}
                    className="vtable__row"
                    style={{
                      position: 'absolute',
                      top: 0,
                      transform: `translateY(${item.start}px)`,
                      width: '100%',
                    }}
                  >
                    <div role="cell" className="vtable__caption" title={r.info?.caption}>
                      <button
                        type="button"
                        className="link-button vtable__open"
                        onClick={() => onOpen(r.postId)}
                      >
                        {r.info?.caption || 'Untitled post'}
                      </button>
                    </div>
                    <div role="cell">
                      {r.info?.publishedAt
                        ? new Date(r.info.publishedAt).toISOString().slice(0, 10)
                        : '—'}
                    </div>
                    <div role="cell" className="num">
                      {formatCount(r.views)}
                    </div>
                    <div role="cell" className="num">
                      {formatCount(r.likes)}
                    </div>
                    <div role="cell" className="num">
                      {formatCount(r.comments)}
                    </div>
                    <div role="cell" className="num">
                      {formatCount(r.shares)}
                    </div>
                    <div role="cell" className="num">
                      {formatPercent(r.engagementRate)}
                    </div>
                    <div role="cell" className="num">
                      {formatCount(r.lifetimeViews)}
                    </div>
                  </div>
                )
              })}
            </div>
          </div>
        </div>
      )}
    </section>
  )
}
