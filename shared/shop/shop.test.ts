import { describe, expect, it } from 'vitest'
import type { LedgerEntryDoc } from '../data/collections/ledger'
import { sampleDocs } from '../data/sample-docs'
import { commissionMinor } from '../money/commission'
import { commissionSummary, effectiveRateBps, estimatedCommission } from './commission'
import { parseProductCsv } from './product-csv'
import { checkTagging } from './tagging'

const T = 1_800_000_000_000
const DAY = 86_400_000

describe('commission math', () => {
  it('is price paid × rate, rounded half up to the cent', () => {
    expect(commissionMinor(1999, 1500)).toBe(300) // 299.85 → 300
    expect(commissionMinor(1000, 1250)).toBe(125)
    expect(commissionMinor(1, 5000)).toBe(1) // 0.5 → 1
    expect(commissionMinor(0, 2000)).toBe(0)
  })
  it('a cut rate waits for its 30-day lock; the estimate uses the rate that applies', () => {
    const product = {
      priceMinor: 2000,
      commissionRateBps: 1000,
      lockedRateBps: 2000,
      rateLockedUntil: T,
    }
    expect(effectiveRateBps(product, T - 1)).toBe(2000)
    expect(effectiveRateBps(product, T)).toBe(1000)
    expect(estimatedCommission(product, T - 1)).toBe(400)
    expect(estimatedCommission(product, T)).toBe(200)
  })
  it('sums per product and post by settlement; refunds are reversed, other currencies left out', () => {
    const base = sampleDocs().ledger
    const entry = (
      amountMinor: number,
      settlement: LedgerEntryDoc['settlement'],
      productId: string,
      postId: string | null,
      currency = 'USD',
    ): LedgerEntryDoc => ({
      ...base,
      kind: 'commission',
      amountMinor,
      currency,
      settlement,
      refs: { ...base.refs, productId, postId },
    })
    const P1 = '01890a5d-ac96-774b-bcce-b302099a8101'
    const P2 = '01890a5d-ac96-774b-bcce-b302099a8102'
    const V = '01890a5d-ac96-774b-bcce-b302099a8103'
    const out = commissionSummary(
      [
        entry(300, 'settled', P1, V),
        entry(200, 'not_settled', P1, V),
        entry(500, 'refunded', P1, null),
        entry(100, 'settled', P2, V),
        entry(999, 'settled', P2, V, 'EUR'),
        { ...entry(50, null, P2, V), kind: 'gift' },
      ],
      'USD',
    )
    expect(out.total).toEqual({
      orders: 4,
      settledMinor: 400,
      notSettledMinor: 200,
      refundedMinor: 500,
      netMinor: 600,
    })
    expect(out.byProduct.get(P1)).toMatchObject({ orders: 3, netMinor: 500, refundedMinor: 500 })
    expect(out.byPost.get(V)).toMatchObject({ orders: 3, netMinor: 600 })
    expect(out.otherCurrency).toBe(1)
  })
})

describe('product CSV import', () => {
  it('reads good rows and gives each broken row its reasons beside its line', () => {
    const csv = [
      'Title,Price,Currency,Commission %,Stock,Available,Image,SKU',
      'Ring light,29.99,USD,12.5,40,yes,https://cdn.example.com/a.jpg,RL-1',
      ',10,USD,10,,,,',
      'Tripod,ten,usd,150,-3,maybe,http://insecure.example.com/x.png,',
      '"Mic, wireless",49,,8,,no,,MIC-9',
      '',
    ].join('\n')
    const { rows, fileError } = parseProductCsv(csv, 'USD')
    expect(fileError).toBeNull()
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5])
    expect(rows[0]?.product).toEqual({
      title: 'Ring light',
      priceMinor: 2999,
      currency: 'USD',
      commissionRateBps: 1250,
      stock: 40,
      available: true,
      imageUrl: 'https://cdn.example.com/a.jpg',
      shopProductId: 'RL-1',
    })
    expect(rows[1]).toEqual({ line: 3, product: null, errors: ['title is empty'] })
    expect(rows[2]?.product).toBeNull()
    expect(rows[2]?.errors).toEqual([
      expect.stringContaining('price'),
      'commission cannot be over 100 %',
      'stock must be a whole number',
      'available must be yes or no (not “maybe”)',
      'image must be an https:// address',
    ])
    expect(rows[3]?.product).toMatchObject({
      title: 'Mic, wireless',
      currency: 'USD',
      available: false,
    })
  })
  it('refuses a file without title and price columns, naming what it found', () => {
    expect(parseProductCsv('name;cost\nA;1', 'USD').fileError).toContain(
      'needs a "title" and a "price"',
    )
    expect(parseProductCsv('', 'USD').fileError).toContain('no header row')
  })
})

describe('tagging limits and the Pilot quota', () => {
  it('under 5,000 followers: 5 shoppable videos in any 7 days', () => {
    const four = [1, 2, 3, 4].map((d) => T - d * DAY)
    expect(checkTagging({ followers: 3000, tagCount: 1, shoppableAt: four, at: T })).toEqual({
      errors: [],
      pilotLeft: 1,
    })
    const five = [...four, T - 5 * DAY]
    const full = checkTagging({ followers: 3000, tagCount: 1, shoppableAt: five, at: T })
    expect(full.pilotLeft).toBe(0)
    expect(full.errors[0]).toContain('5 shoppable videos a week')
    // A week later the oldest no longer counts.
    expect(
      checkTagging({ followers: 3000, tagCount: 1, shoppableAt: five, at: T + 3 * DAY }).pilotLeft,
    ).toBe(2)
  })
  it('no weekly limit from 5,000 followers; none at all under 1,000; 20 products per video', () => {
    expect(
      checkTagging({ followers: 5000, tagCount: 1, shoppableAt: [], at: T }).pilotLeft,
    ).toBeNull()
    expect(
      checkTagging({ followers: 999, tagCount: 1, shoppableAt: [], at: T }).errors[0],
    ).toContain('1,000 followers')
    expect(
      checkTagging({ followers: 12_000, tagCount: 21, shoppableAt: [], at: T }).errors[0],
    ).toContain('at most 20')
  })
})
