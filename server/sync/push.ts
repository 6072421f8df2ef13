import { TRPCError } from '@trpc/server'
import { can } from '../../shared/auth/permissions'
import type { BaseDoc, CollectionDefinition } from '../../shared/data/collection-contract'
import { jsonEqual } from '../../shared/data/merge'
import type { CollectionDocs } from '../../shared/data/registry'
import { serverOwnedViolations } from '../../shared/data/server-owned'
import type { PushOutput, PushRow, RowRefusal } from '../../shared/sync/protocol'
import { workspaceSchema } from '../../shared/data/collections/workspaces'
import { createLogger } from '../../shared/logger'
import { approvalContextOf } from '../../shared/publishing/workspace-approvals'
import {
  checkTransition,
  type Actor,
  type TransitionContext,
} from '../../shared/workflow/transitions'
import type { Database } from '../db/connect'
import { writeTransaction } from '../db/transaction'
import {
  lockWorkspaceSeq,
  readMasters,
  storeWorkspaceSeq,
  writeDocs,
  type DocWrite,
} from './documents'
import { describeIssues, docIdOf } from '../../shared/data/describe-issues'

const log = createLogger('push')

export interface PushRequest {
  workspaceId: string
  definition: CollectionDefinition
  rows: readonly PushRow[]
  actor: Actor
}

export interface PushResult extends Omit<PushOutput, 'seq'> {
  /** The workspace seq after the commit, or null when nothing was written. */
  committedSeq: number | null
}

const accountOf = (doc: Record<string, unknown>) => ({
  accountId: typeof doc['accountId'] === 'string' ? doc['accountId'] : null,
})

/**
 * The one refusal for a document the member may not touch, whether or not it exists: the
 * answer must not tell an outsider that an id is taken, let alone what it holds.
 */
function notYours(request: PushRequest, id: string): RowRefusal {
  return {
    id,
    kind: 'forbidden',
    reason: `document ${id}: your role (${request.actor.role}) cannot change this ${request.definition.name} document`,
  }
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

type RowVerdict =
  | { kind: 'write'; doc: Record<string, unknown> }
  | { kind: 'same' }
  | { kind: 'conflict'; master: Record<string, unknown> }
  | { kind: 'refused'; refusal: RowRefusal }

/**
 * One row's fate, in the order that keeps answers from leaking: authorization on the stored
 * document comes before the conflict check, because a conflict answer carries the stored copy.
 */
function judgeRow(
  request: PushRequest,
  row: PushRow,
  parsed: BaseDoc,
  master: Record<string, unknown> | undefined,
  context: TransitionContext,
): RowVerdict {
  const { actor, definition } = request
  const collection = definition.name
  const id = parsed.id
  if (master && !can(actor, 'read', collection, accountOf(master)))
    return { kind: 'refused', refusal: notYours(request, id) }
  const assumed = row.assumedMasterState
  if (master && (!assumed || !jsonEqual(assumed, master))) return { kind: 'conflict', master }
  const next = row.newDocumentState
  if (
    !can(actor, 'write', collection, accountOf(next)) ||
    (master && !can(actor, 'write', collection, accountOf(master)))
  ) {
    return { kind: 'refused', refusal: notYours(request, id) }
  }
  const owned = checkServerOwned(definition, parsed, master)
  if (owned) return { kind: 'refused', refusal: { id, kind: 'forbidden', reason: owned } }
  const before = master
    ? (definition.schema.safeParse(master).data as CollectionDocs[typeof collection] | undefined)
    : undefined
  const verdict = checkTransition(
    collection,
    actor,
    before,
    parsed as CollectionDocs[typeof collection],
    context,
  )
  if (!verdict.ok) {
    return {
      kind: 'refused',
      refusal: { id, kind: 'forbidden', reason: `document ${id}: ${verdict.reason}` },
    }
  }
  // The rule may have normalised the document (an edited approved post returns to pending).
  const doc = jsonEqual(verdict.doc, parsed)
    ? next
    : (verdict.doc as unknown as Record<string, unknown>)
  // A re-sent push whose acknowledgement was lost: already stored, nothing to do.
  if (master && jsonEqual(doc, master)) return { kind: 'same' }
  return { kind: 'write', doc }
}

/**
 * One push, in one transaction. Each row is judged on its own: written, a conflict (RxDB
 * semantics: the client's assumed master differs from the stored one, compared as parsed values;
 * the stored master goes back to be merged), or refused with its reason — a refused row is that
 * document's problem, the rest of the push is written. Only a malformed request (a document of
 * another workspace, the same id twice) refuses the whole push.
 */
export async function pushDocuments(database: Database, request: PushRequest): Promise<PushResult> {
  const { definition, workspaceId } = request
  const seen = new Set<string>()
  const refused: RowRefusal[] = []
  const candidates: { row: PushRow; doc: BaseDoc }[] = []
  for (const row of request.rows) {
    const raw = row.newDocumentState
    const id = docIdOf(raw)
    if (raw['workspaceId'] !== workspaceId) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `document ${id}: workspaceId does not match the workspace being pushed to`,
      })
    }
    if (seen.has(id))
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `document ${id}: appears twice in one push`,
      })
    seen.add(id)
    const parsed = definition.schema.safeParse(raw)
    if (parsed.success) candidates.push({ row, doc: parsed.data })
    else refused.push({ id, kind: 'invalid', reason: describeIssues(id, parsed.error.issues) })
  }
  if (candidates.length === 0) return { conflicts: [], refused, committedSeq: null }
  const now = Date.now()
  return writeTransaction(database, async (trx) => {
    const startSeq = await lockWorkspaceSeq(trx, database.dialect, workspaceId)
    const masters = await readMasters(
      trx,
      workspaceId,
      definition.name,
      candidates.map((c) => c.doc.id),
    )
    // Posts follow their account's approval policy (workspace settings), read in this transaction.
    let context: TransitionContext = {}
    if (definition.name === 'posts') {
      const stored = (await readMasters(trx, workspaceId, 'workspaces', [workspaceId])).get(
        workspaceId,
      )?.data
      const workspace = workspaceSchema.safeParse(stored)
      if (stored !== undefined && !workspace.success)
        log.error('workspace settings unreadable; approvals fail closed', { workspaceId })
      context = approvalContextOf(
        workspace.success ? workspace.data : stored === undefined ? null : 'unreadable',
      )
    }
    const conflicts: Record<string, unknown>[] = []
    const writes: DocWrite[] = []
    let seq = startSeq
    for (const { row, doc } of candidates) {
      const master = masters.get(doc.id)?.data
      const verdict = judgeRow(request, row, doc, master, context)
      if (verdict.kind === 'conflict') conflicts.push(verdict.master)
      else if (verdict.kind === 'refused') refused.push(verdict.refusal)
      else if (verdict.kind === 'write') {
        seq += 1
        writes.push({ doc: verdict.doc, seq, exists: master !== undefined })
      }
    }
    if (seq === startSeq) return { conflicts, refused, committedSeq: null }
    await writeDocs(trx, workspaceId, definition.name, writes, now)
    await storeWorkspaceSeq(trx, workspaceId, seq)
    return { conflicts, refused, committedSeq: seq }
  })
}
