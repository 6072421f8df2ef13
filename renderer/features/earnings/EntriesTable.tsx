import { useVirtualizer } from '@tanstack/react-virtual'
import { Trash2 } from 'lucide-react'
import { useRef } from 'react'
import { Button } from 'react-aria-components'
import type { LedgerEntryDoc } from '../../../shared/data/registry'
import type { EarningsSettings } from '../../../shared/money/earnings-settings'
import { formatMoney } from '../../../shared/money/money'
import { entryValue, STREAM_LABELS, streamOf } from '../../../shared/money/streams'
import { RefusalNotice } from '../../sync/RefusedChanges'

const SETTLEMENT_LABELS = { not_settled: 'Not settled', settled: 'Settled', refunded: 'Refunded' }

function describe(e: LedgerEntryDoc): string {
  if (e.kind === 'gift' && e.diamonds !== null) {
    const parts = [`${e.diamonds.toLocaleString('en-US')} diamonds`]
    if (e.detail.durationSec !== null) parts.push(`${Math.round(e.detail.durationSec / 60)} min`)
    if (e.detail.topGifters !== null) parts.push(`${e.detail.topGifters} top gifters`)
    return parts.join(' · ')
  }
  if (e.kind === 'reward' && e.detail.disqualified) return `Disqualified: ${e.detail.disqualified}`
  if (e.kind === 'reward' && e.detail.qualifiedViews !== null)
    return `${e.detail.month ?? ''} · ${e.detail.qualifiedViews.toLocaleString('en-US')} qualified views`
  if (e.kind === 'commission' && e.detail.paidPriceMinor !== null && e.detail.rateBps !== null)
    return `${formatMoney(e.detail.paidPriceMinor, e.currency)} × ${(e.detail.rateBps / 100).toFixed(1)} %`
  return e.note ?? ''
}

/**
 * Every entry of the period, newest first, virtualised (an agency's year can hold tens of
 * thousands). Hand-entered entries can be deleted (with undo on the page).
 */
export function EntriesTable({
  entries,
  settings,
  handleOf,
  regionOf,
  canDelete,
  onDelete,
}: {
  entries: readonly LedgerEntryDoc[]
  settings: EarningsSettings
  handleOf(accountId: string): string
  regionOf(accountId: string): string | null
  canDelete(entry: LedgerEntryDoc): boolean
  onDelete(entry: LedgerEntryDoc): void
}) {
  const parent = useRef<HTMLDivElement>(null)
  const virtual = useVirtualizer({
    count: entries.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 44,
    overscan: 12,
  })
  return (
    <div
      className="ledger-table"
      role="table"
      aria-label="Ledger entries"
      aria-rowcount={entries.length + 1}
    >
      <div className="ledger-row ledger-row--head" role="row">
        <span role="columnheader">Date</span>
        <span role="columnheader">Account</span>
        <span role="columnheader">Stream</span>
        <span role="columnheader">Details</span>
        <span role="columnheader" className="num">
          Amount
        </span>
        <span role="columnheader">State</span>
        <span role="columnheader">
          <span className="visually-hidden">Actions</span>
        </span>
      </div>
      <div ref={parent} className="ledger-table__body" role="rowgroup">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const e = entries[item.index]
            if (!e) return null
            const value = entryValue(e, settings, regionOf(e.accountId))
            const stream = streamOf(e.kind)
            return (
              <div
                key={e.id}
                role="row"
                aria-rowindex={item.index + 2}
                className="ledger-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                }}
                data-index={item.index}
                ref={virtual.measureElement}
              >
                <span role="cell">{new Date(e.occurredAt).toISOString().slice(0, 10)}</span>
                <span role="cell">@{handleOf(e.accountId)}</span>
                <span role="cell">
                  <span
                    className={`stream-dot stream-dot--${stream ?? 'payout'}`}
                    aria-hidden="true"
                  />
                  {stream ? STREAM_LABELS[stream] : 'Payout'}
                </span>
                <span role="cell" className="ledger-row__detail" title={e.note ?? undefined}>
                  {describe(e)}
                  {e.source === 'manual' ? <span className="badge">entered by hand</span> : null}
                  <RefusalNotice collection="ledger" id={e.id} />
                </span>
                <span role="cell" className={`num${stream === null ? ' num--out' : ''}`}>
                  {stream === null ? '−' : ''}
                  {formatMoney(value.minor, value.currency)}
                </span>
                <span role="cell">{e.settlement ? SETTLEMENT_LABELS[e.settlement] : ''}</span>
                <span role="cell">
                  {e.source === 'manual' && canDelete(e) ? (
                    <Button
                      className="icon-button"
                      aria-label={`Delete the ${stream ? STREAM_LABELS[stream] : 'payout'} entry of ${new Date(e.occurredAt).toISOString().slice(0, 10)}`}
                      onPress={() => onDelete(e)}
                    >
                      <Trash2 aria-hidden="true" size={14} />
                    </Button>
                  ) : null}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
