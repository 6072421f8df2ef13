import { formatDistanceToNowStrict } from 'date-fns'
import { AlertTriangle, Check, CloudOff, Loader2, UploadCloud } from 'lucide-react'
import { useEffect, useState } from 'react'
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
  useNow()
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
  return (
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
}
