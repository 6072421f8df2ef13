import { useState, type FormEvent } from 'react'
import { Button, Dialog, Heading, Modal } from 'react-aria-components'
import type { ProductDoc } from '../../../shared/data/registry'
import { parseProductCsv } from '../../../shared/shop/product-csv'
import { showToast } from '../../app/toasts'
import { newProduct } from './product-doc'

/** A product typed in by hand; checked with the same rules as a CSV row. */
export function AddProductForm({
  workspaceId,
  accountId,
  currency,
  onSave,
  onClose,
}: {
  workspaceId: string
  accountId: string | null
  currency: string
  onSave: (doc: ProductDoc) => Promise<void>
  onClose: () => void
}) {
  const [values, setValues] = useState({ title: '', price: '', commission: '', stock: '' })
  const [errors, setErrors] = useState<string[]>([])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    // One quoted CSV row: the form and the import share their checks and messages.
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`
    const csv = `title,price,commission,stock\n${[values.title, values.price, values.commission, values.stock].map(quote).join(',')}`
    const row = parseProductCsv(csv, currency).rows[0]
    if (!row?.product) return setErrors(row?.errors ?? ['Fill in the title and the price.'])
    try {
      await onSave(newProduct(row.product, workspaceId, accountId, 'manual'))
      showToast({ title: `${row.product.title} added`, tone: 'success' }, 4000)
      onClose()
    } catch (error) {
      setErrors([error instanceof Error ? error.message : String(error)])
    }
  }

  const field = (name: keyof typeof values, label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        value={values[name]}
        inputMode={name === 'title' ? undefined : 'decimal'}
        onChange={(e) => setValues({ ...values, [name]: e.target.value })}
      />
      {hint ? <span className="field__hint">{hint}</span> : null}
    </label>
  )

  return (
    <Modal isOpen onOpenChange={(open) => !open && onClose()} isDismissable className="modal">
      <Dialog className="dialog">
        <Heading slot="title">Add a product</Heading>
        <form className="dialog__form" onSubmit={(e) => void submit(e)}>
          {field('title', 'Title')}
          {field('price', `Price (${currency})`)}
          {field('commission', 'Commission %', 'What you earn per sale, e.g. 12.5')}
          {field('stock', 'Stock', 'Leave empty when not known')}
          {errors.length ? (
            <p role="alert" className="form-error">
              {errors.join('; ')}
            </p>
          ) : null}
          <div className="dialog__actions">
            <Button className="button" onPress={onClose}>
              Cancel
            </Button>
            <Button type="submit" className="button button--primary">
              Add product
            </Button>
          </div>
        </form>
      </Dialog>
    </Modal>
  )
}
