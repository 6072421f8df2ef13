import { UUID_LENGTH, UUID_V7_PATTERN } from './ids'
import {
  CURRENCY_PATTERN,
  DATE_PATTERN,
  MAX_TIMESTAMP,
  REGION_PATTERN,
  SHA256_PATTERN,
  USER_ID_PATTERN,
} from './fields'
import type { RxJsonSchemaLike } from './collection-contract'

/**
 * JSON-schema builders for the RxDB side, twins of `fields.ts`. RxDB's rules shape them: indexed
 * strings need `maxLength`, indexed numbers need `minimum`/`maximum`/`multipleOf`, indexed
 * fields cannot be nullable, nested schemas take no `default`, and `_deleted` is never listed
 * (RxDB adds it). Every object is closed (`additionalProperties: false`), like zod's strictObject.
 */
export type JsonSchema = Readonly<Record<string, unknown>>

export const js = {
  string: (maxLength: number, minLength = 0): JsonSchema => ({
    type: 'string',
    minLength,
    maxLength,
  }),
  pattern: (pattern: RegExp, maxLength: number): JsonSchema => ({
    type: 'string',
    maxLength,
    pattern: pattern.source,
  }),
  id: (): JsonSchema => js.pattern(UUID_V7_PATTERN, UUID_LENGTH),
  userId: (): JsonSchema => js.pattern(USER_ID_PATTERN, 64),
  currency: (): JsonSchema => js.pattern(CURRENCY_PATTERN, 3),
  region: (): JsonSchema => js.pattern(REGION_PATTERN, 2),
  date: (): JsonSchema => js.pattern(DATE_PATTERN, 10),
  sha256: (): JsonSchema => js.pattern(SHA256_PATTERN, 64),
  blobRef: (): JsonSchema => js.string(256, 1),
  int: (minimum: number, maximum: number): JsonSchema => ({
    type: 'integer',
    minimum,
    maximum,
    multipleOf: 1,
  }),
  /** A finite number in [minimum, maximum] (shares, thresholds); never indexed. */
  number: (minimum: number, maximum: number): JsonSchema => ({ type: 'number', minimum, maximum }),
  timestamp: (): JsonSchema => js.int(0, MAX_TIMESTAMP),
  count: (): JsonSchema => js.int(0, Number.MAX_SAFE_INTEGER),
  boolean: (): JsonSchema => ({ type: 'boolean' }),
  enum: (values: readonly string[]): JsonSchema => ({
    type: 'string',
    enum: [...values],
    maxLength: Math.max(...values.map((v) => v.length)),
  }),
  /** `T | null`: a type union, and for enums `null` joins the allowed values. */
  nullable: (schema: JsonSchema): JsonSchema => {
    const nullableEnum = Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}
    return { ...schema, type: [schema.type, 'null'], ...nullableEnum }
  },
  array: (items: JsonSchema, maxItems: number): JsonSchema => ({ type: 'array', items, maxItems }),
  /** A closed object whose properties are all required (absent values are `null`, not missing). */
  object: (properties: Record<string, JsonSchema>): JsonSchema => ({
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  }),
  /** An open JSON object whose shape another module validates (e.g. the timeline). */
  looseObject: (): JsonSchema => ({ type: 'object' }),
}

/** JSON twins of `baseFields`, minus `_deleted`, which RxDB adds itself. */
export const baseProperties = {
  id: js.id(),
  workspaceId: js.id(),
  updatedAt: js.timestamp(),
}

/**
 * A version-`version` RxDB schema: primary key `id`, every listed property required, closed.
 * The `['workspaceId', 'updatedAt']` index serves the UI's "recent first" lists and is added to
 * every collection; `indexes` adds the collection's own.
 */
export function rxSchema(args: {
  title: string
  version: number
  properties: Record<string, JsonSchema>
  indexes?: readonly (string | readonly string[])[]
}): RxJsonSchemaLike {
  const properties = { ...baseProperties, ...args.properties }
  return {
    title: args.title,
    version: args.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
    indexes: [['workspaceId', 'updatedAt'], ...(args.indexes ?? [])],
  }
}
