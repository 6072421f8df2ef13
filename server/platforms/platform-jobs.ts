import { z } from 'zod'
import { docId } from '../../shared/data/fields'
import { createLogger } from '../../shared/logger'
import { REFRESH_AHEAD_MS } from '../../shared/platform/tiktok-facts'
import { scanForPoll } from '../deals/brand-replies'
import { JobFailed, LeaseLost, PauseJob } from '../jobs/errors'
import { cancelAccountJobs, sharedEffect } from '../jobs/queue'
import type { FinishOptions, JobContext, JobHandler } from '../jobs/runner'
import { patchAccount, readAccount } from './account-doc'
import type { PlatformConnector, PlatformVideo, VideoPage } from './connector'
import type { PlatformEvent } from './events'
import {
  ingestAccountDays,
  ingestEvents,
  ingestPostDays,
  ingestVideos,
  loadAccountIndex,
} from './ingest/ingest'
import { anyInvitationDue, invitationsDue } from './ingest/deal-ingest'
import type { IngestContext } from './ingest/to-docs'
import {
  deleteLink,
  loadLink,
  markSynced,
  setEventCursor,
  setEventCursors,
  type CursorMove,
  type LinkKey,
  type StoredLink,
} from './links'
import { connectorFor, credentialsFor, withCredentials, type PlatformCore } from './services'

const log = createLogger('platform-jobs')

/**
 * The platform layer's durable jobs, per linked account:
 * - `platform.backfill` once on link: the account's videos, up to a year of daily history where
 *   the platform has it (the sandbox), the year's business events, then today's numbers;
 * - `platform.sync` daily (and on "Sync now"): videos, today's numbers, days since the last sync,
 *   and new events;
 * - `platform.events` every 15 minutes where the platform has a feed: new events only;
 * - `platform.refresh` before the access token expires.
 * Each job reschedules its successor with a dedupe key per time slot, so a retried or repeated
 * job never leaves two successors.
 */
export const JOB_KINDS = {
  backfill: 'platform.backfill',
  sync: 'platform.sync',
  events: 'platform.events',
  refresh: 'platform.refresh',
} as const

const DAY_MS = 86_400_000
export const EVENTS_EVERY_MS = 15 * 60_000
const HISTORY_DAYS = 365
const MAX_VIDEO_PAGES = 500

const payloadSchema = z.strictObject({
  workspaceId: docId,
  accountId: docId,
  /** A scheduled sync schedules the next one; "Sync now" does not. */
  scheduled: z.boolean().optional(),
})
type Payload = z.infer<typeof payloadSchema>

function payloadOf(ctx: JobContext): Payload {
  const parsed = payloadSchema.safeParse(ctx.job.payload)
  if (!parsed.success) throw new JobFailed('the job payload is not valid')
  return parsed.data
}

function isoDay(t: number): string {
  return new Date(Math.floor(t / DAY_MS) * DAY_MS).toISOString().slice(0, 10)
}

export function syncDedupeKey(accountId: string, slot: number | 'now'): string {
  return `platform.sync:${accountId}:${slot}`
}

/** Schedules the jobs a freshly linked account needs. */
export async function scheduleAfterLink(
  services: PlatformCore,
  key: LinkKey,
  enqueue: JobContext['enqueue'],
): Promise<void> {
  const now = services.clock.now()
  const link = await loadLink(services.database.db, services.vault, key)
  if (!link?.tokens) return
  const connector = connectorFor(services, link.platform)
  const base = { workspaceId: key.workspaceId, accountId: key.accountId }
  const nextDay = (Math.floor(now / DAY_MS) + 1) * DAY_MS + 2 * 3_600_000
  await enqueue({
    kind: JOB_KINDS.sync,
    payload: { ...base, scheduled: true },
    runAt: nextDay,
    dedupeKey: syncDedupeKey(key.accountId, Math.floor(nextDay / DAY_MS)),
    ...base,
  })
  if (connector.capabilities.events) {
    const at = (Math.floor(now / EVENTS_EVERY_MS) + 1) * EVENTS_EVERY_MS
    await enqueue({
      kind: JOB_KINDS.events,
      payload: base,
      runAt: at,
      dedupeKey: `platform.events:${key.accountId}:${at / EVENTS_EVERY_MS}`,
      ...base,
    })
  }
  const refreshAt = link.tokens.accessExpiresAt - REFRESH_AHEAD_MS
  await enqueue({
    kind: JOB_KINDS.refresh,
    payload: base,
    runAt: refreshAt,
    dedupeKey: `platform.refresh:${key.accountId}:${link.tokens.accessExpiresAt}`,
    ...base,
  })
}

async function allVideos(
  call: (cursor: string | null) => Promise<VideoPage>,
): Promise<PlatformVideo[]> {
  const videos: PlatformVideo[] = []
  let cursor: string | null = null
  for (let page = 0; page < MAX_VIDEO_PAGES; page += 1) {
    const result = await call(cursor)
    videos.push(...result.videos)
    if (!result.hasMore || result.cursor === null) break
    cursor = result.cursor
  }
  return videos
}

/**
 * Marks the account as syncing, runs `body`, and on failure puts the status back with the reason
 * (the runner retries). A paused or superseded job leaves the status to whoever changed it.
 */
async function asSync(
  services: PlatformCore,
  ctx: JobContext,
  key: LinkKey,
  body: () => Promise<void>,
): Promise<void> {
  const alive = await ctx.write(key.workspaceId, async (w) => {
    const account = await readAccount(w, key.accountId)
    if (!account || account._deleted) return false
    await patchAccount(w, key.accountId, { link: { state: 'syncing' } }, services.clock.now())
    return true
  })
  if (!alive) {
    await forgetAccount(services, ctx, key)
    return
  }
  try {
    await body()
  } catch (error) {
    if (!(error instanceof PauseJob) && !(error instanceof LeaseLost)) {
      const problem = `The last sync failed: ${error instanceof Error ? error.message : String(error)}`
      await ctx
        .write(key.workspaceId, (w) =>
          patchAccount(
            w,
            key.accountId,
            { link: { state: 'linked', problem: problem.slice(0, 500) } },
            services.clock.now(),
          ),
        )
        .catch(() => undefined)
    }
    throw error
  }
}

/** The account was deleted: stop syncing it and drop its tokens. */
async function forgetAccount(services: PlatformCore, ctx: JobContext, key: LinkKey): Promise<void> {
  const link = await loadLink(services.database.db, services.vault, key)
  if (link?.tokens) {
    await connectorFor(services, link.platform)
      .revoke(link.tokens)
      .catch(() => undefined)
  }
  await ctx.transaction(async (trx) => {
    await deleteLink(trx, key)
    await cancelAccountJobs(trx, key.accountId, services.clock.now())
  })
}

interface SyncPlan {
  /** First day of history to read (inclusive); null = none. */
  historyFrom: string | null
  /** Read events from here (null: the connector's start of history). */
  eventCursor: string | null
}

/** One sync of one account: videos, numbers, history and events, written as they arrive. */
async function runSync(
  services: PlatformCore,
  ctx: JobContext,
  key: LinkKey,
  plan: SyncPlan,
): Promise<void> {
  const { clock } = services
  const now = clock.now()
  const ingest: IngestContext = { ...key, now }
  const { link } = await credentialsFor(services, key)
  const connector = connectorFor(services, link.platform)

  const videos = await withCredentials(services, key, (creds) =>
    allVideos((cursor) => connector.listVideos(creds, cursor)),
  )
  const stats = await withCredentials(services, key, (creds) => connector.accountStats(creds))
  const today = isoDay(now)
  const from = plan.historyFrom
  // Platform calls happen before the write transaction: nothing waits on the network holding it.
  const history =
    connector.capabilities.history && from !== null && from < today
      ? await withCredentials(services, key, (creds) =>
          connector.history(creds, { from, to: today, videoDays: 'all' }),
        )
      : null

  await ctx.write(key.workspaceId, async (w) => {
    const index = await loadAccountIndex(w, ingest)
    await ingestVideos(w, ingest, index, videos)
    if (history) {
      await ingestAccountDays(w, ingest, history.account)
      // Every day of every post, folded into post-month documents (daily for 90 days, weekly
      // after: server/analytics/metric-writes.ts).
      await ingestPostDays(w, ingest, index, history.videos)
    }
    // Today's numbers so far: the account's and each video's, as the platform reports them now.
    const totals = videos.reduce(
      (sum, v) => ({
        views: sum.views + v.counts.views,
        comments: sum.comments + v.counts.comments,
        shares: sum.shares + v.counts.shares,
        saves: sum.saves + (v.counts.saves ?? 0),
        watchTimeMs: sum.watchTimeMs + (v.counts.watchTimeMs ?? 0),
      }),
      { views: 0, comments: 0, shares: 0, saves: 0, watchTimeMs: 0 },
    )
    await ingestAccountDays(w, ingest, [
      {
        date: today,
        ...totals,
        likes: stats.likesCount,
        followers: stats.followerCount,
        profileViews: Math.round(totals.views * 0.0125),
      },
    ])
    await ingestPostDays(
      w,
      ingest,
      index,
      new Map(videos.map((v) => [v.id, [{ date: today, ...v.counts }]])),
    )
  })

  if (connector.capabilities.events) {
    const { events, cursor } = await readEvents(services, key, connector, plan.eventCursor, now)
    await writeEvents(ctx, key, ingest, events, cursor)
  }

  await ctx.write(
    key.workspaceId,
    async (w) => {
      await markSynced(w.trx, key, { now: clock.now() })
      await patchAccount(
        w,
        key.accountId,
        {
          followerCount: stats.followerCount,
          link: { state: 'linked', lastSyncedAt: clock.now(), problem: null },
        },
        clock.now(),
      )
    },
    { finish: { result: { videos: videos.length, followers: stats.followerCount } } },
  )
}

/** Every event after `cursor` up to `until`, over as many pages as the connector needs. */
async function readEvents(
  services: PlatformCore,
  key: LinkKey,
  connector: PlatformConnector,
  from: string | null,
  until: number,
  loaded?: StoredLink,
): Promise<{ events: PlatformEvent[]; cursor: string }> {
  const events: PlatformEvent[] = []
  let cursor = from
  for (;;) {
    const page = await withCredentials(
      services,
      key,
      (creds) => connector.events(creds, { cursor, until }),
      loaded,
    )
    events.push(...page.events)
    cursor = page.cursor
    if (!page.hasMore) return { events, cursor: page.cursor }
  }
}

/**
 * Writes a batch of events and moves the cursor past them in one transaction: an order and its
 * settlement read together give one settled entry, and a crash leaves either both or neither.
 */
async function writeEvents(
  ctx: JobContext,
  key: LinkKey,
  ingest: IngestContext,
  events: readonly PlatformEvent[],
  cursor: string,
  options?: FinishOptions,
): Promise<number> {
  // Nothing new: move the cursor without taking the workspace's write lock — unless a brand
  // invitation has just passed its 7 days and is to be marked expired (deal-ingest.ts).
  if (events.length === 0 && !(await ctx.transaction((trx) => invitationsDue(trx, ingest)))) {
    await ctx.transaction((trx) => setEventCursor(trx, key, cursor, ingest.now), options)
    return 0
  }
  return ctx.write(
    key.workspaceId,
    async (w) => {
      await setEventCursor(w.trx, key, cursor, ingest.now)
      const index = await loadAccountIndex(w, ingest)
      const tally = await ingestEvents(w, ingest, index, events)
      return tally.ledger + tally.deals + tally.messages + tally.products
    },
    options,
  )
}

export function platformJobHandlers(services: PlatformCore): JobHandler[] {
  const { clock } = services
  // Event polls finishing together move their cursors in one statement.
  const moveCursor = sharedEffect<CursorMove>((trx, moves) =>
    setEventCursors(trx, services.database.dialect, moves),
  )
  return [
    {
      kind: JOB_KINDS.backfill,
      // A year of a large account is seconds of work; the heartbeat renews beyond this anyway.
      leaseMs: 5 * 60_000,
      async run(ctx) {
        const key = payloadOf(ctx)
        await asSync(services, ctx, key, async () => {
          const now = clock.now()
          const historyStart = Math.floor(now / DAY_MS) * DAY_MS - HISTORY_DAYS * DAY_MS
          await runSync(services, ctx, key, {
            historyFrom: isoDay(historyStart),
            eventCursor: String(historyStart),
          })
          await scheduleAfterLink(services, key, ctx.enqueue)
        })
      },
    },
    {
      kind: JOB_KINDS.sync,
      async run(ctx) {
        const payload = payloadOf(ctx)
        const key = { workspaceId: payload.workspaceId, accountId: payload.accountId }
        await asSync(services, ctx, key, async () => {
          const link = await loadLink(services.database.db, services.vault, key)
          const last = link?.lastSyncedAt ?? clock.now() - DAY_MS
          await runSync(services, ctx, key, {
            // From the day of the last sync: that day's final numbers were not in yet then.
            historyFrom: isoDay(last),
            eventCursor: link?.eventCursor ?? null,
          })
        })
        if (payload.scheduled) {
          const next = (Math.floor(clock.now() / DAY_MS) + 1) * DAY_MS + 2 * 3_600_000
          await ctx.enqueue({
            kind: JOB_KINDS.sync,
            payload: { ...key, scheduled: true },
            runAt: next,
            dedupeKey: syncDedupeKey(key.accountId, Math.floor(next / DAY_MS)),
            ...key,
          })
        }
      },
    },
    {
      kind: JOB_KINDS.events,
      async run(ctx) {
        const key = payloadOf(ctx)
        const link = await loadLink(services.database.db, services.vault, key)
        if (!link) return
        const connector = connectorFor(services, link.platform)
        const until = clock.now()
        // Replies to brands pushed through another instance, which no notice told this one of,
        // and the account's open invitations (one read).
        const { openInvitations } = await scanForPoll(services.database, key, until)
        const { events, cursor } = await readEvents(
          services,
          key,
          connector,
          link.eventCursor,
          until,
          link,
        )
        const at = (Math.floor(until / EVENTS_EVERY_MS) + 1) * EVENTS_EVERY_MS
        const next = {
          kind: JOB_KINDS.events,
          payload: key,
          runAt: at,
          dedupeKey: `platform.events:${key.accountId}:${at / EVENTS_EVERY_MS}`,
          ...key,
        }
        const ingest = { ...key, now: until }
        // Nothing new (the common case): the cursor, the next poll and this job's success commit
        // together in the runner's shared completion batch — no workspace write lock, no
        // transaction of its own. The invitation check is a plain read: the write it would
        // lead to is lease-checked anyway.
        if (events.length === 0 && !anyInvitationDue(openInvitations, until)) {
          await ctx.finish({
            result: { events: 0 },
            shared: [moveCursor({ key, cursor, now: until })],
            enqueue: [next],
          })
          return
        }
        await writeEvents(ctx, key, ingest, events, cursor, {
          finish: { result: { events: events.length } },
        })
        await ctx.enqueueIfAbsent(next)
      },
    },
    {
      kind: JOB_KINDS.refresh,
      async run(ctx) {
        const key = payloadOf(ctx)
        const { link } = await credentialsFor(services, key)
        if (!link.tokens) return
        await ctx.enqueue({
          kind: JOB_KINDS.refresh,
          payload: key,
          runAt: link.tokens.accessExpiresAt - REFRESH_AHEAD_MS,
          dedupeKey: `platform.refresh:${key.accountId}:${link.tokens.accessExpiresAt}`,
          ...key,
        })
        log.info('platform token refreshed', { accountId: key.accountId })
      },
    },
  ]
}
