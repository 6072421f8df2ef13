import { Tag, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { Button } from 'react-aria-components'
import { uuidv7 } from '../../../../shared/data/ids'
import { addMarker, removeMarker } from '../../../../shared/timeline/edit'
import type { Timeline } from '../../../../shared/timeline/model'
import { Field } from '../../../ui/Field'
import { ProductPicker } from '../../shop/ProductPicker'
import { useCatalogue, useProductOrders } from '../../shop/use-catalogue'
import type { ProjectStore } from '../project/project-store'
import { formatTimecode } from '../timeline/timeline-layout'
import { InlineError, Section } from './Section'
import { useScopedEdit } from './use-scoped-edit'

/**
 * Product tags: the shop product shown from a point of the video. Tagging itself happens on the
 * platform when the post is published; here the creator marks where each product appears.
 */
export function MarkerInspector(props: { store: ProjectStore; timeline: Timeline }) {
  const { store, timeline } = props
  const { edit, error } = useScopedEdit(store, 'markers')
  const [productId, setProductId] = useState('')
  // Catalogue products show by title; a typed platform id stays as it is.
  const catalogue = useCatalogue()
  const titleOf = (id: string) => catalogue.find((p) => p.id === id)?.title ?? id
  // Once the shop attributes orders to a tagged product, the tag says how many.
  const orders = useProductOrders()
  const ordersOf = (id: string) => {
    const n = orders.get(id)?.orders ?? 0
    return n === 0 ? '' : n === 1 ? ' · 1 order' : ` · ${n.toLocaleString('en-US')} orders`
  }
  const add = () => {
    const added = edit('Add product tag', (t) =>
      addMarker(t, {
        id: uuidv7(),
        productId: productId.trim(),
        atMs: Math.round(store.getState().playheadMs),
      }),
    )
    if (added) setProductId('')
  }
  return (
    <Section title="Product tags">
      <form
        className="marker-form"
        onSubmit={(e) => {
          e.preventDefault()
          add()
        }}
      >
        <ProductPicker
          products={catalogue}
          value={productId}
          tagged={timeline.markers.map((m) => m.productId)}
          onChange={setProductId}
        />
        <Field label="Product ID" value={productId} onChange={setProductId} maxLength={128} />
        <Button type="submit" className="button">
          <Tag aria-hidden="true" size={16} /> Tag product at playhead
        </Button>
      </form>
      <InlineError message={error} />
      <ul className="overlay-list" aria-label="Product tags">
        {timeline.markers.map((marker) => {
          const at = formatTimecode(marker.atMs, timeline.fps)
          return (
            <li key={marker.id} className="marker-row">
              <Button
                className="button"
                aria-label={`Go to product tag ${marker.productId} at ${at}`}
                onPress={() => store.getState().seek(marker.atMs)}
              >
                {titleOf(marker.productId)} · {at}
                {ordersOf(marker.productId)}
              </Button>
              <Button
                className="icon-button"
                aria-label={`Remove product tag ${marker.productId} at ${at}`}
                onPress={() => edit('Remove product tag', (t) => removeMarker(t, marker.id))}
              >
                <Trash2 aria-hidden="true" size={14} />
              </Button>
            </li>
          )
        })}
      </ul>
    </Section>
  )
}
