import { TRPCError } from '@trpc/server'
import type { BaseDoc, CollectionDefinition } from '../../shared/data/collection-contract'
import { serverOwnedViolations } from '../../shared/data/server-owned'
import { jsonEqual } from '../../shared/data/merge'
import type { PushRow } from '../../shared/sync/protocol'
import type { Database } from '../db/connect'
import { writeTransaction } from '../db/transaction'
import {
  lockWorkspaceSeq,
  readMasters,
  storeWorkspaceSeq,
  writeDocs,
  type DocWrite,
} from './documents'
import { describeIssues, docIdOf } from './validate'

/** Decides whether the pushing member may write `next` over `master` (undefined on insert). */
export type WriteCheck = (
  next: Record<string, unknown>,
  master: Record<string, unknown> | undefined,
) => string | null

export interface PushRequest {
  workspaceId: string
  definition: CollectionDefinition
  rows: readonly PushRow[]
  mayWrite: WriteCheck
}

export interface PushResult {
  conflicts: Record<string, unknown>[]
  /** The workspace seq after the commit, or null when nothing was written. */
  committedSeq: number | null
}

const refuse = (code: 'BAD_REQUEST' | 'FORBIDDEN', message: string) =>
  new TRPCError({ code, message })

/** Schema, workspace and duplicate checks: pure, done before any lock is taken. */
function validateRows(request: PushRequest): { raw: Record<string, unknown>; doc: BaseDoc }[] {
  const { definition, workspaceId } = request
  const seen = new Set<string>()
  return request.rows.map(({ newDocumentState: doc }) => {
    const id = docIdOf(doc)
    const parsed = definition.schema.safeParse(doc)
    if (!parsed.success) throw refuse('BAD_REQUEST', describeIssues(id, parsed.error.issues))
    if (doc['workspaceId'] !== workspaceId) {
      throw refuse(
        'FORBIDDEN',
        `document ${id}: workspaceId does not match the workspace being pushed to`,
      )
    }
    if (seen.has(id)) throw refuse('BAD_REQUEST', `document ${id}: appears twice in one push`)
    seen.add(id)
    return { raw: doc, doc: parsed.data }
  })
}

/** Refusal message when the push touches what only the server writes, or null. */
function checkServerOwned(
  definition: CollectionDefinition,
  doc: BaseDoc,
  master: Record<string, unknown> | undefined,
): string | null {
  let stored: BaseDoc | undefined
  if (master) {
    const parsed = definition.schema.safeParse(master)
    // A stored master that no longer parses (older schema) is never overwritten blindly.
    if (!parsed.success) return `document ${doc.id}: the stored copy needs a server migration first`
    stored = parsed.data
  }
  const violations = serverOwnedViolations(definition, stored, doc)
  if (violations.length === 0) return null
  return `document ${doc.id}: only the server may set ${violations.join(', ')} (${definition.name})`
}

/**
 * One push, in one transaction: either every non-conflicting row is written with the next
 * workspace seqs, or (on any refusal) nothing is. Conflicts follow RxDB: when the client's
 * assumed master differs from the stored one (compared as parsed values), the stored master is
 * returned and the client merges and pushes again.
 */
export async function pushDocuments(database: Database, request: PushRequest): Promise<PushResult> {
  const rows = validateRows(request)
  const { definition, workspaceId } = request
  const collection = definition.name
  const now = Date.now()
  return writeTransaction(database, async (trx) => {
    const startSeq = await lockWorkspaceSeq(trx, database.dialect, workspaceId)
    const masters = await readMasters(
      trx,
      workspaceId,
      collection,
      rows.map((r) => r.doc.id),
    )
    const conflicts: Record<string, unknown>[] = []
    const writes: DocWrite[] = []
    let seq = startSeq
    for (const [i, { raw, doc }] of rows.entries()) {
      const master = masters.get(doc.id)?.data
      const assumed = request.rows[i]?.assumedMasterState
      if (master && (!assumed || !jsonEqual(assumed, master))) {
        conflicts.push(master)
        continue
      }
      const problem = checkServerOwned(definition, doc, master) ?? request.mayWrite(raw, master)
      if (problem) throw refuse('FORBIDDEN', problem)
      // A re-sent push whose acknowledgement was lost: already stored, nothing to do.
      if (master && jsonEqual(raw, master)) continue
      seq += 1
      writes.push({ doc: raw, seq, exists: master !== undefined })
    }
    if (seq === startSeq) return { conflicts, committedSeq: null }
    await writeDocs(trx, workspaceId, collection, writes, now)
    await storeWorkspaceSeq(trx, workspaceId, seq)
    return { conflicts, committedSeq: seq }
  })
}
