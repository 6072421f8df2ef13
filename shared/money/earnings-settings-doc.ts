import type { EarningsSettingsDoc } from '../data/collections/workspace-settings'
import { DEFAULT_EARNINGS_SETTINGS, type EarningsSettings } from './earnings-settings'

/**
 * EarningsSettings (records keyed by region and currency, handy to compute with) ⇄ the synced
 * workspace document's closed arrays (no free-form records, so zod and ajv agree). Pure and
 * lossless both ways for every valid value; `null` on the document means "every default".
 */
export function earningsSettingsToDoc(settings: EarningsSettings): EarningsSettingsDoc {
  const { default: defaultRate, ...regions } = settings.diamondRates
  const sortedEntries = <T>(record: Record<string, T>) =>
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return {
    defaultDiamondRate: { ...defaultRate },
    regionDiamondRates: sortedEntries(regions).map(([region, rate]) => ({
      region,
      currency: rate.currency,
      microsPerDiamond: rate.microsPerDiamond,
    })),
    payoutMinimums: sortedEntries(settings.payoutMinimum).map(([currency, minor]) => ({
      currency,
      minor,
    })),
    rpmDropShare: settings.rpmDropShare,
    refundShare: settings.refundShare,
    conversion: {
      target: settings.conversion.target,
      rates: sortedEntries(settings.conversion.microsPerUnit).map(([currency, microsPerUnit]) => ({
        currency,
        microsPerUnit,
      })),
    },
  }
}

export function earningsSettingsFromDoc(doc: EarningsSettingsDoc | null): EarningsSettings {
  if (doc === null) return DEFAULT_EARNINGS_SETTINGS
  const diamondRates: EarningsSettings['diamondRates'] = { default: { ...doc.defaultDiamondRate } }
  for (const r of doc.regionDiamondRates)
    diamondRates[r.region] = { currency: r.currency, microsPerDiamond: r.microsPerDiamond }
  return {
    diamondRates,
    payoutMinimum: Object.fromEntries(doc.payoutMinimums.map((p) => [p.currency, p.minor])),
    rpmDropShare: doc.rpmDropShare,
    refundShare: doc.refundShare,
    conversion: {
      target: doc.conversion.target,
      microsPerUnit: Object.fromEntries(
        doc.conversion.rates.map((r) => [r.currency, r.microsPerUnit]),
      ),
    },
  }
}
