import { describe, expect, it } from 'vitest'
import { DEFAULT_EARNINGS_SETTINGS } from '../../../shared/money/earnings-settings'
import { draftOf, settingsFromDraft } from './settings-draft'

describe('earnings settings form', () => {
  it('round-trips the defaults', () => {
    expect(settingsFromDraft(draftOf(DEFAULT_EARNINGS_SETTINGS))).toEqual({
      ok: true,
      settings: DEFAULT_EARNINGS_SETTINGS,
    })
    expect(draftOf(DEFAULT_EARNINGS_SETTINGS).defaultRate).toBe('0.005')
  })

  it('reads region rates and a conversion table exactly', () => {
    const out = settingsFromDraft({
      ...draftOf(DEFAULT_EARNINGS_SETTINGS),
      defaultRate: '0.0055',
      regionRates: 'jp jpy 0.7\nGB GBP 0.004',
      payoutMinimum: 'USD 10\nJPY 1500',
      conversionTarget: 'usd',
      conversionRates: 'EUR 1.08',
    })
    expect(out.ok && out.settings.diamondRates).toEqual({
      default: { currency: 'USD', microsPerDiamond: 5_500 },
      JP: { currency: 'JPY', microsPerDiamond: 700_000 },
      GB: { currency: 'GBP', microsPerDiamond: 4_000 },
    })
    expect(out.ok && out.settings.payoutMinimum).toEqual({ USD: 1_000, JPY: 1_500 })
    expect(out.ok && out.settings.conversion).toEqual({
      target: 'USD',
      microsPerUnit: { EUR: 1_080_000 },
    })
  })

  it('names the field and line that is wrong', () => {
    expect(
      settingsFromDraft({
        ...draftOf(DEFAULT_EARNINGS_SETTINGS),
        defaultRate: '0',
        regionRates: 'JP JPY 0.7\nnonsense',
        refundPercent: '150',
      }),
    ).toEqual({
      ok: false,
      errors: {
        defaultRate: 'Enter the value of one diamond, like 0.005.',
        regionRates: 'Line 2: write region, currency and value per diamond, like "JP JPY 0.7".',
        refundPercent: 'Enter a whole percentage from 1 to 100.',
      },
    })
  })
})
