import { ShoppingBag, Upload, Plus } from 'lucide-react'
import { useMemo, useRef, useState } from 'react'
import { useLiveRxQuery, useRxCollection } from 'rxdb/plugins/react'
import { whyReadOnly } from '../../../shared/auth/explain'
import type {
  LedgerEntryDoc,
  MetricPackDoc,
  PostDoc,
  ProductDoc,
} from '../../../shared/data/registry'
import { formatMoney } from '../../../shared/deals/money'
import {
  commissionSummary,
  effectiveRateBps,
  estimatedCommission,
} from '../../../shared/shop/commission'
import { checkTagging } from '../../../shared/shop/tagging'
import { useCurrentAccount } from '../../app/current-account-store'
import { showToast } from '../../app/toasts'
import { useWorkspaceMember } from '../../app/use-workspace-member'
import { useSession } from '../../session/session-context'
import { RefusalNotice } from '../../sync/RefusedChanges'
import { EmptyState } from '../../ui/EmptyState'
import { useNow } from '../accounts/use-now'
import { forUpsert } from '../deals/use-deals-data'
import { AddProductForm } from './AddProductForm'
import { CsvImport } from './CsvImport'
import './shop.css'
import { readings } from '../../../shared/analytics/month-doc'

const CURRENCY = 'USD'

function pct(bps: number): string {
  return `${(bps / 100).toFixed(bps % 100 ? 1 : 0)} %`
}

function day(t: number): string {
  return new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })
}

/**
 * The shop: the product catalogue (the showcase feed, CSV imports and hand-made entries) with
 * each product's commission per sale, and attributed orders' commissions per product and per
 * post — Not settled / Settled / Refunded — from the ledger.
 */
export function ShopPage() {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const { member } = useWorkspaceMember()
  const current = useCurrentAccount()
  const now = useNow()
  const accountId = current.accountId
  const [importing, setImporting] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)
  const fileRef = useRef<HTMLInputElement>(null)

  const scope = useMemo(
    () => ({ selector: accountId ? { workspaceId, accountId } : { workspaceId } }),
    [workspaceId, accountId],
  )
  const productQuery = useMemo(
    () => ({
      selector: accountId
        ? { workspaceId, $or: [{ accountId }, { accountId: null }] }
        : { workspaceId },
    }),
    [workspaceId, accountId],
  )
  const metricQuery = useMemo(
    () => ({
      selector: { workspaceId, accountId: accountId ?? '' },
      // The latest month pack; its account's last reading is the follower count.
      sort: [{ month: 'desc' as const }],
      limit: 1,
    }),
    [workspaceId, accountId],
  )
  const products = useLiveRxQuery<ProductDoc>({ collection: 'products', query: productQuery })
  const ledger = useLiveRxQuery<LedgerEntryDoc>({ collection: 'ledger', query: scope })
  const posts = useLiveRxQuery<PostDoc>({ collection: 'posts', query: scope })
  const latest = useLiveRxQuery<MetricPackDoc>({ collection: 'metrics', query: metricQuery })
  const collection = useRxCollection<ProductDoc>('products')

  const catalogue = products.results
    .map((d) => d.toJSON() as ProductDoc)
    .filter((p) => !p._deleted)
    .sort((a, b) => a.title.localeCompare(b.title))
  const entries = ledger.results.map((d) => d.toJSON() as LedgerEntryDoc)
  const postList = posts.results.map((d) => d.toJSON() as PostDoc)
  const summary = commissionSummary(entries, CURRENCY)
  const readOnly = whyReadOnly(member, 'products', { accountId })
  const latestPack = latest.results[0]?.toJSON() as MetricPackDoc | undefined
  const latestMonth = latestPack?.account
    ? { ...latestPack.account, month: latestPack.month }
    : null
  const followers = latestMonth
    ? (readings([latestMonth], 'followers').at(-1)?.value ?? null)
    : null
  const shoppableAt = postList
    .filter((p) => p.productTags.length > 0 && p.publish.publishedAt !== null)
    .map((p) => p.publish.publishedAt ?? 0)
  const tagging = accountId ? checkTagging({ followers, tagCount: 0, shoppableAt, at: now }) : null

  const save = async (docs: ProductDoc[]) => {
    if (!collection) throw new Error('The workspace database is not open yet.')
    await collection.bulkUpsert(docs.map(forUpsert))
  }

  const pickFile = async (file: File | undefined) => {
    if (!file) return
    if (file.size > 5 * 1024 * 1024) {
      showToast({
        title: 'File too large',
        description: 'Import a CSV of at most 5 MB.',
        tone: 'error',
      })
      return
    }
    setImporting(await file.text())
  }

  const actions = readOnly ? null : (
    <div className="shop__actions">
      <input
        ref={fileRef}
        type="file"
        accept=".csv,text/csv"
        hidden
        aria-label="Product CSV file"
        onChange={(e) => {
          void pickFile(e.target.files?.[0])
          e.target.value = ''
        }}
      />
      <button type="button" className="button" onClick={() => fileRef.current?.click()}>
        <Upload size={16} aria-hidden="true" /> Import CSV
      </button>
      <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
        <Plus size={16} aria-hidden="true" /> Add product
      </button>
    </div>
  )

  const dialogs = (
    <>
      {importing !== null ? (
        <CsvImport
          text={importing}
          workspaceId={workspaceId}
          accountId={accountId}
          currency={CURRENCY}
          onImport={save}
          onClose={() => setImporting(null)}
        />
      ) : null}
      {adding ? (
        <AddProductForm
          workspaceId={workspaceId}
          accountId={accountId}
          currency={CURRENCY}
          onSave={(doc) => save([doc])}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </>
  )

  if (!products.loading && catalogue.length === 0)
    return (
      <div className="page-stack">
        <EmptyState icon={ShoppingBag} title="No products yet">
          Products from a linked account’s showcase appear here by themselves. You can also import a
          CSV (title, price, commission %, stock…) or add products by hand.
        </EmptyState>
        {actions ? (
          <div className="shop__empty-actions">{actions}</div>
        ) : (
          <p className="read-only-note">{readOnly}</p>
        )}
        {dialogs}
      </div>
    )

  const postRows = [...summary.byPost.entries()]
    .map(([id, t]) => ({ post: postList.find((p) => p.id === id), t }))
    .sort((a, b) => b.t.netMinor - a.t.netMinor)
    .slice(0, 20)

  return (
    <div className="shop">
      <header className="shop__header">
        <div className="shop__cards" aria-label="Commission">
          <div className="shop-card">
            <span>Commission, net</span>
            <strong>{formatMoney(summary.total.netMinor, CURRENCY)}</strong>
            <small>{summary.total.orders.toLocaleString('en-US')} orders</small>
          </div>
          <div className="shop-card">
            <span>Not settled</span>
            <strong>{formatMoney(summary.total.notSettledMinor, CURRENCY)}</strong>
            <small>paid about 15 days after delivery</small>
          </div>
          <div className="shop-card">
            <span>Settled</span>
            <strong>{formatMoney(summary.total.settledMinor, CURRENCY)}</strong>
          </div>
          <div className="shop-card">
            <span>Refunded</span>
            <strong>{formatMoney(summary.total.refundedMinor, CURRENCY)}</strong>
            <small>reversed, not counted</small>
          </div>
        </div>
        {actions}
      </header>
      {tagging?.pilotLeft != null ? (
        <p className="notice">
          Shop Pilot: {tagging.pilotLeft} of 5 shoppable videos left this week.
        </p>
      ) : null}
      {tagging?.errors.map((e) => (
        <p key={e} className="notice notice--error">
          {e}
        </p>
      ))}
      {readOnly ? <p className="read-only-note">{readOnly}</p> : null}

      <section aria-labelledby="shop-catalogue">
        <h2 id="shop-catalogue">Products ({catalogue.length})</h2>
        <table className="shop-table">
          <thead>
            <tr>
              <th>Product</th>
              <th className="num">Price</th>
              <th className="num">Commission</th>
              <th className="num">Per sale</th>
              <th className="num">Stock</th>
              <th className="num">Orders</th>
              <th className="num">Earned (net)</th>
              <th className="num">Refunded</th>
            </tr>
          </thead>
          <tbody>
            {catalogue.map((p) => {
              const t = summary.byProduct.get(p.id)
              const rate = effectiveRateBps(p, now)
              return (
                <tr key={p.id} className={p.available ? '' : 'shop-table__off'}>
                  <td>
                    <span className="shop-table__title">{p.title}</span>
                    <span className="muted shop-table__src">
                      {p.source === 'showcase'
                        ? 'Showcase'
                        : p.source === 'csv'
                          ? 'CSV import'
                          : 'Added by hand'}
                      {p.accountId === null ? ' · workspace' : ''}
                      {p.available ? '' : ' · unavailable'}
                    </span>
                    <RefusalNotice collection="products" id={p.id} />
                  </td>
                  <td className="num">{formatMoney(p.priceMinor, p.currency)}</td>
                  <td className="num">
                    {pct(rate)}
                    {p.rateLockedUntil && p.rateLockedUntil > now ? (
                      <span className="muted shop-table__lock">
                        {' '}
                        locked until {day(p.rateLockedUntil)}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{formatMoney(estimatedCommission(p, now), p.currency)}</td>
                  <td className="num">
                    {p.stock === null ? '—' : p.stock.toLocaleString('en-US')}
                  </td>
                  <td className="num">{t ? t.orders.toLocaleString('en-US') : 0}</td>
                  <td className="num">{formatMoney(t?.netMinor ?? 0, CURRENCY)}</td>
                  <td className="num">
                    {t?.refundedMinor ? formatMoney(t.refundedMinor, CURRENCY) : '—'}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </section>

      {postRows.length ? (
        <section aria-labelledby="shop-posts">
          <h2 id="shop-posts">Commission per post</h2>
          <table className="shop-table">
            <thead>
              <tr>
                <th>Post</th>
                <th className="num">Orders</th>
                <th className="num">Not settled</th>
                <th className="num">Settled</th>
                <th className="num">Refunded</th>
              </tr>
            </thead>
            <tbody>
              {postRows.map(({ post, t }, i) => (
                <tr key={post?.id ?? i}>
                  <td className="shop-table__title">
                    {post?.caption.slice(0, 80) || 'A post no longer here'}
                  </td>
                  <td className="num">{t.orders}</td>
                  <td className="num">{formatMoney(t.notSettledMinor, CURRENCY)}</td>
                  <td className="num">{formatMoney(t.settledMinor, CURRENCY)}</td>
                  <td className="num">
                    {t.refundedMinor ? formatMoney(t.refundedMinor, CURRENCY) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {summary.otherCurrency ? (
        <p className="muted">
          {summary.otherCurrency} orders in other currencies are not in these totals.
        </p>
      ) : null}
      {dialogs}
    </div>
  )
}
