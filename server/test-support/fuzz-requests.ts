import fc from 'fast-check'
import { z } from 'zod'
import { COLLECTION_NAMES } from '../../shared/data/collection-contract'
import { uuidv7 } from '../../shared/data/ids'
import { sampleDocs } from '../../shared/data/sample-docs'
import { createTrpc } from '../trpc/init'
import { createAppRouter } from '../trpc/router'

/**
 * Hostile HTTP requests for the fuzz test (server/http/fuzz.test.ts), generated with fast-check.
 * Procedures come from the app router itself, so a procedure added later is fuzzed without
 * touching this file; each one's zod input schema (as JSON Schema) shapes inputs that get past
 * the first checks and reach deeper code, mixed with values no schema expects.
 */

export interface ProcedureInfo {
  path: string
  type: 'query' | 'mutation' | 'subscription'
  /** JSON Schema of the input, or null for procedures without one. */
  input: JsonSchema | null
}

type JsonSchema = {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
}

/** Every procedure of the app router, with its input schema. */
export function listProcedures(): ProcedureInfo[] {
  const router = createAppRouter(createTrpc(true))
  const procedures: Record<string, unknown> = router._def.procedures
  return Object.entries(procedures)
    .filter(isProcedure)
    .map(([path, procedure]) => {
      const def = procedure._def
      const parser = def.inputs[0]
      const input =
        parser instanceof z.ZodType
          ? (z.toJSONSchema(parser, { unrepresentable: 'any', io: 'input' }) as JsonSchema)
          : null
      return { path, type: def.type, input }
    })
}

function isProcedure(
  entry: [string, unknown],
): entry is [string, { _def: { type: ProcedureInfo['type']; inputs: unknown[] } }] {
  const def = (entry[1] as { _def?: { procedure?: unknown; inputs?: unknown } } | null)?._def
  return def?.procedure === true && Array.isArray(def.inputs)
}

/** JSON text written verbatim by `toJsonText`: nesting deeper than JSON.stringify survives. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify for generated values, with RawJson spliced in and keys like __proto__ kept. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).map(
      (k) => `${JSON.stringify(k)}:${toJsonText((value as Record<string, unknown>)[k])}`,
    )
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Builds an object whose own keys may be `__proto__` (an object literal would set the prototype). */
function objectFrom(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  for (const [k, v] of entries) {
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      configurable: true,
      writable: true,
    })
  }
  return out
}

/** `arb` in `percent` % of cases, null otherwise. */
function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> {
  return fc.oneof(
    { weight: 100 - percent, arbitrary: fc.constant(null) },
    { weight: percent, arbitrary: arb },
  )
}

export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
]

/** Strings that have broken parsers, paths, SQL and JSON columns elsewhere. */
const nastyString = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '__proto__',
      'constructor',
      "' OR 1=1 --",
      '"); drop table users; --',
      '../../../../etc/passwd',
      '%00',
      '\u0000',
      '\ud800',
      '\udfff\ud800',
      '\u202e',
      'null',
      '[]',
      '{}',
      'NaN',
      '1e999',
      '\\',
      '\n\r\t',
      '💥'.repeat(50),
    ),
  },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)) },
)

const deepRaw = fc
  .tuple(fc.integer({ min: 50, max: 6_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? new RawJson('['.repeat(depth) + ']'.repeat(depth))
      : new RawJson('{"a":'.repeat(depth) + '{}' + '}'.repeat(depth)),
  )

const weirdNumber = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 63),
    1e308,
    Number.MAX_SAFE_INTEGER,
    0.5,
    new RawJson('1e999'),
    new RawJson('-1e999'),
    new RawJson('123456789012345678901234567890'),
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
)

/** Values no schema expects: wrong types, huge or deep ones, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    weirdNumber,
    fc.constantFrom(null, true, false),
    deepRaw,
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string()), tie('value')), {
        maxLength: 4,
      })
      .map(objectFrom),
    fc.integer({ min: 1_001, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  ),
})).value

/** Ids and names that exist on the fuzzed server, so some calls get past "not found". */
export interface FuzzContext {
  workspaceIds: string[]
  userIds: string[]
  docIds: string[]
}

/** A sample document of some collection, in a real workspace, maybe with one field spoiled. */
function documentArb(ctx: FuzzContext): fc.Arbitrary<unknown> {
  const samples = sampleDocs() as unknown as Record<string, Record<string, unknown>>
  return fc
    .record({
      collection: fc.constantFrom(...COLLECTION_NAMES),
      workspaceId: fc.constantFrom(...ctx.workspaceIds),
      id: fc.oneof(fc.constantFrom(...ctx.docIds), fc.constant(null)),
      spoil: sometimes(
        fc.tuple(fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_KEYS)), hostileValue),
        40,
      ),
      spoilField: fc.nat(),
    })
    .map(({ collection, workspaceId, id, spoil, spoilField }) => {
      const doc: Record<string, unknown> = {
        ...samples[collection],
        workspaceId,
        id: id ?? uuidv7(),
        updatedAt: Date.now(),
      }
      if (collection === 'workspaces') doc['id'] = workspaceId
      if (!spoil) return doc
      const keys = Object.keys(doc)
      const [newKey, value] = spoil
      const key = spoilField % 3 === 0 ? newKey : (keys[spoilField % keys.length] ?? newKey)
      return objectFrom([...Object.entries(doc).filter(([k]) => k !== key), [key, value]])
    })
}

function stringFor(schema: JsonSchema, ctx: FuzzContext): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum)
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ctx.workspaceIds, ...ctx.userIds, ...ctx.docIds) },
    { weight: 2, arbitrary: fc.string({ minLength: schema.minLength ?? 0, maxLength: 20 }) },
    { weight: 1, arbitrary: fc.emailAddress() },
    { weight: 1, arbitrary: nastyString },
  )
}

/**
 * A value shaped by `schema` most of the time (so it reaches the code behind validation), with
 * hostile values mixed in at every level.
 */
export function fromSchema(
  schema: JsonSchema | undefined,
  ctx: FuzzContext,
  depth = 0,
): fc.Arbitrary<unknown> {
  const shaped = shapedBySchema(schema, ctx, depth)
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: hostileValue })
}

function shapedBySchema(
  schema: JsonSchema | undefined,
  ctx: FuzzContext,
  depth: number,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.oneof(documentArb(ctx), hostileValue)
  if (schema.const !== undefined) return fc.constant(schema.const)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives?.length) {
    return fc.oneof(...alternatives.map((s) => shapedBySchema(s, ctx, depth + 1)))
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {})
      if (properties.length === 0) return fc.oneof(documentArb(ctx), hostileValue)
      const required = new Set(schema.required ?? [])
      return fc
        .tuple(
          ...properties.map(([key, sub]) =>
            fc.option(fromSchema(sub, ctx, depth + 1), {
              freq: required.has(key) ? 12 : 3,
              nil: undefined,
            }),
          ),
          sometimes(fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), hostileValue), 10),
        )
        .map((values) => {
          const extra = values.pop() as [string, unknown] | null
          const entries: [string, unknown][] = []
          properties.forEach(([key], i) => {
            if (values[i] !== undefined) entries.push([key, values[i]])
          })
          if (extra) entries.push(extra)
          return objectFrom(entries)
        })
    }
    case 'array':
      return fc.array(fromSchema(schema.items, ctx, depth + 1), {
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      })
    case 'string':
      return stringFor(schema, ctx)
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 2000, 2000) }),
        weirdNumber,
      )
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    default:
      return fc.oneof(documentArb(ctx), hostileValue)
  }
}

export const ODD_METHODS = ['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'FOO']
export const ODD_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/jsonx',
  '',
]

/** Paths that are not procedures, for tRPC and for the rest of the server. */
export const ODD_TRPC_PATHS = [
  'nope',
  '__proto__',
  'constructor',
  'auth.__proto__',
  'sync.constructor',
  'toString',
  'auth',
  '',
  '..%2f..%2fhealth',
  'a'.repeat(5000),
  'sync.pull,sync.push',
]
export const OTHER_ROUTES = [
  '/health',
  '/',
  '/index.html',
  '/assets/app.js',
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/%00',
  '/trpc',
  '/trpc/',
  '/?__proto__[admin]=1',
  `/${'x'.repeat(6000)}`,
  '/health?input={"a":1}',
]

export interface FuzzRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: string
  /** An SSE stream may stay open: read its start only. */
  stream: boolean
  /** What the case is, for a failure message. */
  label: string
}

export type AuthKind = 'none' | 'valid' | 'garbage' | 'huge'

/** A request with its authentication still to fill in (the valid token changes as the fuzz runs). */
export interface FuzzCase {
  request: FuzzRequest
  auth: AuthKind
  /** Where the token goes: the header, or the SSE connectionParams. */
  authIn: 'header' | 'connectionParams'
  forwardedFor: string | null
}

const forwardedFor = fc.oneof(
  { weight: 8, arbitrary: fc.ipV4() },
  { weight: 1, arbitrary: fc.ipV6() },
  { weight: 1, arbitrary: nastyString.map((s) => s.replace(/[\r\n\0]/g, '').slice(0, 4000)) },
)

const authKind = fc.constantFrom<AuthKind>('valid', 'valid', 'valid', 'none', 'garbage', 'huge')

/** Text of `input` as a client would send it, or broken on purpose. */
const bodyText = (input: unknown) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(toJsonText(input)) },
    {
      weight: 1,
      arbitrary: fc.nat().map((cut) => {
        const text = toJsonText(input)
        return text.slice(0, cut % Math.max(1, text.length))
      }),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(nastyString, fc.constantFrom('{', '[', '{"a":}', 'undefined')),
    },
  )

function procedureCase(procs: ProcedureInfo[], ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  return fc.constantFrom(...procs).chain((proc) =>
    fc
      .record({
        input: proc.input
          ? fromSchema(proc.input, ctx)
          : fc.oneof(fc.constant(undefined), hostileValue),
        odd: sometimes(fc.constantFrom(...ODD_METHODS, 'GET', 'POST'), 8),
        contentType: sometimes(fc.constantFrom(...ODD_CONTENT_TYPES), 8),
        params: sometimes(fc.oneof(hostileValue, fc.dictionary(fc.string(), fc.string())), 15),
        auth: authKind,
        forwardedFor: sometimes(forwardedFor, 85),
      })
      .chain((c) =>
        bodyText(c.input).map((text): FuzzCase => {
          const method = c.odd ?? (proc.type === 'mutation' ? 'POST' : 'GET')
          const stream = proc.type === 'subscription' && method === 'GET'
          const query = new URLSearchParams()
          const sendsBody = method === 'POST' || method === 'PUT' || method === 'PATCH'
          if (!sendsBody && c.input !== undefined) query.set('input', text)
          if (c.params !== null) query.set('connectionParams', toJsonText(c.params))
          const headers: Record<string, string> = {}
          if (sendsBody) headers['Content-Type'] = c.contentType ?? 'application/json'
          const q = query.toString()
          return {
            request: {
              method,
              path: `/trpc/${proc.path}${q ? `?${q}` : ''}`,
              headers,
              body: sendsBody ? text : undefined,
              stream,
              label: `${method} ${proc.path}`,
            },
            auth: c.auth,
            authIn: stream && c.params === null ? 'connectionParams' : 'header',
            forwardedFor: c.forwardedFor,
          }
        }),
      ),
  )
}

function batchCase(procs: ProcedureInfo[], ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  return fc
    .array(fc.constantFrom(...procs), { minLength: 2, maxLength: 12 })
    .chain((batch) =>
      fc.record({
        inputs: fc.tuple(...batch.map((p) => (p.input ? fromSchema(p.input, ctx) : hostileValue))),
        post: fc.boolean(),
        auth: authKind,
        forwardedFor: sometimes(forwardedFor, 85),
        paths: fc.constant(batch.map((p) => p.path).join(',')),
      }),
    )
    .map(({ inputs, post, auth, forwardedFor: xff, paths }): FuzzCase => {
      const text = toJsonText(objectFrom(inputs.map((v, i) => [String(i), v])))
      return {
        request: {
          method: post ? 'POST' : 'GET',
          path: `/trpc/${paths}?batch=1${post ? '' : `&input=${encodeURIComponent(text)}`}`,
          headers: post ? { 'Content-Type': 'application/json' } : {},
          body: post ? text : undefined,
          stream: false,
          label: `batch ${paths}`,
        },
        auth,
        authIn: 'header',
        forwardedFor: xff,
      }
    })
}

const oddPathCase: fc.Arbitrary<FuzzCase> = fc
  .record({
    trpc: fc.boolean(),
    trpcPath: fc.constantFrom(...ODD_TRPC_PATHS),
    route: fc.constantFrom(...OTHER_ROUTES),
    method: fc.constantFrom('GET', 'POST', 'HEAD', ...ODD_METHODS),
    body: sometimes(fc.oneof(nastyString, hostileValue.map(toJsonText)), 50),
    contentType: fc.constantFrom(...ODD_CONTENT_TYPES, 'application/json'),
    auth: authKind,
  })
  .map((c): FuzzCase => ({
    request: {
      method: c.method,
      path: c.trpc ? `/trpc/${c.trpcPath}` : c.route,
      headers: c.body === null ? {} : { 'Content-Type': c.contentType },
      body: c.body ?? undefined,
      stream: false,
      label: `${c.method} ${c.trpc ? `/trpc/${c.trpcPath}` : c.route}`.slice(0, 120),
    },
    auth: c.auth,
    authIn: 'header',
    forwardedFor: null,
  }))

/** Every kind of hostile request, weighted towards procedure calls. */
export function fuzzCases(procs: ProcedureInfo[], ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    { weight: 14, arbitrary: procedureCase(procs, ctx) },
    { weight: 2, arbitrary: batchCase(procs, ctx) },
    { weight: 3, arbitrary: oddPathCase },
  )
}
