import Papa from 'papaparse'
import { IMAGE_URL_PATTERN, MAX_COMMISSION_BPS } from '../data/collections/products'
import { CURRENCY_PATTERN } from '../data/fields'
import { parseMoney } from '../deals/money'

/** A product as read from one CSV row, before it gets ids. */
export interface ProductDraft {
  title: string
  priceMinor: number
  currency: string
  commissionRateBps: number
  stock: number | null
  available: boolean
  imageUrl: string | null
  shopProductId: string | null
}

export interface CsvRow {
  /** The row's line in the file (the header is line 1). */
  line: number
  product: ProductDraft | null
  errors: string[]
}

export const MAX_CSV_ROWS = 5_000

/** Accepted column names (lower case, spaces and punctuation ignored) for each field. */
const COLUMNS: Record<keyof ProductDraft, string[]> = {
  title: ['title', 'name', 'product', 'productname'],
  priceMinor: ['price', 'priceusd', 'unitprice'],
  currency: ['currency'],
  commissionRateBps: ['commission', 'commissionrate', 'rate', 'commission%'],
  stock: ['stock', 'inventory', 'quantity'],
  available: ['available', 'availability', 'instock'],
  imageUrl: ['image', 'imageurl', 'picture'],
  shopProductId: ['id', 'productid', 'shopproductid', 'sku'],
}

const key = (s: string) => s.toLowerCase().replace(/[\s_\-().]/g, '')

function columnOf(headers: string[], field: keyof ProductDraft): string | null {
  return headers.find((h) => COLUMNS[field].includes(key(h))) ?? null
}

function parseRate(text: string): number | string {
  const cleaned = text.replace(/[\s%]/g, '')
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return 'commission must be a percentage like 12 or 12.5'
  const bps = Math.round(Number(cleaned) * 100)
  return bps > MAX_COMMISSION_BPS ? 'commission cannot be over 100 %' : bps
}

function parseAvailable(text: string): boolean | string {
  const t = text.trim().toLowerCase()
  if (t === '' || ['yes', 'y', 'true', '1', 'available', 'in stock'].includes(t)) return true
  if (['no', 'n', 'false', '0', 'unavailable', 'out of stock', 'sold out'].includes(t)) return false
  return `available must be yes or no (not “${text}”)`
}

/**
 * A product catalogue CSV → one entry per data row, each a product or the reasons it is not one,
 * in words next to its line. Title and price columns are required; currency defaults to the
 * workspace's (`defaultCurrency`), availability to yes.
 */
export function parseProductCsv(
  text: string,
  defaultCurrency: string,
): { rows: CsvRow[]; fileError: string | null } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  })
  const headers = parsed.meta.fields ?? []
  const col = Object.fromEntries(
    (Object.keys(COLUMNS) as (keyof ProductDraft)[]).map((f) => [f, columnOf(headers, f)]),
  ) as Record<keyof ProductDraft, string | null>
  if (!col.title || !col.priceMinor)
    return {
      rows: [],
      fileError: `The file needs a "title" and a "price" column (found: ${headers.join(', ') || 'no header row'}).`,
    }
  if (parsed.data.length > MAX_CSV_ROWS)
    return {
      rows: [],
      fileError: `The file has ${parsed.data.length.toLocaleString('en-US')} rows; import at most ${MAX_CSV_ROWS.toLocaleString('en-US')} at a time.`,
    }
  const cell = (row: Record<string, string>, field: keyof ProductDraft) => {
    const c = col[field]
    return c ? (row[c] ?? '').trim() : ''
  }
  const rows = parsed.data.map((row, i): CsvRow => {
    const errors: string[] = []
    const title = cell(row, 'title')
    if (!title) errors.push('title is empty')
    else if ([...title].length > 300) errors.push('title is longer than 300 characters')
    const price = parseMoney(cell(row, 'priceMinor'))
    if (!price.ok)
      errors.push(
        `price: ${price.error.replace(/^Enter an amount/, 'write it').replace(/\.$/, '')}`,
      )
    const currency = (cell(row, 'currency') || defaultCurrency).toUpperCase()
    if (!CURRENCY_PATTERN.test(currency))
      errors.push(`currency “${currency}” is not a 3-letter code`)
    const rateText = cell(row, 'commissionRateBps')
    const rate = rateText ? parseRate(rateText) : 0
    if (typeof rate === 'string') errors.push(rate)
    const stockText = cell(row, 'stock')
    const stock = stockText === '' ? null : /^\d+$/.test(stockText) ? Number(stockText) : NaN
    if (Number.isNaN(stock)) errors.push('stock must be a whole number')
    const available = parseAvailable(cell(row, 'available'))
    if (typeof available === 'string') errors.push(available)
    const image = cell(row, 'imageUrl') || null
    if (image && (!IMAGE_URL_PATTERN.test(image) || image.length > 2048))
      errors.push('image must be an https:// address')
    const shopId = cell(row, 'shopProductId') || null
    if (shopId && shopId.length > 128) errors.push('product id is longer than 128 characters')
    const line = i + 2
    if (errors.length || !price.ok || typeof rate === 'string' || typeof available === 'string')
      return { line, product: null, errors }
    return {
      line,
      errors: [],
      product: {
        title,
        priceMinor: price.minor,
        currency,
        commissionRateBps: rate,
        stock: stock === null || Number.isNaN(stock) ? null : stock,
        available,
        imageUrl: image,
        shopProductId: shopId,
      },
    }
  })
  return { rows, fileError: null }
}
