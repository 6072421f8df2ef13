import { DIAMOND_CASH_RATE_DEFAULT, type Confidence } from '../platform/tiktok-facts'

/**
 * The earnings area's numbers that are not facts of any one entry: the diamond cash rate (the
 * platform publishes none), the payout minimum, alert thresholds and an optional conversion
 * table. Each default says where it comes from; a workspace may change every one, and
 * changing one re-values views, never entries.
 */
export interface DiamondRate {
  currency: string
  /** Millionths of a currency unit per diamond: 5,000 = 0.005. */
  microsPerDiamond: number
}

export interface EarningsSettings {
  /** Rate per region (ISO 3166 code); `default` where a region has none. */
  diamondRates: { default: DiamondRate } & Record<string, DiamondRate>
  /** Smallest withdrawal per currency, in minor units. */
  payoutMinimum: Record<string, number>
  /** Alert when a month's average RPM falls by more than this share of the month before. */
  rpmDropShare: number
  /** Alert when refunded orders exceed this share of a month's orders. */
  refundShare: number
  /**
   * Optional single-currency view: 1 unit of the key currency = `microsPerUnit` millionths of
   * `target`. Empty = totals stay per currency.
   */
  conversion: { target: string | null; microsPerUnit: Record<string, number> }
}

export interface SourcedDefault {
  source: string
  confidence: Confidence
}

export const EARNINGS_DEFAULTS_SOURCES: Record<
  'diamondRate' | 'payoutMinimum' | 'alerts',
  SourcedDefault
> = {
  diamondRate: {
    source: DIAMOND_CASH_RATE_DEFAULT.source,
    confidence: DIAMOND_CASH_RATE_DEFAULT.confidence,
  },
  payoutMinimum: {
    source:
      'not in the platform facts: set the minimum your payout method shows (default USD 10.00 is a placeholder)',
    confidence: 'uncertain',
  },
  alerts: { source: 'Reeldesk defaults, not platform facts', confidence: 'secondary' },
}

export const DEFAULT_EARNINGS_SETTINGS: EarningsSettings = {
  diamondRates: {
    default: {
      currency: DIAMOND_CASH_RATE_DEFAULT.currency,
      microsPerDiamond: DIAMOND_CASH_RATE_DEFAULT.microsPerDiamond,
    },
  },
  payoutMinimum: { USD: 1_000 },
  rpmDropShare: 0.2,
  refundShare: 0.1,
  conversion: { target: null, microsPerUnit: {} },
}

export function diamondRateFor(settings: EarningsSettings, region: string | null): DiamondRate {
  return (region ? settings.diamondRates[region] : undefined) ?? settings.diamondRates.default
}

/** Commissions settle about 15 days after delivery; a rate cut waits 30 days (PLATFORM-FACTS). */
export const SHOP_RULES = {
  settlementDaysAfterDelivery: 15,
  rateLockDays: 30,
  source: 'seller centre knowledge base: commission states, settlement, 30-day rate lock',
  confidence: 'official' as Confidence,
}
