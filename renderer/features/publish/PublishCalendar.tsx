import { ChevronLeft, ChevronRight } from 'lucide-react'
import { useState, type KeyboardEvent } from 'react'
import type { BestTimeGrid } from '../../../shared/analytics/best-time'
import { bestTimesText, heatLevels } from '../../../shared/analytics/best-time-hints'
import type { AccountDoc, PostDoc } from '../../../shared/data/registry'
import './calendar-hints.css'
import { postStatus, POST_STATUS_LABELS } from '../../../shared/publishing/post-status'
import {
  dayKey,
  formatIn,
  monthGrid,
  moveByDays,
  shiftWeeks,
  weekDays,
} from '../../../shared/publishing/zoned-time'

/**
 * A day's 24 hours as a thin strip shaded by how the account's posts published then did (its
 * text alternative is the "Best times to post" line under the calendar).
 */
function HourStrip({ levels }: { levels: number[] }) {
  return (
    <div className="calendar__hours" aria-hidden="true">
      {levels.map((level, hour) => (
        <span
          key={hour}
          className={`calendar__heat calendar__heat--${level}`}
          title={`${String(hour).padStart(2, '0')}:00`}
        />
      ))}
    </div>
  )
}

const ACCOUNT_COLOURS = ['#4f8cff', '#2bb673', '#f5a524', '#c062f5', '#ff6b6b', '#14b8c4']

/**
 * Week and month views of posts by their time (scheduled, else published), in `zone` (the
 * account's, or the viewer's for all accounts) with the viewer's time beside it when they differ.
 * A post moves by dragging it to another day, or with Alt+←/→ (a day) and Alt+↑/↓ (a week) on the
 * focused post: the wall-clock time stays the same in the post's zone across DST changes.
 */
export function PublishCalendar(props: {
  view: 'week' | 'month'
  posts: PostDoc[]
  zone: string
  viewerZone: string
  accounts: AccountDoc[]
  selectedId: string | null
  onSelect(id: string): void
  onMove(post: PostDoc, at: number): void
  canMove(post: PostDoc): boolean
  /** The account's best posting times on its clock (`zone`), or null for all accounts. */
  bestTimes?: BestTimeGrid | null
}) {
  const heat = props.bestTimes && props.view === 'week' ? heatLevels(props.bestTimes) : null
  const [anchor, setAnchor] = useState(() => Date.now())
  const [dragging, setDragging] = useState<string | null>(null)
  const days = props.view === 'week' ? weekDays(anchor, props.zone) : monthGrid(anchor, props.zone)
  const month = formatIn(anchor, props.zone, 'MM')
  const colourOf = (accountId: string) => {
    const i = props.accounts.findIndex((a) => a.id === accountId)
    return ACCOUNT_COLOURS[(i < 0 ? 0 : i) % ACCOUNT_COLOURS.length]
  }
  const byDay = new Map<string, PostDoc[]>()
  const unscheduled: PostDoc[] = []
  for (const post of props.posts) {
    const at = post.scheduledAt ?? post.publish.publishedAt
    if (at === null) {
      unscheduled.push(post)
      continue
    }
    const key = dayKey(at, props.zone)
    byDay.set(key, [...(byDay.get(key) ?? []), post])
  }
  const step = props.view === 'week' ? 1 : 5
  const move = (post: PostDoc, days: number) => {
    if (post.scheduledAt === null || !props.canMove(post)) return
    props.onMove(post, moveByDays(post.scheduledAt, post.scheduleZone ?? props.zone, days))
  }
  const onKey = (post: PostDoc) => (e: KeyboardEvent) => {
    if (!e.altKey) return
    const days = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[e.key]
    if (days === undefined) return
    e.preventDefault()
    move(post, days)
  }
  const dropOn = (day: number) => {
    const post = props.posts.find((p) => p.id === dragging)
    setDragging(null)
    if (!post || post.scheduledAt === null) return
    const zone = post.scheduleZone ?? props.zone
    const from = dayKey(post.scheduledAt, zone)
    const diff = Math.round(
      (Date.parse(`${dayKey(day + 12 * 3_600_000, props.zone)}T00:00:00Z`) -
        Date.parse(`${from}T00:00:00Z`)) /
        86_400_000,
    )
    if (diff !== 0) move(post, diff)
  }
  return (
    <section className={`calendar calendar--${props.view}`} aria-label="Calendar">
      <div className="calendar__head">
        <button
          type="button"
          className="button"
          aria-label={props.view === 'week' ? 'Previous week' : 'Previous month'}
          onClick={() => setAnchor(shiftWeeks(anchor, props.zone, -step))}
        >
          <ChevronLeft size={14} aria-hidden="true" />
        </button>
        <strong>
          {props.view === 'week'
            ? `${formatIn(days[0] ?? anchor, props.zone, 'd MMM')} – ${formatIn(days[6] ?? anchor, props.zone, 'd MMM yyyy')}`
            : formatIn(anchor, props.zone, 'MMMM yyyy')}
        </strong>
        <button
          type="button"
          className="button"
          aria-label={props.view === 'week' ? 'Next week' : 'Next month'}
          onClick={() => setAnchor(shiftWeeks(anchor, props.zone, step))}
        >
          <ChevronRight size={14} aria-hidden="true" />
        </button>
        <button type="button" className="button" onClick={() => setAnchor(Date.now())}>
          Today
        </button>
        <span className="muted calendar__zone">
          Times in {props.zone}
          {props.viewerZone !== props.zone ? ` (yours: ${props.viewerZone})` : ''} · Alt+arrows move
          the focused post
        </span>
      </div>
      <div className="calendar__grid" role="grid">
        {days.map((day) => {
          const key = dayKey(day + 12 * 3_600_000, props.zone)
          const posts = byDay.get(key) ?? []
          const outside = props.view === 'month' && key.slice(5, 7) !== month
          return (
            <div
              key={key}
              role="gridcell"
              aria-label={formatIn(day + 12 * 3_600_000, props.zone, 'EEEE d MMMM')}
              className={`calendar__day${outside ? ' calendar__day--outside' : ''}${key === dayKey(Date.now(), props.zone) ? ' calendar__day--today' : ''}`}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault()
                dropOn(day)
              }}
            >
              <div className="calendar__date">
                {formatIn(day + 12 * 3_600_000, props.zone, 'EEE d')}
              </div>
              {heat ? (
                <HourStrip
                  levels={
                    heat[(Number(formatIn(day + 12 * 3_600_000, props.zone, 'i')) + 6) % 7] ?? []
                  }
                />
              ) : null}
              {posts.map((post) => {
                const status = postStatus(post)
                const at = (post.scheduledAt ?? post.publish.publishedAt)!
                return (
                  <button
                    key={post.id}
                    type="button"
                    draggable={props.canMove(post) && post.scheduledAt !== null}
                    onDragStart={() => setDragging(post.id)}
                    onKeyDown={onKey(post)}
                    onClick={() => props.onSelect(post.id)}
                    aria-current={post.id === props.selectedId}
                    className={`calendar__post calendar__post--${status}`}
                    style={{ borderLeftColor: colourOf(post.accountId) }}
                    title={`${POST_STATUS_LABELS[status]}${post.publish.state === 'failed' && post.publish.error ? `: ${post.publish.error}` : ''}`}
                  >
                    <span className="calendar__time">{formatIn(at, props.zone, 'HH:mm')}</span>{' '}
                    {post.caption || 'Untitled post'}
                    <span className="visually-hidden">, {POST_STATUS_LABELS[status]}</span>
                  </button>
                )
              })}
            </div>
          )
        })}
      </div>
      {unscheduled.length ? (
        <p className="muted">
          {unscheduled.length} draft{unscheduled.length === 1 ? '' : 's'} without a date: open the
          list to schedule {unscheduled.length === 1 ? 'it' : 'them'}.
        </p>
      ) : null}
      {props.bestTimes && props.view === 'week' ? (
        <div className="calendar__best">
          <p data-testid="best-times">{bestTimesText(props.bestTimes)}</p>
          <span className="calendar__heat-legend" aria-hidden="true">
            Hours shaded by past views: fewer
            {[1, 2, 3, 4].map((l) => (
              <span key={l} className={`calendar__heat calendar__heat--${l}`} />
            ))}
            more
          </span>
        </div>
      ) : null}
      <ul className="calendar__legend" aria-label="Accounts">
        {props.accounts.map((a) => (
          <li key={a.id}>
            <span className="calendar__swatch" style={{ background: colourOf(a.id) }} />@{a.handle}
          </li>
        ))}
      </ul>
    </section>
  )
}
