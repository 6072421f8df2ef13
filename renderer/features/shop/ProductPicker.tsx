import type { ProductDoc } from '../../../shared/data/registry'
import { MAX_PRODUCT_TAGS } from '../../../shared/data/collections/posts'
import { formatMoney } from '../../../shared/deals/money'
import { effectiveRateBps, estimatedCommission } from '../../../shared/shop/commission'
import './shop.css'

/**
 * Picks a catalogue product to tag, showing what one sale earns at the rate that applies now.
 * `tagged` are the product ids already tagged in this video (a video carries at most 20).
 */
export function ProductPicker({
  products,
  value,
  tagged,
  onChange,
}: {
  products: readonly ProductDoc[]
  value: string
  tagged: readonly string[]
  onChange: (productId: string) => void
}) {
  const now = Date.now()
  const chosen = products.find((p) => p.id === value)
  const full = tagged.length >= MAX_PRODUCT_TAGS
  return (
    <div className="product-picker">
      <label className="field">
        <span>From the catalogue</span>
        <select value={chosen ? value : ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">
            {products.length ? 'Choose a product…' : 'No products in the Shop yet'}
          </option>
          {products.map((p) => (
            <option key={p.id} value={p.id} disabled={!p.available}>
              {p.title} — {formatMoney(p.priceMinor, p.currency)}
              {p.available ? '' : ' (unavailable)'}
            </option>
          ))}
        </select>
      </label>
      {chosen ? (
        <p className="field__hint">
          Earns about {formatMoney(estimatedCommission(chosen, now), chosen.currency)} per sale (
          {(effectiveRateBps(chosen, now) / 100).toFixed(1)} % of{' '}
          {formatMoney(chosen.priceMinor, chosen.currency)}).
        </p>
      ) : null}
      {full ? (
        <p className="field__error" role="alert">
          A video can carry at most {MAX_PRODUCT_TAGS} product tags: remove one before adding
          another.
        </p>
      ) : null}
    </div>
  )
}
