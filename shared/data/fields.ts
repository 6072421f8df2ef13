import { z } from 'zod'
import { UUID_V7_PATTERN } from './ids'

/**
 * Zod building blocks shared by the collection schemas. Each has a twin in `json-schema.ts` with
 * the same limits, because RxDB validates with JSON schema (ajv) on the client and the server
 * validates with zod: a document one accepts and the other refuses would be stuck in the outbox.
 */

/** Largest epoch-ms value a JS Date holds. */
export const MAX_TIMESTAMP = 8_640_000_000_000_000

/** 'YYYY-MM-DD' with month 01–12 and day 01–31 (calendar-exactness is the writer's job). */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
export const CURRENCY_PATTERN = /^[A-Z]{3}$/
export const REGION_PATTERN = /^[A-Z]{2}$/
export const SHA256_PATTERN = /^[0-9a-f]{64}$/
/** User ids come from the auth service; kept opaque but URL- and log-safe. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** Counts code points, as JSON schema's maxLength does (a UTF-16 length would disagree on emoji). */
export function codePointLength(value: string): number {
  return [...value].length
}

/** Free text limited in code points, so zod and ajv agree on where the limit is. */
export function text(max: number, min = 0) {
  return z.string().refine((s) => {
    const n = codePointLength(s)
    return n >= min && n <= max
  }, `must be ${min}–${max} characters`)
}

export const docId = z.string().regex(UUID_V7_PATTERN, 'must be a lowercase UUIDv7')
export const userId = z.string().regex(USER_ID_PATTERN, 'must be a user id')
export const timestamp = z.int().min(0).max(MAX_TIMESTAMP)
export const count = z.int().min(0).max(Number.MAX_SAFE_INTEGER)
/** Money in the currency's minor unit (cents): integers only, never floats. */
export const minorAmount = z.int().min(0).max(Number.MAX_SAFE_INTEGER)
export const currency = z.string().regex(CURRENCY_PATTERN, 'must be an ISO 4217 code')
export const region = z.string().regex(REGION_PATTERN, 'must be an ISO 3166-1 alpha-2 code')
export const calendarDate = z.string().regex(DATE_PATTERN, 'must be YYYY-MM-DD')
export const sha256 = z.string().regex(SHA256_PATTERN, 'must be a lowercase hex SHA-256')
/** Opaque reference to a stored blob (upload id, thumbnail key); resolved by whoever stored it. */
export const blobRef = text(256, 1)

/** The fields of every replicated document (collection-contract `BaseDoc`). */
export const baseFields = {
  id: docId,
  workspaceId: docId,
  updatedAt: timestamp,
  _deleted: z.boolean(),
}
