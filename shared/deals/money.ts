/** Minor units → "USD 1,500.00" style text (two decimals; the currencies deals use have two). */
export function formatMoney(minor: number, currency: string): string {
  const value = (minor / 100).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
  return `${currency} ${value}`
}

/**
 * What a person typed as an amount ("1500", "1,500.50", "$1 500") → minor units, or an error in
 * words. Negative amounts and more than two decimals are refused rather than guessed at.
 */
export function parseMoney(
  input: string,
): { ok: true; minor: number } | { ok: false; error: string } {
  const cleaned = input.replace(/[\s,$€£]/g, '')
  if (cleaned === '') return { ok: false, error: 'Enter an amount.' }
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned))
    return {
      ok: false,
      error: 'Enter an amount like 1500 or 1,500.50 (no more than two decimals).',
    }
  const [whole = '0', frac = ''] = cleaned.split('.')
  const minor = Number(whole) * 100 + Number(frac.padEnd(2, '0'))
  if (!Number.isSafeInteger(minor)) return { ok: false, error: 'That amount is too large.' }
  return { ok: true, minor }
}
