import { randomBytes } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { HANDLE_PATTERN, type AccountDoc } from '../../shared/data/collections/accounts'
import { codePointLength } from '../../shared/data/fields'
import { uuidv7 } from '../../shared/data/ids'
import { createLogger } from '../../shared/logger'
import { cancelAccountJobs, enqueue, resumeAccountJobs } from '../jobs/queue'
import { readMasters } from '../sync/documents'
import { withWorkspaceWrite, type WorkspaceWrite } from '../sync/workspace-write'
import { patchAccount, readAccount } from './account-doc'
import type { ClientKind, PlatformName, TokenSet } from './connector'
import { PlatformError } from './errors'
import { deleteLink, findLinkedAccount, loadLink, saveLink, type LinkKey } from './links'
import { JOB_KINDS, syncDedupeKey } from './platform-jobs'
import { hashState, newCodeVerifier, newState } from './pkce'
import { dayOf } from './sandbox/identity'
import { issueSandboxTokens } from './sandbox/connector'
import type { SandboxSize } from './sandbox/profiles'
import { showcaseSeed } from './sandbox/showcase-seed'
import { Simulation } from './sandbox/simulation'
import { connectorFor, type PlatformServices } from './services'

const log = createLogger('platform-link')

/** How long a started sign-in may take before its state is refused. */
export const LOGIN_TTL_MS = 10 * 60_000

const bad = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message })

/** A platform refusal as the person should read it (code and message verbatim inside). */
function refusal(error: unknown): never {
  if (error instanceof PlatformError)
    throw new TRPCError({ code: 'BAD_REQUEST', message: error.message })
  throw error
}

function toHandle(username: string, fallback: string): string {
  const cleaned = username
    .replace(/^@/, '')
    .replace(/[^A-Za-z0-9._]/g, '')
    .slice(0, 64)
  return HANDLE_PATTERN.test(cleaned) ? cleaned : fallback
}

function clip(text: string, max: number, fallback: string): string {
  const value = codePointLength(text) <= max ? text : [...text].slice(0, max).join('')
  return value.trim() === '' ? fallback : value
}

/** The backfill that follows every link (dedupe: linking twice quickly backfills once). */
async function enqueueBackfill(w: WorkspaceWrite, key: LinkKey, now: number): Promise<void> {
  await enqueue(
    w.trx,
    {
      kind: JOB_KINDS.backfill,
      payload: key,
      dedupeKey: `platform.backfill:${key.accountId}`,
      workspaceId: key.workspaceId,
      accountId: key.accountId,
    },
    now,
  )
}

function newAccountDoc(input: {
  workspaceId: string
  accountId: string
  handle: string
  displayName: string
  platform: PlatformName
  platformAccountId: string
  now: number
}): AccountDoc {
  return {
    id: input.accountId,
    accountId: input.accountId,
    workspaceId: input.workspaceId,
    updatedAt: input.now,
    _deleted: false,
    handle: input.handle,
    displayName: input.displayName,
    platform: input.platform,
    region: 'US',
    birthDate: null,
    ageVerified: false,
    accountType: 'personal',
    followerCount: null,
    platformAccountId: input.platformAccountId,
    link: { state: 'linked', linkedAt: input.now, lastSyncedAt: null, problem: null },
  }
}

/**
 * Links a new sandbox creator: a seeded simulated account of the chosen size, linked at once
 * (no sign-in page), its year of history backfilled by a job that starts right away.
 */
export async function linkSandboxAccount(
  services: PlatformServices,
  input: { workspaceId: string; size: SandboxSize; seed?: number; accountId?: string },
): Promise<{ accountId: string }> {
  const now = services.clock.now()
  const linkDay = dayOf(now)
  const seed = input.seed ?? showcaseSeed(input.size, linkDay, randomBytes(4).readUInt32BE(0))
  const identity = { size: input.size, seed, linkDay }
  const tokens = issueSandboxTokens(identity, now)
  const sim = new Simulation(identity)
  const accountId = input.accountId ?? uuidv7()
  const key = { workspaceId: input.workspaceId, accountId }
  await withWorkspaceWrite(services.database, services.bus, input.workspaceId, async (w) => {
    await w.write('accounts', [
      newAccountDoc({
        ...key,
        handle: sim.handle,
        displayName: `${sim.nickname} (sandbox)`,
        platform: 'sandbox',
        platformAccountId: tokens.platformAccountId,
        now,
      }),
    ])
    await saveLink(w.trx, services.vault, key, { platform: 'sandbox', tokens, now })
    await enqueueBackfill(w, key, now)
  })
  services.runner.wake()
  log.info('sandbox account linked', { accountId, size: input.size })
  return { accountId }
}

/**
 * The redirect URIs a sign-in may return to: on the desktop a loopback address (main listens
 * there for the one redirect); in web mode the web app's `/oauth-callback` (one path segment, so
 * the page's relative asset URLs still resolve), on one of REELDESK_PUBLIC_URL's origins when it
 * is set. (The platform only redirects to addresses registered for the app; this check keeps
 * ours to the two shapes we serve.)
 */
export function checkRedirectUri(
  redirectUri: string,
  client: ClientKind,
  webOrigins: readonly string[],
): string | null {
  let url: URL
  try {
    url = new URL(redirectUri)
  } catch {
    return 'the redirect address is not a valid URL'
  }
  if (url.username || url.password || url.hash) return 'the redirect address has parts it may not'
  if (client === 'desktop') {
    const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)
    if (url.protocol !== 'http:' || !loopback)
      return 'a desktop sign-in returns to a loopback address (http://127.0.0.1:port/…)'
    return null
  }
  const originOk = webOrigins.length
    ? webOrigins.includes(url.origin)
    : url.protocol === 'https:' || url.protocol === 'http:'
  if (url.pathname !== '/oauth-callback' || !originOk)
    return 'a web sign-in returns to this server’s /oauth-callback'
  return null
}

/** Starts an OAuth sign-in: stores the hashed state and sealed PKCE verifier, returns the URL. */
export async function beginLogin(
  services: PlatformServices,
  input: {
    userId: string
    workspaceId: string
    platform: 'tiktok'
    accountId: string | null
    client: ClientKind
    redirectUri: string
  },
): Promise<{ authorizeUrl: string; expiresAt: number }> {
  const connector = (() => {
    try {
      return connectorFor(services, input.platform)
    } catch (error) {
      if (error instanceof PlatformError)
        throw new TRPCError({ code: 'PRECONDITION_FAILED', message: error.platformMessage })
      throw error
    }
  })()
  if (input.accountId) {
    const link = await loadLink(services.database.db, services.vault, {
      workspaceId: input.workspaceId,
      accountId: input.accountId,
    })
    const stored = await readMasters(services.database.db, input.workspaceId, 'accounts', [
      input.accountId,
    ])
    const account = stored.get(input.accountId)?.data as AccountDoc | undefined
    if (!account || account._deleted) throw bad('that account does not exist in this workspace')
    if (account.platform !== input.platform || (link && link.platform !== input.platform))
      throw bad(`that account is not a ${input.platform} account`)
  }
  const now = services.clock.now()
  const state = newState()
  const stateHash = hashState(state)
  const verifier = newCodeVerifier()
  await services.database.db
    .insertInto('oauth_logins')
    .values({
      state_hash: stateHash,
      user_id: input.userId,
      workspace_id: input.workspaceId,
      account_id: input.accountId,
      platform: input.platform,
      client: input.client,
      redirect_uri: input.redirectUri,
      verifier_sealed: services.vault.seal(verifier, `oauth/${stateHash}`),
      created_at: now,
      expires_at: now + LOGIN_TTL_MS,
      used_at: null,
    })
    .execute()
  // Old, finished sign-ins are of no use to anyone.
  await services.database.db
    .deleteFrom('oauth_logins')
    .where('expires_at', '<', now - LOGIN_TTL_MS)
    .execute()
  const authorizeUrl = connector.authorizeUrl({
    state,
    codeVerifier: verifier,
    redirectUri: input.redirectUri,
    client: input.client,
  })
  return { authorizeUrl, expiresAt: now + LOGIN_TTL_MS }
}

/**
 * Finishes a sign-in: the state must be this user's, unused and fresh; the code is exchanged
 * with the verifier (PKCE), the account created or re-linked, its paused jobs resumed and a
 * backfill started.
 */
export async function completeLogin(
  services: PlatformServices,
  input: { userId: string; state: string; code: string },
  mayLink: (workspaceId: string) => Promise<void>,
): Promise<{ workspaceId: string; accountId: string }> {
  const { db } = services.database
  const now = services.clock.now()
  const stateHash = hashState(input.state)
  const expired = () =>
    bad('this sign-in has expired or was already used; start linking the account again')
  const login = await db
    .selectFrom('oauth_logins')
    .selectAll()
    .where('state_hash', '=', stateHash)
    .executeTakeFirst()
  // Another user's state is answered like an unknown one: nothing to learn from it.
  if (!login || login.user_id !== input.userId) throw expired()
  await mayLink(login.workspace_id)
  const claimed = await db
    .updateTable('oauth_logins')
    .set({ used_at: now })
    .where('state_hash', '=', stateHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  if (Number(claimed.numUpdatedRows) !== 1) throw expired()
  if (login.platform !== 'tiktok') throw expired()
  const connector = connectorFor(services, 'tiktok')
  const verifier = services.vault.open(login.verifier_sealed, `oauth/${stateHash}`)
  let tokens: TokenSet
  try {
    tokens = await connector.exchangeCode({
      code: input.code,
      codeVerifier: verifier,
      redirectUri: login.redirect_uri,
    })
  } catch (error) {
    refusal(error)
  }
  const stats = await connector
    .accountStats({ accessToken: tokens.accessToken, platformAccountId: tokens.platformAccountId })
    .catch(refusal)
  const workspaceId = login.workspace_id
  const accountId =
    login.account_id ??
    (await findLinkedAccount(db, workspaceId, 'tiktok', tokens.platformAccountId)) ??
    uuidv7()
  const key = { workspaceId, accountId }
  await withWorkspaceWrite(services.database, services.bus, workspaceId, async (w) => {
    const existing = await readAccount(w, accountId)
    if (existing && !existing._deleted) {
      if (existing.platformAccountId && existing.platformAccountId !== tokens.platformAccountId)
        throw bad(
          `you signed in as @${stats.username}, but this account is @${existing.handle}: sign in with that account to reconnect it`,
        )
      await patchAccount(
        w,
        accountId,
        {
          platformAccountId: tokens.platformAccountId,
          followerCount: stats.followerCount,
          link: { state: 'linked', linkedAt: existing.link.linkedAt ?? now, problem: null },
        },
        now,
      )
    } else {
      const doc = newAccountDoc({
        ...key,
        handle: toHandle(stats.username, `tiktok.${accountId.slice(-8)}`),
        displayName: clip(stats.displayName, 120, stats.username || 'TikTok creator'),
        platform: 'tiktok',
        platformAccountId: tokens.platformAccountId,
        now,
      })
      await w.write('accounts', [{ ...doc, followerCount: stats.followerCount }])
    }
    await saveLink(w.trx, services.vault, key, { platform: 'tiktok', tokens, now })
    await resumeAccountJobs(w.trx, accountId, now)
    await enqueueBackfill(w, key, now)
  })
  services.runner.wake()
  log.info('platform account linked', { accountId, platform: 'tiktok' })
  return { workspaceId, accountId }
}

/** Queues a sync of the account now (or hastens the one already queued). */
export async function syncNow(
  services: PlatformServices,
  key: LinkKey,
): Promise<{ jobId: string }> {
  const link = await loadLink(services.database.db, services.vault, key)
  if (!link) throw bad('this account is not linked to a platform')
  if (link.state === 'needs_reconnect')
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'this account needs reconnecting before it can sync',
    })
  const now = services.clock.now()
  const { job } = await enqueue(
    services.database.db,
    {
      kind: JOB_KINDS.sync,
      payload: { ...key, scheduled: false },
      dedupeKey: syncDedupeKey(key.accountId, 'now'),
      ...key,
    },
    now,
  )
  services.runner.wake()
  return { jobId: job.id }
}

/** Unlinks: the platform is asked to revoke the tokens, which are then deleted here. */
export async function unlinkAccount(services: PlatformServices, key: LinkKey): Promise<void> {
  const link = await loadLink(services.database.db, services.vault, key)
  if (link?.tokens) {
    await connectorFor(services, link.platform)
      .revoke(link.tokens)
      .catch((error: unknown) =>
        log.warn('revoking tokens failed; deleting them anyway', {
          accountId: key.accountId,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
  }
  const now = services.clock.now()
  await withWorkspaceWrite(services.database, services.bus, key.workspaceId, async (w) => {
    await deleteLink(w.trx, key)
    await cancelAccountJobs(w.trx, key.accountId, now)
    await patchAccount(
      w,
      key.accountId,
      { link: { state: 'unlinked', linkedAt: null, lastSyncedAt: null, problem: null } },
      now,
    )
  })
}
