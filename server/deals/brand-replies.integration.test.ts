import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dealSchema, type DealDoc } from '../../shared/data/collections/deals'
import type { MessageDoc } from '../../shared/data/registry'
import { uuidv7 } from '../../shared/data/ids'
import { actorOf, counterOffer } from '../../shared/deals/deal-edits'
import { openDatabase, type Database } from '../db/connect'
import { ManualClock } from '../jobs/clock'
import { createPlatformServices } from '../platforms/create-services'
import type { EventOf } from '../platforms/events'
import { linkSandboxAccount } from '../platforms/linking'
import type { PlatformServices } from '../platforms/services'
import { OFFER_ANSWER_DELAY_MS } from '../platforms/sandbox/brand-answers'
import { dayOf } from '../platforms/sandbox/identity'
import { Simulation } from '../platforms/sandbox/simulation'
import { ChangeBus } from '../sync/change-bus'
import { createAgency, docOf, pushAll, type Agency, type TestUser } from '../test-support/agency'
import { testBackends, useHarness } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'

/**
 * Issue 13 (replies to brands) through a real server process: members push counter-offers and
 * messages to the server, which judges them on the push path; the platform jobs run against the
 * same store on a ManualClock (the server process runs none: REELDESK_JOBS=off), so the sandbox
 * brand's delay of hours passes in a step. The brand's answers arrive through the same event
 * ingest as every platform event, and are read back through the server.
 */
const MINUTE = 60_000
const config = {
  secret: 'a test secret that is long enough',
  tiktok: null,
  publicOrigins: [],
  jobs: { enabled: false, concurrency: 4, leaseMs: 60_000, pollMs: 1_000 },
}

/** A 12k seed with one invitation open now and for the next two days. */
function openInvitationAt(now: number): { seed: number; invitation: EventOf<'brand.invitation'> } {
  const linkDay = dayOf(now)
  for (let seed = 1; seed < 5000; seed += 1) {
    const sim = new Simulation({ size: '12k', seed, linkDay })
    for (let day = linkDay - 6; day <= linkDay; day += 1)
      for (const event of sim.eventsOfDay(day))
        if (
          event.type === 'brand.invitation' &&
          event.occurredAt < now - MINUTE &&
          event.expiresAt > now + 2 * 86_400_000
        )
          return { seed, invitation: event }
  }
  throw new Error('no seed with an open invitation')
}

/**
 * Runs the jobs due now, then yields to the event loop: on SQLite the in-process jobs block it
 * (synchronous driver) for seconds, and the HTTP client must see the server's closing of idle
 * keep-alive sockets before the next call, or it writes that call on a closed one.
 */
async function drainAndSettle(services: PlatformServices): Promise<void> {
  await services.runner.drain()
  await new Promise((resolve) => setTimeout(resolve, 50))
}

describe.each(testBackends())('replies to brands through a real server on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  let agency: Agency
  let editor: TestUser
  let database: Database
  let clock: ManualClock
  let services: PlatformServices
  let accountId: string
  let invitation: EventOf<'brand.invitation'>

  beforeAll(async () => {
    const store = await harness.newStore()
    server = await harness.start(store, { env: { REELDESK_JOBS: 'off' } })
    agency = await createAgency(server.url)
    editor = await agency.join('editor')
    database = openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })
    const now = Date.now()
    clock = new ManualClock(now)
    const found = openInvitationAt(now)
    invitation = found.invitation
    services = createPlatformServices({
      database,
      bus: new ChangeBus(),
      clock,
      dataDir: store.dataDir,
      config,
    })
    ;({ accountId } = await linkSandboxAccount(services, {
      workspaceId: agency.workspaceId,
      size: '12k',
      seed: found.seed,
    }))
    await settle()
  }, 120_000)

  const settle = () => drainAndSettle(services)

  afterAll(async () => {
    await database?.close()
  })

  async function all<T>(collection: 'deals' | 'messages'): Promise<T[]> {
    const page = await agency.owner.api.sync.pull.query({
      workspaceId: agency.workspaceId,
      collection,
      checkpoint: null,
      limit: 1000,
    })
    return page.documents as T[]
  }
  const theDeal = async () =>
    dealSchema.parse(
      (await all<DealDoc>('deals')).find((d) => d.invitation?.id === invitation.invitationId),
    )
  /** Moves the ManualClock on and runs what the platform jobs have due then. */
  async function advance(ms: number) {
    clock.advance(ms)
    await settle()
  }
  async function counter(deal: DealDoc, amountMinor: number): Promise<DealDoc> {
    const by = actorOf(editor.userId, editor.displayName)
    const at = Math.max(clock.now(), deal.updatedAt + 1)
    const next = counterOffer(
      deal,
      { amountMinor, currency: deal.currency, paymentTerms: '50/50', note: 'Includes Spark Ads' },
      by,
      at,
      { offerId: uuidv7(), entryId: uuidv7() },
    )
    const out = await editor.api.sync.push.mutate({
      collection: 'deals',
      workspaceId: agency.workspaceId,
      rows: [
        {
          newDocumentState: next as unknown as Record<string, unknown>,
          assumedMasterState: deal as unknown as Record<string, unknown>,
        },
      ],
    })
    expect(out.refused).toEqual([])
    expect(out.conflicts).toEqual([])
    return next
  }

  it('the brand meets a counter-offer halfway, then accepts one at its own figure', async () => {
    const start = await theDeal()
    expect(start.state).toBe('invitation')
    const standing = start.amountMinor
    // 30 % above the brand's offer: a sandbox brand meets it halfway (rounded to tens).
    const ask = Math.round((standing * 1.3) / 1000) * 1000
    const countered = await counter(start, ask)
    const askedAt = clock.now()

    // Nothing from the brand before its shortest delay; the reply was sent by the next poll.
    await advance(15 * MINUTE)
    expect((await theDeal()).offers.filter((o) => o.from === 'brand')).toHaveLength(
      start.offers.length,
    )
    await advance(OFFER_ANSWER_DELAY_MS.max + 15 * MINUTE)
    const met = await theDeal()
    expect(met.state).toBe('negotiating')
    const halfway = met.offers.at(-1)
    expect(halfway).toMatchObject({
      from: 'brand',
      amountMinor: Math.round((ask + standing) / 2 / 1000) * 1000,
      paymentTerms: '50/50',
    })
    expect(halfway?.at).toBeGreaterThanOrEqual(askedAt + OFFER_ANSWER_DELAY_MS.min)
    expect(met.amountMinor).toBe(halfway?.amountMinor)
    const notes = (await all<MessageDoc>('messages')).filter(
      (m) => m.dealId === met.id && m.author.kind === 'brand',
    )
    expect(notes.some((m) => m.body.includes('Revised offer'))).toBe(true)
    expect(countered.offers.at(-1)?.from).toBe('creator')

    // Asking exactly what the brand offered: accepted, contracted on our offer, by the brand.
    const agreed = await counter(met, halfway?.amountMinor ?? 0)
    await advance(15 * MINUTE)
    await advance(OFFER_ANSWER_DELAY_MS.max + 15 * MINUTE)
    const done = await theDeal()
    const ours = agreed.offers.at(-1)
    expect(done.state).toBe('contracted')
    expect(done.agreedOfferId).toBe(ours?.id)
    expect(done.amountMinor).toBe(ours?.amountMinor)
    expect(done.history.at(-1)).toMatchObject({
      from: 'negotiating',
      to: 'contracted',
      by: { kind: 'brand', userId: null },
    })
    // The accepted deal's terms are fixed: a member cannot counter any more (push path rule).
    const late = counterOffer(
      done,
      { amountMinor: 1, currency: 'USD', paymentTerms: null, note: '' },
      actorOf(editor.userId, 'x'),
      clock.now(),
      { offerId: uuidv7(), entryId: uuidv7() },
    )
    const refused = await editor.api.sync.push.mutate({
      collection: 'deals',
      workspaceId: agency.workspaceId,
      rows: [
        {
          newDocumentState: late as unknown as Record<string, unknown>,
          assumedMasterState: done as unknown as Record<string, unknown>,
        },
      ],
    })
    expect(refused.refused[0]?.reason).toMatch(/terms were agreed/)
  }, 120_000)

  it('a message to the brand is sent by a job, marked sent, and answered', async () => {
    const deal = await theDeal()
    const message = docOf('messages', agency.workspaceId, {
      dealId: deal.id,
      accountId,
      author: { kind: 'user', userId: editor.userId, name: editor.displayName },
      audience: 'brand',
      body: 'When does the product ship?',
      sentAt: clock.now(),
      delivery: null,
    })
    await pushAll(editor.api, agency.workspaceId, 'messages', [message])
    const stored = (await all<MessageDoc>('messages')).find((m) => m.id === message.id)
    expect(stored?.delivery).toBeNull()

    await advance(15 * MINUTE)
    const sent = (await all<MessageDoc>('messages')).find((m) => m.id === message.id)
    expect(sent?.delivery).toMatchObject({ state: 'sent', error: null })
    await advance(3 * 60 * MINUTE + 15 * MINUTE)
    const answers = (await all<MessageDoc>('messages')).filter(
      (m) => m.dealId === deal.id && m.author.kind === 'brand' && m.sentAt > message.sentAt,
    )
    expect(answers.length).toBeGreaterThanOrEqual(1)
  }, 120_000)

  it('a message that cannot be sent fails with the reason; Retry is the author’s or a manager’s', async () => {
    // A deal recorded by hand has no platform conversation.
    const by = actorOf(editor.userId, editor.displayName)
    const manual = docOf('deals', agency.workspaceId, {
      accountId,
      state: 'negotiating',
      offers: [],
      history: [{ id: uuidv7(), from: null, to: 'negotiating', at: Date.now(), by, note: '' }],
    })
    await pushAll(editor.api, agency.workspaceId, 'deals', [manual])
    const message = docOf('messages', agency.workspaceId, {
      dealId: manual.id,
      accountId,
      author: { kind: 'user', userId: editor.userId, name: editor.displayName },
      audience: 'brand',
      body: 'Hello?',
      sentAt: clock.now(),
      delivery: null,
    })
    await pushAll(editor.api, agency.workspaceId, 'messages', [message])
    await advance(15 * MINUTE)
    const failed = (await all<MessageDoc>('messages')).find((m) => m.id === message.id)
    expect(failed?.delivery?.state).toBe('failed')
    expect(failed?.delivery?.error).toMatch(/recorded by hand/)

    const analyst = await agency.join('analyst')
    await expect(
      analyst.api.deals.retryReply.mutate({
        workspaceId: agency.workspaceId,
        messageId: message.id,
      }),
    ).rejects.toThrow(/only its author or an owner or manager/)
    // The server process queues the retry; the message shows "sending" until the job runs.
    await editor.api.deals.retryReply.mutate({
      workspaceId: agency.workspaceId,
      messageId: message.id,
    })
    expect(
      (await all<MessageDoc>('messages')).find((m) => m.id === message.id)?.delivery,
    ).toBeNull()
    await expect(
      editor.api.deals.retryReply.mutate({
        workspaceId: agency.workspaceId,
        messageId: message.id,
      }),
    ).rejects.toThrow(/only a message to the brand that failed/)
    await advance(MINUTE)
    const again = (await all<MessageDoc>('messages')).find((m) => m.id === message.id)
    expect(again?.delivery?.state).toBe('failed')
    const attempts = await database.db
      .selectFrom('deal_replies')
      .select(['attempt'])
      .where('reply_id', '=', message.id)
      .executeTakeFirstOrThrow()
    expect(attempts.attempt).toBe(2)
  }, 120_000)
})
