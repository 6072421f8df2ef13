import { AlarmClock } from 'lucide-react'
import { useEffect } from 'react'
import type { DealDoc } from '../../../shared/data/registry'
import { dealDeadlines } from '../../../shared/deals/deadlines'
import { showToast } from '../../app/toasts'

const SEEN_KEY = 'reeldesk-deal-reminders'

/** Reminders already shown on this device (each 48 h / 2 h / overdue step once). */
function seen(): Set<string> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(SEEN_KEY) ?? '[]')
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [])
  } catch {
    return new Set()
  }
}

function when(at: number, now: number): string {
  const minutes = Math.round((at - now) / 60_000)
  if (minutes < 0) {
    const ago = -minutes
    return ago < 120
      ? `${ago} min ago`
      : ago < 2880
        ? `${Math.round(ago / 60)} h ago`
        : `${Math.round(ago / 1440)} days ago`
  }
  return minutes < 120 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`
}

/**
 * Deadlines of open deals that are overdue or within 48 hours, above the list; each one that
 * reaches its 48-hour or 2-hour mark (or passes) also shows once as a notification.
 */
export function DealReminders({
  deals,
  now,
  onOpen,
}: {
  deals: readonly DealDoc[]
  now: number
  onOpen: (dealId: string) => void
}) {
  const due = deals
    .flatMap((d) => dealDeadlines(d, now).map((x) => ({ ...x, brand: d.brand })))
    .filter((x) => x.urgency !== 'later')
    .sort((a, b) => a.at - b.at)

  useEffect(() => {
    const shown = seen()
    let changed = false
    for (const item of due) {
      if (!item.reminderKey || shown.has(item.reminderKey)) continue
      shown.add(item.reminderKey)
      changed = true
      showToast(
        {
          title: item.urgency === 'overdue' ? `Overdue: ${item.brand}` : `Due soon: ${item.brand}`,
          description: `${item.label} ${when(item.at, now)}.`,
          tone: item.urgency === 'overdue' ? 'error' : 'info',
        },
        10_000,
      )
    }
    if (changed) localStorage.setItem(SEEN_KEY, JSON.stringify([...shown].slice(-500)))
  }, [due, now])

  if (due.length === 0) return null
  return (
    <div className="deal-reminders" role="region" aria-label="Reminders">
      <h3>
        <AlarmClock size={14} aria-hidden="true" /> Reminders
      </h3>
      <ul>
        {due.slice(0, 5).map((item) => (
          <li key={`${item.dealId}:${item.label}`}>
            <button
              type="button"
              className={`urgency urgency--${item.urgency}`}
              onClick={() => onOpen(item.dealId)}
            >
              <strong>{item.brand}</strong> — {item.label} {when(item.at, now)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
