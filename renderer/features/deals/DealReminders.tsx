import { AlarmClock, Bell, BellOff } from 'lucide-react'
import './deal-reminders.css'
import { useEffect, useState } from 'react'
import type { DealDoc } from '../../../shared/data/registry'
import { dealDeadlines } from '../../../shared/deals/deadlines'
import { newReminders, parseSeen } from '../../../shared/deals/reminder-notices'
import { createLogger } from '../../../shared/logger'
import { showToast } from '../../app/toasts'
import { currentPlatform } from '../../platform'
import type { NoticePermission } from '../../platform/platform'

const log = createLogger('deal-reminders')
const SEEN_KEY = 'reeldesk-deal-reminders'
const NOTIFY_KEY = 'reeldesk-deal-notifications'

/** Whether this device shows reminders as system notifications: on by default on the desktop;
 * in the browser only after the user turned it on (and the browser allowed it). */
function notifyWanted(kind: 'electron' | 'web'): boolean {
  const stored = localStorage.getItem(NOTIFY_KEY)
  return stored === null ? kind === 'electron' : stored === 'on'
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
    const { fresh, seen } = newReminders(due, parseSeen(localStorage.getItem(SEEN_KEY)))
    if (fresh.length === 0) return
    localStorage.setItem(SEEN_KEY, JSON.stringify(seen))
    const platform = currentPlatform()
    const system = notifyWanted(platform.kind)
    for (const item of fresh) {
      const title =
        item.urgency === 'overdue' ? `Overdue: ${item.brand}` : `Due soon: ${item.brand}`
      const description = `${item.label} ${when(item.at, now)}.`
      showToast({ title, description, tone: item.urgency === 'overdue' ? 'error' : 'info' }, 10_000)
      if (system)
        void platform.notifications
          .show({ title, body: description })
          .catch((error: unknown) => log.warn('notification not shown', { error: String(error) }))
    }
  }, [due, now])

  if (due.length === 0) return <NotifyToggle />
  return (
    <div className="deal-reminders" role="region" aria-label="Reminders">
      <h3>
        <AlarmClock size={14} aria-hidden="true" /> Reminders
      </h3>
      <NotifyToggle />
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

/**
 * "Notify me on this device": the state is always shown; turning it on in the browser asks for
 * the browser's permission first (only when the user clicks, never on page load).
 */
function NotifyToggle() {
  const platform = currentPlatform()
  const [wanted, setWanted] = useState(() => notifyWanted(platform.kind))
  const [permission, setPermission] = useState<NoticePermission>(() =>
    platform.notifications.permission(),
  )
  const on = wanted && permission === 'granted'
  const toggle = async () => {
    if (on) {
      localStorage.setItem(NOTIFY_KEY, 'off')
      return setWanted(false)
    }
    const answer = permission === 'granted' ? permission : await platform.notifications.request()
    setPermission(answer)
    if (answer === 'granted') {
      localStorage.setItem(NOTIFY_KEY, 'on')
      setWanted(true)
    }
  }
  const state = on
    ? 'On: reminders also appear as system notifications on this device.'
    : permission === 'denied'
      ? 'Blocked by the browser: allow notifications for this site in its site settings.'
      : permission === 'unsupported'
        ? 'This browser cannot show notifications.'
        : 'Off: reminders show here only.'
  return (
    <p className="notify-toggle" role="status" aria-label="Reminder notifications">
      {on ? <Bell size={13} aria-hidden="true" /> : <BellOff size={13} aria-hidden="true" />}
      <span>{state}</span>
      {permission === 'denied' || permission === 'unsupported' ? null : (
        <button type="button" className="button button--small" onClick={() => void toggle()}>
          {on ? 'Turn off' : 'Notify me on this device'}
        </button>
      )}
    </p>
  )
}
