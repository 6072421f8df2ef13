/**
 * Field-level three-way merge of replicated documents (DESIGN §3: conflicts never lose work).
 *
 * `base` is the common ancestor (RxDB's `assumedMasterState`), `local` the client's fork, `remote`
 * the server's master. Rules, applied recursively:
 * - a value changed on one side only takes that side's value;
 * - a value changed on both sides to different values: plain objects merge key by key, arrays
 *   whose elements are all objects with a unique `id` merge by id (below), anything else (scalars,
 *   other arrays, type changes) takes the side whose document has the later `updatedAt` (ties go
 *   to remote, the server's copy being the one other devices already saw);
 * - arrays by id: elements added on either side are kept; an element removed on one side is
 *   removed unless the other side changed it (an edit beats a delete, so no edit is lost);
 *   elements on both sides merge recursively; order is remote's order, then local additions in
 *   local order;
 * - `updatedAt` of the result is the larger of the two;
 * - `_deleted` (tombstone): a delete on either side wins, unless the other side edited the
 *   document (any field besides `updatedAt`/`_deleted`) at a strictly later `updatedAt` (for a
 *   remote survivor: later or equal, as ties go to remote). A delete must not silently erase
 *   newer work, and a stale edit must not resurrect a document its owner deleted afterwards.
 *   Fields are merged either way, so a resurrected document carries both sides' edits;
 * - `remoteOwnedFields` (server-owned, top level) always take remote's value.
 * A missing `base` (the same id created on both sides) behaves as an empty document.
 */

export type JsonRecord = Record<string, unknown>

export interface MergeOptions {
  /** Top-level fields only the server writes: the result always carries remote's value. */
  remoteOwnedFields?: readonly string[]
}

export function isPlainObject(value: unknown): value is JsonRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function toRecord(value: object): JsonRecord {
  return Object.fromEntries(Object.entries(value))
}

/**
 * Structural equality of JSON values. Key order is ignored (Postgres `jsonb` reorders keys) and a
 * key holding `undefined` equals a missing key (JSON has no `undefined`).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]))
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const key of keys) if (!jsonEqual(a[key], b[key])) return false
    return true
  }
  return false
}

type Id = string | number

function elementId(value: unknown): Id | undefined {
  if (!isPlainObject(value)) return undefined
  const id = value.id
  return typeof id === 'string' || typeof id === 'number' ? id : undefined
}

/** Arrays whose every element is an object with a unique string/number `id` (vacuously: []). */
function isIdArray(value: unknown): value is JsonRecord[] {
  if (!Array.isArray(value)) return false
  const seen = new Set<Id>()
  for (const element of value) {
    const id = elementId(element)
    if (id === undefined || seen.has(id)) return false
    seen.add(id)
  }
  return true
}

function byId(values: readonly JsonRecord[]): Map<Id, JsonRecord> {
  const map = new Map<Id, JsonRecord>()
  for (const value of values) {
    const id = elementId(value)
    if (id !== undefined) map.set(id, value)
  }
  return map
}

/** Merge context: which side wins a field both sides changed. */
interface Ctx {
  localWins: boolean
}

function mergeValue(base: unknown, local: unknown, remote: unknown, ctx: Ctx): unknown {
  if (jsonEqual(local, remote)) return remote
  if (jsonEqual(base, local)) return remote
  if (jsonEqual(base, remote)) return local
  if (isPlainObject(local) && isPlainObject(remote)) {
    return mergeObject(isPlainObject(base) ? base : undefined, local, remote, ctx)
  }
  if (isIdArray(local) && isIdArray(remote)) {
    return mergeById(isIdArray(base) ? base : [], local, remote, ctx)
  }
  return ctx.localWins ? local : remote
}

function mergeObject(
  base: JsonRecord | undefined,
  local: JsonRecord,
  remote: JsonRecord,
  ctx: Ctx,
): JsonRecord {
  const out: JsonRecord = {}
  for (const key of unionKeys(remote, local)) {
    const value = mergeValue(base?.[key], local[key], remote[key], ctx)
    if (value !== undefined) out[key] = value
  }
  return out
}

function mergeById(
  base: JsonRecord[],
  local: JsonRecord[],
  remote: JsonRecord[],
  ctx: Ctx,
): JsonRecord[] {
  const baseById = byId(base)
  const localById = byId(local)
  const remoteById = byId(remote)
  const out: unknown[] = []
  for (const remoteEl of remote) {
    const id = elementId(remoteEl)
    if (id === undefined) continue
    const localEl = localById.get(id)
    const baseEl = baseById.get(id)
    if (localEl !== undefined) out.push(mergeValue(baseEl, localEl, remoteEl, ctx))
    // Added on remote, or removed on local while remote edited it: keep remote's element.
    else if (baseEl === undefined || !jsonEqual(baseEl, remoteEl)) out.push(remoteEl)
  }
  for (const localEl of local) {
    const id = elementId(localEl)
    if (id === undefined || remoteById.has(id)) continue
    const baseEl = baseById.get(id)
    if (baseEl === undefined || !jsonEqual(baseEl, localEl)) out.push(localEl)
  }
  return out.filter(isPlainObject)
}

function unionKeys(first: JsonRecord, second: JsonRecord): string[] {
  const keys = Object.keys(first)
  for (const key of Object.keys(second)) if (!(key in first)) keys.push(key)
  return keys
}

function updatedAtOf(doc: JsonRecord): number {
  return typeof doc.updatedAt === 'number' ? doc.updatedAt : 0
}

/** True when `doc` differs from `base` in anything but bookkeeping fields. */
function editedSince(base: JsonRecord, doc: JsonRecord): boolean {
  for (const key of unionKeys(base, doc)) {
    if (key === 'updatedAt' || key === '_deleted') continue
    if (!jsonEqual(base[key], doc[key])) return true
  }
  return false
}

function mergeDeleted(base: JsonRecord, local: JsonRecord, remote: JsonRecord): boolean {
  const baseDeleted = base._deleted === true
  const localDeleted = local._deleted === true
  const remoteDeleted = remote._deleted === true
  if (localDeleted === remoteDeleted) return localDeleted
  // Only one side changed the flag (e.g. restored a tombstone both had seen): take that change.
  if (baseDeleted) return false
  const localUpdated = updatedAtOf(local)
  const remoteUpdated = updatedAtOf(remote)
  if (remoteDeleted) {
    const localEditedLater = editedSince(base, local) && localUpdated > remoteUpdated
    return !localEditedLater
  }
  const remoteEditedLater = editedSince(base, remote) && remoteUpdated >= localUpdated
  return !remoteEditedLater
}

/**
 * Merges three versions of one document. Works on any JSON-shaped object; callers that need a
 * typed result validate it (see `createMerge` in define-collection.ts).
 */
export function mergeDocuments(
  base: object | undefined,
  local: object,
  remote: object,
  options: MergeOptions = {},
): JsonRecord {
  const b = base === undefined ? {} : toRecord(base)
  const l = toRecord(local)
  const r = toRecord(remote)
  const localWins = updatedAtOf(l) > updatedAtOf(r)

  let out: JsonRecord
  if (jsonEqual(b, r)) out = { ...l }
  else if (jsonEqual(b, l)) out = { ...r }
  else {
    out = mergeObject(b, l, r, { localWins })
    out._deleted = mergeDeleted(b, l, r)
  }
  out.updatedAt = Math.max(updatedAtOf(l), updatedAtOf(r))
  for (const field of options.remoteOwnedFields ?? []) {
    if (field in r) out[field] = r[field]
    else delete out[field]
  }
  return out
}
