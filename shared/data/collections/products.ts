import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, currency, docId, minorAmount, text, timestamp } from '../fields'
import { js, rxSchema } from '../json-schema'

/** 100% in basis points. */
export const MAX_COMMISSION_BPS = 10_000

/**
 * A shop product creators can tag. `accountId` null = the workspace catalogue (not visible to
 * creator-role members). A rate cut locks the rate for 30 days: `rateLockedUntil` records it.
 */
export const productSchema = z.strictObject({
  ...baseFields,
  accountId: docId.nullable(),
  title: text(300, 1),
  priceMinor: minorAmount,
  currency,
  commissionRateBps: z.int().min(0).max(MAX_COMMISSION_BPS),
  rateLockedUntil: timestamp.nullable(),
  shopProductId: text(128, 1).nullable(),
})

export type ProductDoc = z.infer<typeof productSchema>

export const products = defineCollection<ProductDoc>({
  name: 'products',
  schema: productSchema,
  rxSchema: rxSchema({
    title: 'products',
    version: 0,
    properties: {
      accountId: js.nullable(js.id()),
      title: js.string(300, 1),
      priceMinor: js.count(),
      currency: js.currency(),
      commissionRateBps: js.int(0, MAX_COMMISSION_BPS),
      rateLockedUntil: js.nullable(js.timestamp()),
      shopProductId: js.nullable(js.string(128, 1)),
    },
  }),
  serverOwnedFields: [],
  accountScoped: true,
})
