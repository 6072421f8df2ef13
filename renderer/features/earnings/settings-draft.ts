import type { EarningsSettings } from '../../../shared/money/earnings-settings'
import { decimalString, parseAmount } from '../../../shared/money/money'

/**
 * The settings form as text (what people type) ⇄ settings. Rates are typed per diamond or per
 * unit as decimals ("0.005") and stored in millionths, exactly.
 */
export interface SettingsDraft {
  defaultRate: string
  defaultRateCurrency: string
  /** "JP JPY 0.7" lines: region, currency, value per diamond. */
  regionRates: string
  payoutMinimum: string
  rpmDropPercent: string
  refundPercent: string
  conversionTarget: string
  /** "EUR 1.08" lines: 1 unit of the currency in the target currency. */
  conversionRates: string
}

export type SettingsErrors = Partial<Record<keyof SettingsDraft, string>>

function micros(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text.trim())
  if (!m) return null
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'))
}

function fromMicros(n: number): string {
  const whole = Math.floor(n / 1_000_000)
  const frac = String(n % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : String(whole)
}

export function draftOf(s: EarningsSettings): SettingsDraft {
  const { default: d, ...regions } = s.diamondRates
  return {
    defaultRate: fromMicros(d.microsPerDiamond),
    defaultRateCurrency: d.currency,
    regionRates: Object.entries(regions)
      .map(([r, v]) => `${r} ${v.currency} ${fromMicros(v.microsPerDiamond)}`)
      .join('\n'),
    payoutMinimum: Object.entries(s.payoutMinimum)
      .map(([c, m]) => `${c} ${decimalString(m, c)}`)
      .join('\n'),
    rpmDropPercent: String(Math.round(s.rpmDropShare * 100)),
    refundPercent: String(Math.round(s.refundShare * 100)),
    conversionTarget: s.conversion.target ?? '',
    conversionRates: Object.entries(s.conversion.microsPerUnit)
      .map(([c, m]) => `${c} ${fromMicros(m)}`)
      .join('\n'),
  }
}

function lines(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split(/\s+/))
}

const CUR = /^[A-Z]{3}$/
const REGION = /^[A-Z]{2}$/

export function settingsFromDraft(
  d: SettingsDraft,
): { ok: true; settings: EarningsSettings } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {}
  const rate = micros(d.defaultRate)
  if (rate === null || rate === 0)
    errors.defaultRate = 'Enter the value of one diamond, like 0.005.'
  const cur = d.defaultRateCurrency.trim().toUpperCase()
  if (!CUR.test(cur)) errors.defaultRateCurrency = 'Use a three-letter currency code, like USD.'
  const diamondRates: EarningsSettings['diamondRates'] = {
    default: { currency: cur, microsPerDiamond: rate ?? 0 },
  }
  for (const [i, parts] of lines(d.regionRates).entries()) {
    const [region, currency, value] = parts.map((p) => p.toUpperCase())
    const m = value === undefined ? null : micros(value)
    if (
      parts.length !== 3 ||
      !REGION.test(region ?? '') ||
      !CUR.test(currency ?? '') ||
      m === null
    ) {
      errors.regionRates = `Line ${i + 1}: write region, currency and value per diamond, like "JP JPY 0.7".`
      break
    }
    diamondRates[region ?? ''] = { currency: currency ?? '', microsPerDiamond: m }
  }
  const payoutMinimum: Record<string, number> = {}
  for (const [i, parts] of lines(d.payoutMinimum).entries()) {
    const [currency, value] = parts
    const code = (currency ?? '').toUpperCase()
    const amount = value !== undefined && CUR.test(code) ? parseAmount(value, code) : null
    const m = amount?.ok ? amount.minor : null
    if (parts.length !== 2 || m === null) {
      errors.payoutMinimum = `Line ${i + 1}: write currency and amount, like "USD 10".`
      break
    }
    payoutMinimum[code] = m
  }
  const pct = (text: string, key: 'rpmDropPercent' | 'refundPercent') => {
    const n = Number(text.trim())
    if (!/^\d{1,3}$/.test(text.trim()) || n < 1 || n > 100) {
      errors[key] = 'Enter a whole percentage from 1 to 100.'
      return 0
    }
    return n / 100
  }
  const rpmDropShare = pct(d.rpmDropPercent, 'rpmDropPercent')
  const refundShare = pct(d.refundPercent, 'refundPercent')
  const target = d.conversionTarget.trim().toUpperCase()
  if (target && !CUR.test(target))
    errors.conversionTarget = 'Use a three-letter currency code, or leave it empty.'
  const microsPerUnit: Record<string, number> = {}
  for (const [i, parts] of lines(d.conversionRates).entries()) {
    const [currency, value] = parts
    const m = value === undefined ? null : micros(value)
    if (parts.length !== 2 || !CUR.test((currency ?? '').toUpperCase()) || m === null) {
      errors.conversionRates = `Line ${i + 1}: write currency and its value in ${target || 'the target'}, like "EUR 1.08".`
      break
    }
    microsPerUnit[(currency ?? '').toUpperCase()] = m
  }
  if (Object.keys(errors).length) return { ok: false, errors }
  return {
    ok: true,
    settings: {
      diamondRates,
      payoutMinimum,
      rpmDropShare,
      refundShare,
      conversion: { target: target || null, microsPerUnit },
    },
  }
}
