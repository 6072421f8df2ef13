/**
 * Money in integer minor units of one ISO currency. Amounts are never floats and never summed
 * across currencies: a total is a map from currency to minor units.
 */
export interface Money {
  currency: string
  minor: number
}

/** Minor units per currency unit (2 for USD, 0 for JPY, 3 for KWD), from the runtime's ICU. */
const digitsCache = new Map<string, number>()
export function fractionDigits(currency: string): number {
  let digits = digitsCache.get(currency)
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
      }).resolvedOptions().maximumFractionDigits
    } catch {
      digits = 2
    }
    digitsCache.set(currency, digits ?? 2)
  }
  return digits ?? 2
}

/** Per-currency totals. Plain object so it serialises; keys are ISO currency codes. */
export type CurrencyTotals = Record<string, number>

export function addTo(totals: CurrencyTotals, currency: string, minor: number): void {
  totals[currency] = (totals[currency] ?? 0) + minor
}

/** "USD 1,234.50"-style text for people; locale decides separators. */
const formatters = new Map<string, Intl.NumberFormat>()

export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const digits = fractionDigits(currency)
  // Building a formatter costs ~100× formatting with one: keep one per locale and currency.
  const key = `${locale}|${currency}`
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    formatters.set(key, format)
  }
  return format.format(minor / 10 ** digits)
}

/** Exact decimal text for files ("-1234.50"): built from integers, never from a float. */
export function decimalString(minor: number, currency: string): string {
  const digits = fractionDigits(currency)
  const sign = minor < 0 ? '-' : ''
  const abs = Math.abs(minor)
  if (digits === 0) return `${sign}${abs}`
  const unit = 10 ** digits
  const whole = Math.floor(abs / unit)
  const frac = String(abs % unit).padStart(digits, '0')
  return `${sign}${whole}.${frac}`
}

/**
 * A decimal a person typed ("12.5", "1,234.56") → minor units, or a reason it is not an amount.
 * Exact: the digits are read as text, so 0.1 + 0.2 problems never arise.
 */
export function parseAmount(
  text: string,
  currency: string,
): { ok: true; minor: number } | { ok: false; reason: string } {
  const digits = fractionDigits(currency)
  const clean = text.trim().replace(/,/g, '')
  if (clean === '') return { ok: false, reason: 'Enter an amount.' }
  const match = /^(\d+)(?:\.(\d*))?$/.exec(clean)
  if (!match) return { ok: false, reason: 'Enter a positive number, like 12.50.' }
  const whole = match[1] ?? '0'
  const frac = match[2] ?? ''
  if (frac.length > digits)
    return {
      ok: false,
      reason:
        digits === 0
          ? `${currency} has no decimal places.`
          : `${currency} has ${digits} decimal places at most.`,
    }
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0')
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'That amount is too large.' }
  return { ok: true, minor }
}

/** `value × micros / 1,000,000` rounded half up, exactly (BigInt): rates in millionths. */
export function mulMicros(value: number, micros: number): number {
  // Exact in doubles while the product stays below 2^53 (every real ledger amount); BigInt past it.
  const fast = value * micros + 500_000
  if (fast <= Number.MAX_SAFE_INTEGER) return Math.floor(fast / 1_000_000)
  const product = BigInt(value) * BigInt(micros)
  return Number((product + 500_000n) / 1_000_000n)
}
