import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { earningsSettingsDocSchema } from '../data/collections/workspace-settings'
import { DEFAULT_EARNINGS_SETTINGS, type EarningsSettings } from './earnings-settings'
import { earningsSettingsFromDoc, earningsSettingsToDoc } from './earnings-settings-doc'

const code = (length: number) =>
  fc
    .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), {
      minLength: length,
      maxLength: length,
    })
    .map((cs) => cs.join(''))
const rate = fc.record({
  currency: code(3),
  microsPerDiamond: fc.integer({ min: 1, max: 1_000_000_000 }),
})
const share = fc.double({ min: 0, max: 1, noNaN: true })

const settingsArb: fc.Arbitrary<EarningsSettings> = fc.record({
  diamondRates: fc
    .tuple(rate, fc.dictionary(code(2), rate, { maxKeys: 8 }))
    .map(([d, regions]) => ({ ...regions, default: d })),
  payoutMinimum: fc.dictionary(code(3), fc.integer({ min: 0, max: 10_000_000 }), { maxKeys: 5 }),
  rpmDropShare: share,
  refundShare: share,
  conversion: fc.record({
    target: fc.option(code(3), { nil: null }),
    microsPerUnit: fc.dictionary(code(3), fc.integer({ min: 1, max: 10 ** 9 }), { maxKeys: 5 }),
  }),
})

describe('earnings settings ⇄ workspace document', () => {
  it('null on the document means every default', () => {
    expect(earningsSettingsFromDoc(null)).toEqual(DEFAULT_EARNINGS_SETTINGS)
  })

  it('round-trips any settings, and the document form is valid against the synced schema', () => {
    fc.assert(
      fc.property(settingsArb, (settings) => {
        const doc = earningsSettingsToDoc(settings)
        expect(earningsSettingsDocSchema.safeParse(doc).success).toBe(true)
        expect(earningsSettingsFromDoc(doc)).toEqual(settings)
      }),
    )
  })

  it('writes the default rate apart and regions as sorted rows', () => {
    const doc = earningsSettingsToDoc({
      ...DEFAULT_EARNINGS_SETTINGS,
      diamondRates: {
        default: { currency: 'USD', microsPerDiamond: 5_000 },
        US: { currency: 'USD', microsPerDiamond: 6_000 },
        GB: { currency: 'GBP', microsPerDiamond: 4_000 },
      },
    })
    expect(doc.defaultDiamondRate).toEqual({ currency: 'USD', microsPerDiamond: 5_000 })
    expect(doc.regionDiamondRates.map((r) => r.region)).toEqual(['GB', 'US'])
    expect(doc.payoutMinimums).toEqual([{ currency: 'USD', minor: 1_000 }])
  })

  it('the synced schema refuses duplicate regions, shares above 1 and free-form keys', () => {
    const doc = earningsSettingsToDoc(DEFAULT_EARNINGS_SETTINGS)
    const row = { region: 'US', currency: 'USD', microsPerDiamond: 1 }
    expect(
      earningsSettingsDocSchema.safeParse({ ...doc, regionDiamondRates: [row, row] }).success,
    ).toBe(false)
    expect(earningsSettingsDocSchema.safeParse({ ...doc, refundShare: 1.5 }).success).toBe(false)
    expect(earningsSettingsDocSchema.safeParse({ ...doc, US: row }).success).toBe(false)
    expect(
      earningsSettingsDocSchema.safeParse({
        ...doc,
        defaultDiamondRate: { currency: 'USD', microsPerDiamond: 0.5 },
      }).success,
    ).toBe(false)
  })
})
