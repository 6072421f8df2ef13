import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, count, currency, docId, minorAmount, text, timestamp } from '../fields'
import { js, rxSchema } from '../json-schema'

/** 100% in basis points. */
export const MAX_COMMISSION_BPS = 10_000
/** Where a product came from: the platform's showcase feed, a CSV import, or typed in. */
export const PRODUCT_SOURCES = ['showcase', 'csv', 'manual'] as const
export const MAX_IMAGE_URL = 2048
/** Product images are shown from https addresses only (the CSP allows no other remote images). */
export const IMAGE_URL_PATTERN = /^https:\/\/[^\s]+$/

/**
 * A shop product creators can tag (schema version 1). `accountId` null = the workspace catalogue
 * (not visible to creator-role members). A commission-rate cut keeps the old rate for 30 days
 * (PLATFORM-FACTS, Shop): then `commissionRateBps` is the new rate, `lockedRateBps` the rate
 * that still applies and `rateLockedUntil` when the lock ends.
 */
export const productSchema = z.strictObject({
  ...baseFields,
  accountId: docId.nullable(),
  title: text(300, 1),
  priceMinor: minorAmount,
  currency,
  commissionRateBps: z.int().min(0).max(MAX_COMMISSION_BPS),
  rateLockedUntil: timestamp.nullable(),
  lockedRateBps: z.int().min(0).max(MAX_COMMISSION_BPS).nullable(),
  shopProductId: text(128, 1).nullable(),
  available: z.boolean(),
  /** Units in stock, when the shop says (null: not known). */
  stock: count.nullable(),
  imageUrl: z
    .string()
    .max(MAX_IMAGE_URL)
    .regex(IMAGE_URL_PATTERN, 'must be an https address')
    .nullable(),
  source: z.enum(PRODUCT_SOURCES),
})

export type ProductDoc = z.infer<typeof productSchema>

/** Version 0 → 1: every product was available; the feed's products are the showcase's. */
export function migrateProductToV1(old: Record<string, unknown>): Record<string, unknown> {
  if ('source' in old) return old
  return {
    ...old,
    lockedRateBps: null,
    available: true,
    stock: null,
    imageUrl: null,
    source: typeof old['shopProductId'] === 'string' ? 'showcase' : 'manual',
  }
}

export const products = defineCollection<ProductDoc>({
  name: 'products',
  schema: productSchema,
  rxSchema: rxSchema({
    title: 'products',
    version: 1,
    properties: {
      accountId: js.nullable(js.id()),
      title: js.string(300, 1),
      priceMinor: js.count(),
      currency: js.currency(),
      commissionRateBps: js.int(0, MAX_COMMISSION_BPS),
      rateLockedUntil: js.nullable(js.timestamp()),
      lockedRateBps: js.nullable(js.int(0, MAX_COMMISSION_BPS)),
      shopProductId: js.nullable(js.string(128, 1)),
      available: js.boolean(),
      stock: js.nullable(js.count()),
      imageUrl: js.nullable(js.pattern(IMAGE_URL_PATTERN, MAX_IMAGE_URL)),
      source: js.enum(PRODUCT_SOURCES),
    },
  }),
  // Version 1 added availability, stock, image, the locked rate and the source; the server's
  // migration 0009 rewrote its stored products with the same function.
  migrationStrategies: { 1: (old) => migrateProductToV1(old) },
  serverOwnedFields: [],
  accountScoped: true,
})
