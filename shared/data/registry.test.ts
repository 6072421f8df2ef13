import { describe, expect, it } from 'vitest'
import type { RxJsonSchema } from 'rxdb'
import { getValidator } from 'rxdb/plugins/validate-ajv'
import { COLLECTION_NAMES, type CollectionName } from './collection-contract'
import { collections } from './registry'
import { sampleDocs } from './sample-docs'
import { isPlainObject, type JsonRecord } from './merge'

const samples = sampleDocs()

function rxValidator(name: CollectionName): (doc: unknown) => boolean {
  const validate: (doc: unknown) => unknown = getValidator(
    collections[name].rxSchema as RxJsonSchema<Record<string, unknown>>,
  )
  return (doc) => {
    const errors = validate(doc)
    return !Array.isArray(errors) || errors.length === 0
  }
}

function withoutDeleted(doc: object): JsonRecord {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => key !== '_deleted'))
}

describe('collection registry', () => {
  it('defines exactly the ten collections, each under its own name', () => {
    expect(Object.keys(collections).sort()).toEqual([...COLLECTION_NAMES].sort())
    for (const name of COLLECTION_NAMES) expect(collections[name].name).toBe(name)
  })

  it.each(COLLECTION_NAMES)('%s: RxDB schema mirrors the zod schema', (name) => {
    const def = collections[name]
    const sample = samples[name]
    const props = Object.keys(def.rxSchema.properties).sort()
    // The zod schema is strict and has no optional fields, so a valid sample has exactly its keys.
    expect(def.schema.safeParse(sample).success).toBe(true)
    expect(props).toEqual(Object.keys(withoutDeleted(sample)).sort())
    expect(props).not.toContain('_deleted')
    // Each version past 0 has the step that migrates a document to it, and nothing else does.
    const steps = Object.keys(def.migrationStrategies).map(Number)
    expect(steps.sort()).toEqual(Array.from({ length: def.rxSchema.version }, (_, i) => i + 1))
    expect(def.rxSchema).toMatchObject({
      primaryKey: 'id',
      type: 'object',
      additionalProperties: false,
    })
    expect([...(def.rxSchema.required ?? [])].sort()).toEqual(props)
    for (const field of def.serverOwnedFields) expect(props).toContain(field)
    expect(def.accountScoped).toBe(props.includes('accountId'))
    for (const field of Object.keys(def.serverOwnedDefaults ?? {}))
      expect(def.serverOwnedFields).toContain(field)
  })

  it.each(COLLECTION_NAMES)(
    '%s: zod refuses a missing _deleted, unknown keys and oversized text',
    (name) => {
      const { schema } = collections[name]
      const sample: JsonRecord = { ...samples[name] }
      expect(schema.safeParse(withoutDeleted(sample)).success).toBe(false)
      expect(schema.safeParse({ ...sample, extra: 1 }).success).toBe(false)
      expect(schema.safeParse({ ...sample, id: 'not-a-uuid' }).success).toBe(false)
      expect(schema.safeParse({ ...sample, updatedAt: 1.5 }).success).toBe(false)
      for (const [key, value] of Object.entries(sample)) {
        if (typeof value === 'string')
          expect(schema.safeParse({ ...sample, [key]: 'x'.repeat(20_001) }).success).toBe(false)
      }
    },
  )

  it('refuses an oversized timeline', () => {
    const project = { ...samples.projects, timeline: { blob: 'x'.repeat(1_000_001) } }
    expect(collections.projects.schema.safeParse(project).success).toBe(false)
  })

  it('enforces the cross-field rules', () => {
    const ws = samples.workspaces
    expect(
      collections.workspaces.schema.safeParse({ ...ws, workspaceId: samples.accounts.id }).success,
    ).toBe(false)
    const account = samples.accounts
    expect(collections.accounts.schema.safeParse({ ...account, accountId: ws.id }).success).toBe(
      false,
    )
    const entry = samples.ledger
    expect(collections.ledger.schema.safeParse({ ...entry, settlement: null }).success).toBe(false)
    expect(collections.ledger.schema.safeParse({ ...entry, kind: 'gift' }).success).toBe(false)
    expect(
      collections.ledger.schema.safeParse({
        ...entry,
        kind: 'gift',
        settlement: null,
        diamonds: 200,
      }).success,
    ).toBe(true)
  })
})

/**
 * Differential test: zod (server) and ajv (RxDB, client) must accept and refuse the same
 * documents, or a document stored locally could never be pushed. Every leaf of every sample is
 * replaced by every value of a pool built around the schemas' limits, keys are dropped and added.
 */
describe('zod and the RxDB JSON schema agree', () => {
  const lengths = [
    0, 1, 2, 3, 4, 10, 36, 37, 64, 65, 100, 101, 119, 120, 121, 128, 129, 200, 201, 255, 256, 257,
  ]
  const longer = [
    300, 301, 1000, 1001, 2000, 2001, 2200, 2201, 4000, 4001, 10_000, 10_001, 20_000, 20_001,
  ]
  const pool: unknown[] = [
    ...[...lengths, ...longer].map((n) => 'x'.repeat(n)),
    '🌅'.repeat(2200),
    '🌅'.repeat(2201),
    '🌅'.repeat(120),
    '🌅'.repeat(121),
    '01890a5d-ac96-774b-bcce-b302099a8099',
    '01890A5D-AC96-774B-BCCE-B302099A8099',
    '01890a5d-ac96-474b-bcce-b302099a8099',
    'US',
    'us',
    'USD',
    'usd',
    '2023-02-28',
    '2023-13-01',
    '2023-1-01',
    'a'.repeat(64),
    'A'.repeat(64),
    'user-1',
    'has space',
    'tag#',
    '#tag',
    'cam.creates',
    '@cam',
    'public',
    'commission',
    'not_settled',
    'manual',
    'connector',
    'video',
    'brand',
    'approved',
    -1,
    0,
    1,
    1.5,
    29.97,
    45,
    90,
    270,
    1000,
    1001,
    10_000,
    10_001,
    16_384,
    16_385,
    Number.MAX_SAFE_INTEGER,
    2 ** 53,
    8_640_000_000_000_000,
    8_640_000_000_000_001,
    true,
    false,
    null,
    {},
    [],
    ['tag'],
  ]

  /** Paths whose zod checks go beyond JSON schema on purpose (cross-field refinements). */
  const refined: Partial<Record<CollectionName, string[]>> = {
    workspaces: ['id', 'workspaceId'],
    accounts: ['id', 'accountId'],
    ledger: ['kind', 'settlement'],
  }

  type Path = (string | number)[]

  function paths(value: unknown, prefix: Path = []): Path[] {
    if (isPlainObject(value)) {
      return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))]
    }
    if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))]
    return [prefix]
  }

  function setAt(
    root: unknown,
    path: Path,
    value: unknown,
    mode: 'set' | 'delete' | 'addKey',
  ): unknown {
    const copy = structuredClone(root)
    if (path.length === 0) return mode === 'set' ? value : copy
    let node: unknown = copy
    for (const key of path.slice(0, -1))
      node = Array.isArray(node) || isPlainObject(node) ? Reflect.get(node, key) : undefined
    const last = path[path.length - 1] as string | number
    if (!(Array.isArray(node) || isPlainObject(node))) return copy
    const target = Reflect.get(node, last)
    if (mode === 'set') Reflect.set(node, last, value)
    else if (mode === 'delete' && isPlainObject(node)) Reflect.deleteProperty(node, last)
    else if (mode === 'addKey' && isPlainObject(target)) target.unexpected = 1
    return copy
  }

  it.each(COLLECTION_NAMES)('%s', (name) => {
    const { schema } = collections[name]
    const ajvValid = rxValidator(name)
    const sample = withoutDeleted(samples[name])
    const mismatches: string[] = []
    let checked = 0
    const compare = (doc: unknown, label: string) => {
      checked += 1
      const zodOk = schema.safeParse(isPlainObject(doc) ? { ...doc, _deleted: false } : doc).success
      const ajvOk = ajvValid(doc)
      if (zodOk === ajvOk) return
      const top = label.split(/[.[ ]/)[0] ?? ''
      if (!zodOk && ajvOk && refined[name]?.includes(top)) return
      mismatches.push(
        `${label}: zod ${zodOk ? 'accepts' : 'refuses'}, ajv ${ajvOk ? 'accepts' : 'refuses'}`,
      )
    }
    compare(sample, '(sample)')
    for (const path of paths(sample)) {
      if (path.length === 0) continue
      const label = path.join('.')
      for (const [i, value] of pool.entries())
        compare(setAt(sample, path, value, 'set'), `${label} = pool[${i}]`)
      compare(setAt(sample, path, undefined, 'delete'), `${label} deleted`)
      compare(setAt(sample, path, undefined, 'addKey'), `${label} + unexpected key`)
    }
    expect(mismatches).toEqual([])
    expect(checked).toBeGreaterThan(500)
  })
})
