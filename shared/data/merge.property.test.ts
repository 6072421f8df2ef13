import { describe, expect, it } from 'vitest'
import { isPlainObject, jsonEqual, mergeDocuments, type JsonRecord } from './merge'

/**
 * Property tests: thousands of random (base, local, remote) triples from a seeded generator, so
 * a failure names its seed and replays exactly.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rng = () => number
const int = (rng: Rng, n: number) => Math.floor(rng() * n)
const pick = <T>(rng: Rng, values: readonly T[]): T => values[int(rng, values.length)] as T
const scalar = (rng: Rng): unknown => pick(rng, [int(rng, 5), `s${int(rng, 5)}`, null, rng() < 0.5])

const clone = <T>(value: T): T => structuredClone(value)

function randomBase(rng: Rng): JsonRecord {
  const items = Array.from({ length: int(rng, 5) }, (_, i) => ({
    id: `b${i}`,
    v: int(rng, 5),
    w: `w${int(rng, 3)}`,
  }))
  return {
    id: 'doc',
    updatedAt: 1000,
    _deleted: false,
    f0: scalar(rng),
    f1: scalar(rng),
    f2: scalar(rng),
    f3: scalar(rng),
    o: { k0: scalar(rng), k1: scalar(rng), inner: { x: scalar(rng), y: scalar(rng) } },
    items,
    vals: Array.from({ length: 1 + int(rng, 3) }, () => int(rng, 9)),
  }
}

function asRecord(value: unknown): JsonRecord {
  if (!isPlainObject(value)) throw new Error('generator produced a non-object')
  return value
}

function asItems(value: unknown): JsonRecord[] {
  if (!Array.isArray(value)) throw new Error('generator produced a non-array')
  return value.map(asRecord)
}

/** Applies 0–5 random edits; `side` keeps ids added on each side distinct. */
function edit(base: JsonRecord, rng: Rng, side: string, updatedAt: number): JsonRecord {
  const doc = clone(base)
  const ops = int(rng, 6)
  for (let i = 0; i < ops; i += 1) {
    const items = asItems(doc.items)
    switch (int(rng, 7)) {
      case 0:
        doc[pick(rng, ['f0', 'f1', 'f2', 'f3'])] = scalar(rng)
        break
      case 1:
        asRecord(doc.o)[pick(rng, ['k0', 'k1'])] = scalar(rng)
        break
      case 2:
        asRecord(asRecord(doc.o).inner)[pick(rng, ['x', 'y'])] = scalar(rng)
        break
      case 3:
        items.splice(int(rng, items.length + 1), 0, { id: `${side}${i}`, v: int(rng, 5), w: 'new' })
        doc.items = items
        break
      case 4:
        if (items.length > 0) items.splice(int(rng, items.length), 1)
        doc.items = items
        break
      case 5:
        if (items.length > 0) {
          const item = items[int(rng, items.length)]
          if (item) item[pick(rng, ['v', 'w'])] = pick(rng, [int(rng, 5), `e${int(rng, 3)}`])
        }
        doc.items = items
        break
      default:
        doc.vals = Array.from({ length: 1 + int(rng, 3) }, () => int(rng, 9))
    }
  }
  doc.updatedAt = updatedAt
  return doc
}

/** Leaf values by path; elements of id arrays are addressed by id, value arrays are leaves. */
function leaves(
  value: unknown,
  prefix = '',
  out = new Map<string, unknown>(),
): Map<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (prefix === '' && (key === 'updatedAt' || key === '_deleted')) continue
      leaves(child, prefix ? `${prefix}.${key}` : key, out)
    }
  } else if (Array.isArray(value) && value.every((el) => isPlainObject(el) && 'id' in el)) {
    for (const el of value) leaves(el, `${prefix}[${String(asRecord(el).id)}]`, out)
  } else {
    out.set(prefix, value)
  }
  return out
}

const RUNS = 3000

function forEachTriple(
  check: (base: JsonRecord, local: JsonRecord, remote: JsonRecord, seed: number) => void,
) {
  for (let seed = 1; seed <= RUNS; seed += 1) {
    const rng = mulberry32(seed)
    const base = randomBase(rng)
    // Timestamps after the base, with ties in roughly one case in five.
    const local = edit(base, rng, 'L', 1001 + int(rng, 5))
    const remote = edit(base, rng, 'R', 1001 + int(rng, 5))
    check(base, local, remote, seed)
  }
}

describe('mergeDocuments properties', () => {
  it('merge(base, x, base) is x and merge(base, base, y) is y', () => {
    forEachTriple((base, local, remote, seed) => {
      expect(mergeDocuments(base, local, base), `seed ${seed}`).toEqual(local)
      expect(mergeDocuments(base, base, remote), `seed ${seed}`).toEqual(remote)
    })
  })

  it('merge(base, x, x) is x', () => {
    forEachTriple((base, local, _remote, seed) => {
      expect(mergeDocuments(base, local, clone(local)), `seed ${seed}`).toEqual(local)
    })
  })

  it('never loses a value changed on one side only', () => {
    forEachTriple((base, local, remote, seed) => {
      const merged = leaves(mergeDocuments(base, local, remote))
      const [b, l, r] = [leaves(base), leaves(local), leaves(remote)]
      for (const [side, other] of [
        [l, r],
        [r, l],
      ] as const) {
        for (const [path, value] of side) {
          const changedHere = !jsonEqual(value, b.get(path))
          const unchangedThere = jsonEqual(other.get(path), b.get(path))
          if (changedHere && unchangedThere)
            expect(merged.get(path), `seed ${seed} ${path}`).toEqual(value)
        }
      }
    })
  })

  it('resolves a value changed on both sides to the later side (remote on ties)', () => {
    forEachTriple((base, local, remote, seed) => {
      const merged = leaves(mergeDocuments(base, local, remote))
      const winner =
        Number(local.updatedAt) > Number(remote.updatedAt) ? leaves(local) : leaves(remote)
      const [b, l, r] = [leaves(base), leaves(local), leaves(remote)]
      for (const [path, value] of l) {
        if (!r.has(path) || jsonEqual(value, b.get(path)) || jsonEqual(r.get(path), b.get(path)))
          continue
        expect(merged.get(path), `seed ${seed} ${path}`).toEqual(winner.get(path))
      }
    })
  })

  it('invents nothing: every merged value comes from base, local or remote', () => {
    forEachTriple((base, local, remote, seed) => {
      const merged = mergeDocuments(base, local, remote)
      const [b, l, r] = [leaves(base), leaves(local), leaves(remote)]
      for (const [path, value] of leaves(merged)) {
        const known = [b, l, r].some((m) => m.has(path) && jsonEqual(m.get(path), value))
        expect(known, `seed ${seed} ${path}`).toBe(true)
      }
      expect(merged.updatedAt).toBe(Math.max(Number(local.updatedAt), Number(remote.updatedAt)))
      expect(merged._deleted).toBe(false)
    })
  })

  it('keeps every element added on either side, once', () => {
    forEachTriple((base, local, remote, seed) => {
      const ids = asItems(mergeDocuments(base, local, remote).items).map((el) => String(el.id))
      expect(new Set(ids).size, `seed ${seed}`).toBe(ids.length)
      const baseIds = new Set(asItems(base.items).map((el) => String(el.id)))
      for (const el of [...asItems(local.items), ...asItems(remote.items)]) {
        if (!baseIds.has(String(el.id))) expect(ids, `seed ${seed}`).toContain(String(el.id))
      }
    })
  })

  it('drops an element only when one side removed it and the other left it untouched', () => {
    forEachTriple((base, local, remote, seed) => {
      const ids = new Set(
        asItems(mergeDocuments(base, local, remote).items).map((el) => String(el.id)),
      )
      const byId = (doc: JsonRecord) => new Map(asItems(doc.items).map((el) => [String(el.id), el]))
      const [l, r] = [byId(local), byId(remote)]
      for (const [id, baseEl] of byId(base)) {
        const edited = [l.get(id), r.get(id)].some(
          (el) => el !== undefined && !jsonEqual(el, baseEl),
        )
        const removed = !l.has(id) || !r.has(id)
        expect(ids.has(id), `seed ${seed} ${id}`).toBe(edited || !removed)
      }
    })
  })
})
