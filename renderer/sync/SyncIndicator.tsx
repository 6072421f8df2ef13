import { formatDistanceToNowStrict } from 'date-fns'
import { AlertTriangle, Ban, Check, CloudOff, Loader2, UploadCloud } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Button, Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components'
import { RefusedChanges } from './RefusedChanges'
import { useSyncStore } from './sync-store'
import { syncBadge, type SyncBadge } from './sync-status'

const ICONS: Record<SyncBadge, typeof Check> = {
  offline: CloudOff,
  syncing: Loader2,
  pending: UploadCloud,
  error: AlertTriangle,
  synced: Check,
  idle: Loader2,
}

/** Re-renders every 30 s so "last synced 2 minutes ago" stays true. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

export function SyncIndicator() {
  const status = useSyncStore((s) => s.status)
  const mode = useSyncStore((s) => s.mode)
  const refused = useSyncStore((s) => s.refused)
  const stopped = useSyncStore((s) => s.stopped)
  useNow()
  if (stopped) {
    return (
      <div
        role="status"
        className="sync-indicator sync-indicator--error"
        aria-label={`Sync stopped: ${stopped}`}
        title={stopped}
        data-state="stopped"
      >
        <Ban aria-hidden="true" size={16} />
        <span>Update needed</span>
      </div>
    )
  }
  if (mode === 'follower') {
    return (
      <div
        role="status"
        className="sync-indicator"
        aria-label="Sync: handled by another Reeldesk tab of this workspace"
        data-state="follower"
      >
        <Check aria-hidden="true" size={16} />
        <span>Synced in another tab</span>
      </div>
    )
  }
  const badge = syncBadge(status)
  const pending = status.pending.size
  const last =
    status.lastSyncedAt === null
      ? 'not synced yet'
      : `last synced ${formatDistanceToNowStrict(status.lastSyncedAt, { addSuffix: true })}`
  const headline: Record<SyncBadge, string> = {
    offline: 'Offline',
    syncing: 'Syncing',
    pending: 'Changes pending',
    error: 'Sync problem',
    synced: 'Synced',
    idle: 'Connecting',
  }
  const details = [
    pending > 0 ? `${pending} ${pending === 1 ? 'change' : 'changes'} pending` : null,
    status.error,
    last,
  ].filter(Boolean)
  const Icon = ICONS[badge]
  const indicator = (
    <div
      role="status"
      className={`sync-indicator sync-indicator--${badge}`}
      aria-label={`Sync: ${headline[badge]}. ${details.join('. ')}`}
      title={details.join(' · ')}
      data-state={badge}
    >
      <Icon aria-hidden="true" size={16} className={badge === 'syncing' ? 'spin' : undefined} />
      <span>{headline[badge]}</span>
      {pending > 0 ? <span className="sync-indicator__count">{pending}</span> : null}
    </div>
  )
  if (refused.length === 0) return indicator
  const notSaved = `${refused.length} ${refused.length === 1 ? 'change' : 'changes'} not saved`
  return (
    <span className="sync-indicator-group">
      {indicator}
      <DialogTrigger>
        <Button className="sync-indicator sync-indicator--error sync-indicator--button">
          <AlertTriangle aria-hidden="true" size={16} />
          <span>{notSaved}</span>
        </Button>
        <Popover className="popover popover--panel" placement="bottom end">
          <Dialog className="popover__dialog" aria-labelledby="refused-heading">
            <Heading id="refused-heading" slot="title" className="popover__title">
              {notSaved}
            </Heading>
            <RefusedChanges changes={refused} />
          </Dialog>
        </Popover>
      </DialogTrigger>
    </span>
  )
}
