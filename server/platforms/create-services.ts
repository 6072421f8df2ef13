import os from 'node:os'
import type { BlobStore } from '../blobs/blob-store'
import type { PlatformConfig } from '../config'
import type { Database } from '../db/connect'
import type { Clock } from '../jobs/clock'
import { newRunnerId } from '../jobs/queue'
import { JobRunner } from '../jobs/runner'
import { brandReplyJobHandler } from '../deals/brand-replies'
import { publishJobHandler } from '../publishing/publish-job'
import type { ChangeBus } from '../sync/change-bus'
import { platformJobHandlers } from './platform-jobs'
import { createRateLimiter } from './rate-limiter'
import { createSandboxConnector } from './sandbox/connector'
import type { PlatformCore, PlatformServices } from './services'
import { createTikTokConnector, TIKTOK_DEFAULT_API, TIKTOK_DEFAULT_AUTH } from './tiktok/connector'
import { createTokenVault, loadVaultKey } from './token-vault'

/**
 * The platform layer as the server runs it: the token vault, the sandbox connector (always),
 * the TikTok connector when its app credentials are configured, and the job runner with the
 * platform's job handlers. `extraHandlers` lets tests and the benchmark add job kinds.
 */
export function createPlatformServices(options: {
  database: Database
  bus: ChangeBus
  clock: Clock
  dataDir: string
  config: PlatformConfig
  extraHandlers?: ConstructorParameters<typeof JobRunner>[0]['handlers']
  /** Where uploaded videos are: with it, the runner also publishes posts (publish.post). */
  blobStore?: BlobStore
}): PlatformServices {
  const { database, bus, clock, config } = options
  const vault = createTokenVault(loadVaultKey({ secret: config.secret, dataDir: options.dataDir }))
  const limiter = createRateLimiter(database, clock)
  const tiktok = config.tiktok
    ? createTikTokConnector({
        clientKey: config.tiktok.clientKey,
        clientSecret: config.tiktok.clientSecret,
        apiBaseUrl: config.tiktok.apiUrl ?? TIKTOK_DEFAULT_API,
        authBaseUrl: config.tiktok.authUrl ?? TIKTOK_DEFAULT_AUTH,
        audited: config.tiktok.audited,
        clock,
        limiter,
      })
    : null
  const core: PlatformCore = {
    database,
    bus,
    clock,
    vault,
    connectors: { sandbox: createSandboxConnector({ database, clock }), tiktok },
  }
  const runner = new JobRunner({
    database,
    bus,
    clock,
    owner: `${os.hostname()}:${process.pid}:${newRunnerId()}`,
    concurrency: config.jobs.concurrency,
    claimBatch: config.jobs.claimBatch,
    leaseMs: config.jobs.leaseMs,
    pollMs: config.jobs.pollMs,
    handlers: [
      ...platformJobHandlers(core),
      brandReplyJobHandler(core),
      ...(options.blobStore ? [publishJobHandler(core, options.blobStore)] : []),
      ...(options.extraHandlers ?? []),
    ],
  })
  return { ...core, runner }
}
