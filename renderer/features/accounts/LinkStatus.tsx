import { AlertTriangle, CheckCircle2, CircleDashed, RefreshCw } from 'lucide-react'
import type { AccountDoc } from '../../../shared/data/collections/accounts'
import { describeLink, type LinkTone } from './link-status'

const ICONS: Record<LinkTone, typeof CheckCircle2> = {
  ok: CheckCircle2,
  busy: RefreshCw,
  problem: AlertTriangle,
  none: CircleDashed,
}

/** An account's link state and, under it, when it last synced or what is wrong. */
export function LinkStatus({ account, now }: { account: AccountDoc; now: number }) {
  const view = describeLink(account, now)
  const Icon = ICONS[view.tone]
  return (
    <div className={`link-status link-status--${view.tone}`}>
      <span className="link-status__label">
        <Icon aria-hidden="true" size={14} className={view.tone === 'busy' ? 'spin' : undefined} />
        {view.label}
      </span>
      <span className="link-status__detail">{view.detail}</span>
    </div>
  )
}
