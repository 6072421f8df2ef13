import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addTo, decimalString, formatMoney, mulMicros, parseAmount } from './money'

describe('money in minor units', () => {
  it.each([
    ['12.5', 'USD', 1250],
    ['1,234.56', 'USD', 123_456],
    ['0', 'USD', 0],
    ['1500', 'JPY', 1500],
    ['7.', 'EUR', 700],
  ])('reads "%s" %s as %d minor units', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, minor })
  })

  it.each([
    ['', 'USD', 'Enter an amount.'],
    ['-3', 'USD', 'Enter a positive number, like 12.50.'],
    ['1.234', 'USD', 'USD has 2 decimal places at most.'],
    ['1.5', 'JPY', 'JPY has no decimal places.'],
    ['abc', 'USD', 'Enter a positive number, like 12.50.'],
    ['99999999999999999999', 'USD', 'That amount is too large.'],
  ])('refuses "%s" %s: %s', (text, currency, reason) => {
    expect(parseAmount(text, currency)).toEqual({ ok: false, reason })
  })

  it('writes exact decimals, and reading them back gives the same minor units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 50 }),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (m, c) => {
          const text = decimalString(m, c)
          expect(parseAmount(text, c)).toEqual({ ok: true, minor: m })
          expect(decimalString(-m, c)).toBe(m === 0 ? text : `-${text}`)
        },
      ),
    )
    expect(decimalString(5, 'USD')).toBe('0.05')
    expect(decimalString(1234, 'KWD')).toBe('1.234')
  })

  it('formats for people with the currency’s own decimals', () => {
    expect(formatMoney(123_456, 'USD')).toBe('$1,234.56')
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500')
  })

  it('never adds two currencies: totals are kept per currency', () => {
    const totals = {}
    addTo(totals, 'USD', 1)
    addTo(totals, 'USD', 2)
    addTo(totals, 'EUR', 5)
    expect(totals).toEqual({ USD: 3, EUR: 5 })
  })

  it('multiplies by a rate in millionths exactly, rounding half up', () => {
    expect(mulMicros(1, 500_000)).toBe(1)
    expect(mulMicros(1, 499_999)).toBe(0)
    // Beyond 2^53 in the product: a float would lose the last digits.
    expect(mulMicros(9_000_000_000_000, 1_000_001)).toBe(9_000_009_000_000)
  })
})
