import { useMemo, useState } from 'react'
import { Button, Dialog, Heading, Modal } from 'react-aria-components'
import type { ProductDoc } from '../../../shared/data/registry'
import { formatMoney } from '../../../shared/deals/money'
import { parseProductCsv } from '../../../shared/shop/product-csv'
import { showToast } from '../../app/toasts'
import { newProduct } from './product-doc'

const products = (n: number) => (n === 1 ? '1 product' : `${n} products`)

/**
 * A CSV import, previewed before anything is saved: each row with the product it makes or the
 * reasons it cannot, beside its line number. Only the good rows are imported.
 */
export function CsvImport({
  text,
  workspaceId,
  accountId,
  currency,
  onImport,
  onClose,
}: {
  text: string
  workspaceId: string
  accountId: string | null
  currency: string
  onImport: (docs: ProductDoc[]) => Promise<void>
  onClose: () => void
}) {
  const { rows, fileError } = useMemo(() => parseProductCsv(text, currency), [text, currency])
  const [busy, setBusy] = useState(false)
  const good = rows.filter((r) => r.product)
  const bad = rows.length - good.length

  const run = async () => {
    setBusy(true)
    try {
      await onImport(
        good.flatMap((r) =>
          r.product ? [newProduct(r.product, workspaceId, accountId, 'csv')] : [],
        ),
      )
      showToast(
        {
          title: `${products(good.length)} imported`,
          description: bad
            ? `${bad === 1 ? '1 row' : `${bad} rows`} with errors left out.`
            : undefined,
          tone: 'success',
        },
        6000,
      )
      onClose()
    } catch (error) {
      showToast({
        title: 'Import failed',
        description: error instanceof Error ? error.message : String(error),
        tone: 'error',
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal isOpen onOpenChange={(open) => !open && onClose()} isDismissable className="modal">
      <Dialog className="dialog csv-import">
        <Heading slot="title">Import products</Heading>
        {fileError ? (
          <p role="alert" className="form-error">
            {fileError}
          </p>
        ) : (
          <>
            <p className="dialog__intro">
              {good.length} of {rows.length} rows are ready
              {bad
                ? `; ${bad} have errors and will be left out — fix them in the file and import it again`
                : ''}
              .
            </p>
            <div className="csv-import__preview">
              <table className="shop-table">
                <thead>
                  <tr>
                    <th className="num">Line</th>
                    <th>Product</th>
                    <th className="num">Price</th>
                    <th className="num">Commission</th>
                    <th>Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(0, 200).map((r) => (
                    <tr key={r.line} className={r.product ? '' : 'csv-import__bad'}>
                      <td className="num">{r.line}</td>
                      <td>{r.product?.title ?? '—'}</td>
                      <td className="num">
                        {r.product ? formatMoney(r.product.priceMinor, r.product.currency) : ''}
                      </td>
                      <td className="num">
                        {r.product ? `${r.product.commissionRateBps / 100} %` : ''}
                      </td>
                      <td className="csv-import__errors">{r.errors.join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {rows.length > 200 ? (
                <p className="muted">Showing the first 200 of {rows.length} rows.</p>
              ) : null}
            </div>
          </>
        )}
        <div className="dialog__actions">
          <Button className="button" onPress={onClose}>
            Cancel
          </Button>
          <Button
            className="button button--primary"
            isDisabled={busy || good.length === 0}
            onPress={() => void run()}
          >
            {`Import ${products(good.length)}`}
          </Button>
        </div>
      </Dialog>
    </Modal>
  )
}
