import { useState } from 'react'
import type { PostDoc } from '../../../shared/data/registry'
import { uuidv7 } from '../../../shared/data/ids'
import { formatMoney } from '../../../shared/deals/money'
import { addProductTag, parseTagSeconds } from '../../../shared/publishing/product-tags'
import { estimatedCommission } from '../../../shared/shop/commission'
import { ProductPicker } from '../shop/ProductPicker'
import { useCatalogue } from '../shop/use-catalogue'

/**
 * Products tagged on the post, picked from the account's catalogue (the Shop) with what one sale
 * earns, each at a moment of the video — the same tags the editor's product markers make.
 */
export function PostProductTags({
  post,
  readOnly,
  onChange,
}: {
  post: PostDoc
  readOnly: boolean
  onChange: (productTags: PostDoc['productTags']) => void
}) {
  const catalogue = useCatalogue().filter(
    (p) => p.accountId === null || p.accountId === post.accountId,
  )
  const [productId, setProductId] = useState('')
  const [seconds, setSeconds] = useState('0')
  const [error, setError] = useState<string | null>(null)
  const now = Date.now()
  const titleOf = (id: string) => catalogue.find((p) => p.id === id)

  const add = () => {
    if (!productId) return setError('Choose a product from the catalogue first.')
    const atMs = parseTagSeconds(seconds, post.video?.durationMs ?? null)
    if (typeof atMs === 'string') return setError(atMs)
    const next = addProductTag(post.productTags, { id: uuidv7(), productId, atMs })
    if (typeof next === 'string') return setError(next)
    setError(null)
    setProductId('')
    onChange(next)
  }

  return (
    <div className="composer__products">
      {post.productTags.length ? (
        <ul className="composer__tags" aria-label="Tagged products">
          {post.productTags.map((tag) => {
            const product = titleOf(tag.productId)
            return (
              <li key={tag.id}>
                <span>
                  {product?.title ?? 'A product no longer in the catalogue'} ·{' '}
                  {(tag.atMs / 1000).toFixed(1)} s
                  {product
                    ? ` · about ${formatMoney(estimatedCommission(product, now), product.currency)} a sale`
                    : ''}
                </span>
                {readOnly ? null : (
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    aria-label={`Remove ${product?.title ?? 'product'} at ${(tag.atMs / 1000).toFixed(1)} s`}
                    onClick={() => onChange(post.productTags.filter((t) => t.id !== tag.id))}
                  >
                    Remove
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      ) : (
        <p className="muted">
          No products tagged. Tag products from your Shop catalogue to sell them from this video.
        </p>
      )}
      {readOnly ? null : (
        <div className="composer__tag-add">
          <ProductPicker
            products={catalogue}
            value={productId}
            tagged={post.productTags.map((t) => t.productId)}
            onChange={(id) => {
              setProductId(id)
              setError(null)
            }}
          />
          <label className="field composer__tag-at">
            <span>At (seconds)</span>
            <input
              inputMode="decimal"
              value={seconds}
              aria-invalid={error !== null}
              onChange={(e) => setSeconds(e.target.value)}
            />
          </label>
          <button type="button" className="button button--small" onClick={add}>
            Tag product
          </button>
        </div>
      )}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
