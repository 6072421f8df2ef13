import { createLogger } from '../../shared/logger'
import { REFRESH_AHEAD_MS } from '../../shared/platform/tiktok-facts'
import type { Database } from '../db/connect'
import type { Clock } from '../jobs/clock'
import { PauseJob } from '../jobs/errors'
import { pauseAccountJobs } from '../jobs/queue'
import type { JobRunner } from '../jobs/runner'
import type { ChangeBus } from '../sync/change-bus'
import { withWorkspaceWrite } from '../sync/workspace-write'
import { patchAccount } from './account-doc'
import type { LinkCredentials, PlatformConnector, PlatformName } from './connector'
import { PlatformError } from './errors'
import { loadLink, markNeedsReconnect, storeTokens, type LinkKey, type StoredLink } from './links'
import type { TokenVault } from './token-vault'

const log = createLogger('platforms')

/** What the platform layer works with: the database, the clock, the vault and the connectors. */
export interface PlatformCore {
  database: Database
  bus: ChangeBus
  clock: Clock
  vault: TokenVault
  connectors: { sandbox: PlatformConnector; tiktok: PlatformConnector | null }
}

/** The core plus the job runner, built once at start (server/index.ts). */
export interface PlatformServices extends PlatformCore {
  runner: JobRunner
}

export function connectorFor(services: PlatformCore, platform: PlatformName): PlatformConnector {
  const connector = services.connectors[platform]
  if (!connector)
    throw new PlatformError(
      platform,
      'platform_not_configured',
      'TikTok linking is not set up on this server (REELDESK_TIKTOK_CLIENT_KEY and _SECRET)',
    )
  return connector
}

export const RECONNECT_PROBLEM =
  'The platform no longer accepts this link (revoked or expired). Reconnect the account.'

/**
 * The platform refused the account's tokens for good: forget them, show "needs reconnect" on the
 * account (replicated), and pause its jobs until someone links it again. The job that found out
 * is paused too (PauseJob).
 */
export async function needsReconnect(
  services: PlatformCore,
  key: LinkKey,
  reason: string,
): Promise<PauseJob> {
  const now = services.clock.now()
  await withWorkspaceWrite(services.database, services.bus, key.workspaceId, async (w) => {
    await markNeedsReconnect(w.trx, key, reason, now)
    await pauseAccountJobs(w.trx, key.accountId, reason, now)
    await patchAccount(
      w,
      key.accountId,
      { link: { state: 'needs_reconnect', problem: reason } },
      now,
    )
  })
  log.warn('platform link needs reconnecting', { accountId: key.accountId })
  return new PauseJob(reason)
}

/**
 * Fresh credentials for a linked account: refreshed first when the access token expires within
 * REFRESH_AHEAD_MS (or `force`), so no call goes out with a token about to lapse. A refused
 * refresh marks the link "needs reconnect" — unless another job refreshed it meanwhile (refresh
 * tokens rotate: the loser of a race is refused, and must use the winner's tokens).
 */
export async function credentialsFor(
  services: PlatformCore,
  key: LinkKey,
  options: { force?: boolean; loaded?: StoredLink | undefined } = {},
): Promise<{ link: StoredLink; credentials: LinkCredentials }> {
  const { database, vault, clock } = services
  const link = options.loaded ?? (await loadLink(database.db, vault, key))
  if (!link) throw new PauseJob('the account is not linked to a platform')
  if (link.state === 'needs_reconnect' || !link.tokens)
    throw new PauseJob(link.problem ?? RECONNECT_PROBLEM)
  const tokens = link.tokens
  const now = clock.now()
  const due = tokens.accessExpiresAt - now <= REFRESH_AHEAD_MS
  if (!due && !options.force)
    return {
      link,
      credentials: { accessToken: tokens.accessToken, platformAccountId: tokens.platformAccountId },
    }
  if (tokens.refreshExpiresAt <= now) throw await needsReconnect(services, key, RECONNECT_PROBLEM)
  const connector = connectorFor(services, link.platform)
  try {
    const fresh = await connector.refresh(tokens)
    await storeTokens(database.db, vault, key, fresh, clock.now())
    return {
      link: { ...link, tokens: fresh },
      credentials: { accessToken: fresh.accessToken, platformAccountId: fresh.platformAccountId },
    }
  } catch (error) {
    if (!(error instanceof PlatformError) || !error.reconnect) throw error
    const again = await loadLink(database.db, vault, key)
    if (again?.tokens && again.tokens.accessToken !== tokens.accessToken) {
      return {
        link: again,
        credentials: {
          accessToken: again.tokens.accessToken,
          platformAccountId: again.tokens.platformAccountId,
        },
      }
    }
    throw await needsReconnect(services, key, error.message)
  }
}

/**
 * Runs `call` with the account's credentials. When the platform says the token is no longer
 * valid (revoked in the app, say) it refreshes once and tries again; a second refusal means the
 * link needs reconnecting.
 */
export async function withCredentials<T>(
  services: PlatformCore,
  key: LinkKey,
  call: (credentials: LinkCredentials, link: StoredLink) => Promise<T>,
  /** The link as the caller just read it (saves reading it again). */
  loaded?: StoredLink,
): Promise<T> {
  const first = await credentialsFor(services, key, { loaded })
  try {
    return await call(first.credentials, first.link)
  } catch (error) {
    if (!(error instanceof PlatformError) || !error.reconnect) throw error
  }
  const second = await credentialsFor(services, key, { force: true })
  try {
    return await call(second.credentials, second.link)
  } catch (error) {
    if (error instanceof PlatformError && error.reconnect)
      throw await needsReconnect(services, key, error.message)
    throw error
  }
}
