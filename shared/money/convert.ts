import type { EarningsSettings } from './earnings-settings'
import { fractionDigits, type CurrencyTotals } from './money'

export interface Converted {
  currency: string
  minor: number
  /** Currencies with no rate in the table: left out of `minor`, listed so the view says so. */
  missing: string[]
}

/**
 * Per-currency totals as one currency through the workspace's conversion table — a view for
 * reading, never stored. Each currency converts on its own and is rounded once to the target's
 * minor unit; currencies without a rate are reported, never guessed.
 */
export function convertTotals(
  totals: CurrencyTotals,
  settings: EarningsSettings,
): Converted | null {
  const target = settings.conversion.target
  if (!target) return null
  let minor = 0
  const missing: string[] = []
  const targetDigits = fractionDigits(target)
  for (const [currency, amount] of Object.entries(totals)) {
    if (currency === target) {
      minor += amount
      continue
    }
    const micros = settings.conversion.microsPerUnit[currency]
    if (micros === undefined) {
      missing.push(currency)
      continue
    }
    const units = amount / 10 ** fractionDigits(currency)
    minor += Math.round((units * micros * 10 ** targetDigits) / 1_000_000)
  }
  return { currency: target, minor, missing }
}
