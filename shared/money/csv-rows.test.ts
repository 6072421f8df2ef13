import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { convertTotals } from './convert'
import { CSV_COLUMNS, csvRows, safeCell } from './csv-rows'
import { DEFAULT_EARNINGS_SETTINGS } from './earnings-settings'
import { entry } from './test-entries'

describe('CSV for an accountant', () => {
  const accounts = () => ({ handle: 'cam', region: 'US' })

  it('writes one row per entry in date order, payouts negative, gifts at the workspace rate', () => {
    const rows = csvRows(
      [
        entry({ kind: 'payout', amountMinor: 2_000, occurredAt: Date.UTC(2026, 1, 1) }),
        entry({ kind: 'gift', diamonds: 1_000, amountMinor: 1, occurredAt: Date.UTC(2026, 0, 5) }),
        entry({
          kind: 'commission',
          settlement: 'refunded',
          amountMinor: 300,
          occurredAt: Date.UTC(2026, 0, 9),
        }),
      ],
      DEFAULT_EARNINGS_SETTINGS,
      accounts,
    )
    expect(rows.map((r) => [r.date, r.stream, r.amount, r.currency, r.settlement])).toEqual([
      ['2026-01-05', 'LIVE gifts', '5.00', 'USD', ''],
      ['2026-01-09', 'Shop commissions', '0.00', 'USD', 'refunded'],
      ['2026-02-01', 'Payout', '-20.00', 'USD', ''],
    ])
    // papaparse writes it with the header, and reads back the same cells.
    const text = Papa.unparse(rows, { columns: [...CSV_COLUMNS] })
    const back = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true })
    expect(back.data).toEqual(rows)
  })

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(safeCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`)
    expect(safeCell('+1')).toBe(`'+1`)
    expect(safeCell('plain')).toBe('plain')
    const [row] = csvRows([entry({ note: '@SUM(A1)' })], DEFAULT_EARNINGS_SETTINGS, accounts)
    expect(row?.note).toBe(`'@SUM(A1)`)
  })
})

describe('single-currency view', () => {
  it('converts through the table, rounds once, and names currencies it has no rate for', () => {
    const settings = {
      ...DEFAULT_EARNINGS_SETTINGS,
      conversion: { target: 'USD', microsPerUnit: { EUR: 1_100_000, JPY: 6_700 } },
    }
    // 10.00 EUR → 11.00 USD; 1,500 JPY → 10.05 USD; 5.00 USD stays.
    expect(convertTotals({ USD: 500, EUR: 1_000, JPY: 1_500, GBP: 100 }, settings)).toEqual({
      currency: 'USD',
      minor: 500 + 1_100 + 1_005,
      missing: ['GBP'],
    })
    expect(convertTotals({ USD: 1 }, DEFAULT_EARNINGS_SETTINGS)).toBeNull()
  })
})
