import { TRPCError } from '@trpc/server'
import { sql, type Kysely } from 'kysely'
import { can } from '../../shared/auth/permissions'
import { z } from 'zod'
import { dealSchema, type DealDoc } from '../../shared/data/collections/deals'
import { messageSchema, type MessageDoc } from '../../shared/data/collections/messages'
import { docId } from '../../shared/data/fields'
import { createLogger } from '../../shared/logger'
import type { Database } from '../db/connect'
import type { DB } from '../db/schema'
import { toNumber, fromJsonColumn } from '../db/values'
import { writeTransaction } from '../db/transaction'
import { PauseJob } from '../jobs/errors'
import { enqueueIfAbsent } from '../jobs/queue'
import type { JobContext, JobHandler } from '../jobs/runner'
import type { DealReply } from '../platforms/connector'
import { NotOfferedByPlatform, PlatformError } from '../platforms/errors'
import { loadLink } from '../platforms/links'
import { connectorFor, withCredentials, type PlatformCore } from '../platforms/services'
import type { ChangeBus } from '../sync/change-bus'
import { withWorkspaceWrite, type WorkspaceWrite } from '../sync/workspace-write'
import type { Member } from '../workspaces/members'

const log = createLogger('brand-replies')

/**
 * Replies to brands go out through a durable job, never from the client: a message to the brand
 * (a `messages` document with audience `brand`) or a creator's counter-offer on a deal that came
 * from a platform invitation. A scan finds replies not seen before and records each once in
 * `deal_replies` with its job, in one transaction — so a reply written offline is sent when it
 * reaches the server, once, whichever instance sees it. The job sends it through the account's
 * connector and writes how that went on the message (`delivery`, server-owned): sent, or failed
 * with the reason; Retry (deals router) queues it again.
 */
export const REPLY_JOB = 'deals.reply'
/** Attempts before a reply that keeps failing for a passing reason is shown as failed. */
export const REPLY_MAX_ATTEMPTS = 6

const payloadSchema = z.strictObject({
  workspaceId: docId,
  accountId: docId,
  dealId: docId,
  replyId: docId,
  kind: z.enum(['offer', 'message']),
  attempt: z.int().min(1),
})
export type ReplyPayload = z.infer<typeof payloadSchema>

export function replyDedupeKey(p: Pick<ReplyPayload, 'workspaceId' | 'replyId' | 'attempt'>) {
  return `${REPLY_JOB}:${p.workspaceId}:${p.replyId}:${p.attempt}`
}

export async function enqueueReply(
  db: Kysely<DB>,
  payload: ReplyPayload,
  now: number,
): Promise<void> {
  await enqueueIfAbsent(
    db,
    {
      kind: REPLY_JOB,
      payload,
      runAt: now,
      dedupeKey: replyDedupeKey(payload),
      workspaceId: payload.workspaceId,
      accountId: payload.accountId,
      maxAttempts: REPLY_MAX_ATTEMPTS,
    },
    now,
  )
}

type Candidate = Omit<ReplyPayload, 'attempt'>

interface ScanRead {
  found: Candidate[]
  /** The deals of `invitationsOf` still at the invitation stage (when asked for). */
  invitations: DealDoc[]
}

/**
 * Brand messages not yet delivered, and counter-offers on deals still being negotiated — and,
 * for an event poll, its account's open invitations — in one read of the workspace's messages
 * and deals (a poll runs every few minutes per account: one statement, not three).
 */
async function readScan(
  database: Database,
  workspaceId: string | null,
  invitationsOf: string | null,
): Promise<ScanRead> {
  const pg = database.dialect === 'postgres'
  const unsent = pg
    ? sql<boolean>`data->>'audience' = 'brand' and data->'author'->>'kind' = 'user'
        and (data->>'delivery') is null`
    : sql<boolean>`json_extract(data, '$.audience') = 'brand'
        and json_extract(data, '$.author.kind') = 'user'
        and json_extract(data, '$.delivery') is null`
  const negotiating = pg
    ? sql<boolean>`data->>'state' = 'negotiating' and (data->>'invitation') is not null`
    : sql<boolean>`json_extract(data, '$.state') = 'negotiating'
        and json_extract(data, '$.invitation') is not null`
  const invited = pg
    ? sql<boolean>`data->>'state' = 'invitation'`
    : sql<boolean>`json_extract(data, '$.state') = 'invitation'`
  let query = database.db
    .selectFrom('documents')
    .select(['workspace_id', 'collection', 'account_id', 'data'])
    .where('collection', 'in', ['messages', 'deals'])
    .where('deleted', '=', 0)
    .where((eb) =>
      eb.or([
        eb.and([eb('collection', '=', 'messages'), unsent]),
        eb.and([
          eb('collection', '=', 'deals'),
          invitationsOf === null
            ? negotiating
            : eb.or([negotiating, eb.and([eb('account_id', '=', invitationsOf), invited])]),
        ]),
      ]),
    )
  if (workspaceId) query = query.where('workspace_id', '=', workspaceId)
  const found: Candidate[] = []
  const invitations: DealDoc[] = []
  for (const row of await query.execute()) {
    if (row.collection === 'messages') {
      const m = messageSchema.safeParse(fromJsonColumn(row.data))
      if (!m.success) continue
      found.push({
        workspaceId: row.workspace_id,
        accountId: m.data.accountId,
        dealId: m.data.dealId,
        replyId: m.data.id,
        kind: 'message',
      })
      continue
    }
    const d = dealSchema.safeParse(fromJsonColumn(row.data))
    if (!d.success) continue
    if (d.data.state === 'invitation') {
      if (row.account_id === invitationsOf) invitations.push(d.data)
      continue
    }
    if (d.data.state !== 'negotiating' || !d.data.invitation) continue
    for (const offer of d.data.offers)
      if (offer.from === 'creator')
        found.push({
          workspaceId: row.workspace_id,
          accountId: d.data.accountId,
          dealId: d.data.id,
          replyId: offer.id,
          kind: 'offer',
        })
  }
  return { found, invitations }
}

/**
 * Records the replies not seen before and queues their jobs (one transaction per reply: its
 * record and its job commit together). Returns how many were queued.
 */
export async function scanBrandReplies(
  database: Database,
  workspaceId: string | null,
  now: number,
): Promise<number> {
  const { found } = await readScan(database, workspaceId, null)
  return queueReplies(database, found, now)
}

/**
 * The event poll's look at its workspace: queues replies pushed through another instance (which
 * no notice told this one of) and returns the account's open invitations, for the expiry check —
 * one read for both.
 */
export async function scanForPoll(
  database: Database,
  key: { workspaceId: string; accountId: string },
  now: number,
): Promise<{ queued: number; openInvitations: DealDoc[] }> {
  const { found, invitations } = await readScan(database, key.workspaceId, key.accountId)
  return { queued: await queueReplies(database, found, now), openInvitations: invitations }
}

async function queueReplies(
  database: Database,
  found: readonly Candidate[],
  now: number,
): Promise<number> {
  if (found.length === 0) return 0
  const known = new Set(
    (
      await database.db
        .selectFrom('deal_replies')
        .select(['workspace_id', 'reply_id'])
        .where(
          'reply_id',
          'in',
          found.map((c) => c.replyId),
        )
        .execute()
    ).map((r) => `${r.workspace_id}/${r.reply_id}`),
  )
  let queued = 0
  for (const c of found) {
    if (known.has(`${c.workspaceId}/${c.replyId}`)) continue
    await writeTransaction(database, async (trx) => {
      const inserted = await trx
        .insertInto('deal_replies')
        .values({
          workspace_id: c.workspaceId,
          reply_id: c.replyId,
          account_id: c.accountId,
          deal_id: c.dealId,
          kind: c.kind,
          state: 'queued',
          attempt: 1,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'reply_id']).doNothing())
        .returning(['reply_id'])
        .executeTakeFirst()
      if (!inserted) return
      await enqueueReply(trx, { ...c, attempt: 1 }, now)
      queued += 1
    })
  }
  return queued
}

/** What the job needs, read from the workspace: the deal, and the message when it is one. */
async function readReply(
  db: Kysely<DB>,
  p: ReplyPayload,
): Promise<{ deal: DealDoc | null; message: MessageDoc | null }> {
  const rows = await db
    .selectFrom('documents')
    .select(['collection', 'id', 'data', 'deleted'])
    .where('workspace_id', '=', p.workspaceId)
    .where((eb) =>
      eb.or([
        eb.and([eb('collection', '=', 'deals'), eb('id', '=', p.dealId)]),
        eb.and([eb('collection', '=', 'messages'), eb('id', '=', p.replyId)]),
      ]),
    )
    .execute()
  let deal: DealDoc | null = null
  let message: MessageDoc | null = null
  for (const row of rows) {
    if (toNumber(row.deleted) !== 0) continue
    const data = fromJsonColumn(row.data)
    if (row.collection === 'deals') deal = dealSchema.safeParse(data).data ?? null
    else message = messageSchema.safeParse(data).data ?? null
  }
  return { deal, message }
}

async function setState(
  trx: Kysely<DB>,
  p: ReplyPayload,
  state: 'sent' | 'failed',
  now: number,
): Promise<void> {
  await trx
    .updateTable('deal_replies')
    .set({ state, updated_at: now })
    .where('workspace_id', '=', p.workspaceId)
    .where('reply_id', '=', p.replyId)
    .where('attempt', '=', p.attempt)
    .execute()
}

/** Writes the outcome on the message (as the server: `delivery` is server-owned). */
async function deliver(
  w: WorkspaceWrite,
  p: ReplyPayload,
  delivery: MessageDoc['delivery'],
  now: number,
): Promise<void> {
  if (p.kind !== 'message') return
  const stored = messageSchema.safeParse((await w.read('messages', [p.replyId])).get(p.replyId))
  if (!stored.success || stored.data._deleted) return
  await w.write('messages', [
    { ...stored.data, delivery, updatedAt: Math.max(now, stored.data.updatedAt + 1) },
  ])
}

export function brandReplyJobHandler(services: PlatformCore): JobHandler {
  const { clock } = services
  const finish = async (ctx: JobContext, p: ReplyPayload, error: string | null) => {
    const now = clock.now()
    await ctx.write(
      p.workspaceId,
      async (w) => {
        await setState(w.trx, p, error === null ? 'sent' : 'failed', now)
        await deliver(
          w,
          p,
          {
            state: error === null ? 'sent' : 'failed',
            error: error?.slice(0, 1000) ?? null,
            at: now,
          },
          now,
        )
      },
      { finish: { result: { sent: error === null } } },
    )
    if (error) log.info('reply to brand not sent', { replyId: p.replyId, reason: error })
  }

  return {
    kind: REPLY_JOB,
    async run(ctx) {
      const parsed = payloadSchema.safeParse(ctx.job.payload)
      if (!parsed.success) return
      const p = parsed.data
      const { deal, message } = await ctx.transaction((trx) => readReply(trx, p))
      if (!deal || (p.kind === 'message' && !message))
        return finish(ctx, p, 'The deal or the message was deleted before it could be sent.')
      const offer = deal.offers.find((o) => o.id === p.replyId && o.from === 'creator')
      if (p.kind === 'offer' && !offer)
        return finish(ctx, p, 'The counter-offer is no longer on the deal.')
      if (!deal.invitation)
        return finish(
          ctx,
          p,
          'This deal was recorded by hand, so there is no platform conversation to send it to — write to the brand directly.',
        )
      const key = { workspaceId: p.workspaceId, accountId: p.accountId }
      const link = await loadLink(services.database.db, services.vault, key)
      if (!link)
        return finish(
          ctx,
          p,
          'The account is not linked to a platform any more — link it again, then Retry.',
        )
      const connector = connectorFor(services, link.platform)
      // A counter-offer to a platform without replies is recorded here only: nothing to show.
      if (p.kind === 'offer' && !connector.capabilities.dealReplies)
        return finish(ctx, p, 'The platform offers no way to send counter-offers.')
      const reply: DealReply = {
        invitationId: deal.invitation.id,
        replyId: p.replyId,
        body: message?.body ?? offer?.note ?? '',
        offer: offer
          ? {
              amountMinor: offer.amountMinor,
              currency: offer.currency,
              paymentTerms: offer.paymentTerms,
            }
          : null,
      }
      try {
        await withCredentials(
          services,
          key,
          (creds) => connector.sendDealMessage(creds, reply),
          link,
        )
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        if (error instanceof PauseJob) return finish(ctx, p, `${reason} Then Retry.`)
        if (error instanceof NotOfferedByPlatform) return finish(ctx, p, reason)
        if (error instanceof PlatformError && !error.retryable) return finish(ctx, p, reason)
        // A passing failure: the runner tries again with backoff, and the last try says so.
        if (ctx.lease.attempt >= ctx.job.maxAttempts)
          return finish(ctx, p, `Not sent after ${ctx.lease.attempt} tries: ${reason}`)
        throw error
      }
      await finish(ctx, p, null)
    },
  }
}

/**
 * Scans a workspace for new replies shortly after its deals or messages change (and everything
 * once at start). The platform's event job scans its account's workspace too, so a reply pushed
 * to another instance is picked up within one event poll even when no notice reached this one.
 */
export function startReplyScanner(options: {
  database: Database
  bus: ChangeBus
  wake: () => void
  now: () => number
}): () => void {
  const pending = new Set<string>()
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> = Promise.resolve()
  const scan = (workspaceId: string | null) => {
    running = running
      .then(async () => {
        if ((await scanBrandReplies(options.database, workspaceId, options.now())) > 0)
          options.wake()
      })
      .catch((error: unknown) => log.error('reply scan failed', { error: String(error) }))
  }
  const stop = options.bus.subscribe((event) => {
    if (event.type !== 'commit') return
    if (!event.collections.includes('messages') && !event.collections.includes('deals')) return
    pending.add(event.workspaceId)
    timer ??= setTimeout(() => {
      timer = null
      for (const id of pending) scan(id)
      pending.clear()
    }, 50)
  })
  scan(null)
  return () => {
    stop()
    if (timer) clearTimeout(timer)
  }
}

/**
 * Retry of a reply whose send failed: its author (or an owner or manager) queues it again. In
 * one workspace write the message shows "sending" again, the reply's record moves to its next
 * attempt and that attempt's job is queued.
 */
export async function retryBrandReply(
  database: Database,
  bus: ChangeBus,
  member: Member,
  input: { workspaceId: string; messageId: string },
  now: number,
): Promise<void> {
  await withWorkspaceWrite(database, bus, input.workspaceId, async (w) => {
    const parsed = messageSchema.safeParse(
      (await w.read('messages', [input.messageId])).get(input.messageId),
    )
    if (!parsed.success || parsed.data._deleted || !can(member, 'read', 'messages', parsed.data))
      throw new TRPCError({ code: 'NOT_FOUND', message: 'there is no such message' })
    const message = parsed.data
    if (message.author.userId !== member.userId && !can(member, 'removeMember'))
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'only its author or an owner or manager can send a message again',
      })
    if (message.audience !== 'brand' || message.delivery?.state !== 'failed')
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'only a message to the brand that failed to send can be sent again',
      })
    const row = await w.trx
      .selectFrom('deal_replies')
      .select(['attempt'])
      .where('workspace_id', '=', input.workspaceId)
      .where('reply_id', '=', message.id)
      .executeTakeFirst()
    const attempt = (row?.attempt ?? 0) + 1
    const record = {
      account_id: message.accountId,
      deal_id: message.dealId,
      kind: 'message',
      state: 'queued',
      attempt,
      updated_at: now,
    }
    if (row)
      await w.trx
        .updateTable('deal_replies')
        .set(record)
        .where('workspace_id', '=', input.workspaceId)
        .where('reply_id', '=', message.id)
        .execute()
    else
      await w.trx
        .insertInto('deal_replies')
        .values({
          ...record,
          workspace_id: input.workspaceId,
          reply_id: message.id,
          created_at: now,
        })
        .execute()
    await enqueueReply(
      w.trx,
      {
        workspaceId: input.workspaceId,
        accountId: message.accountId,
        dealId: message.dealId,
        replyId: message.id,
        kind: 'message',
        attempt,
      },
      now,
    )
    await w.write('messages', [
      { ...message, delivery: null, updatedAt: Math.max(now, message.updatedAt + 1) },
    ])
  })
}
