import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import { parseTrustProxy, type TrustedProxies } from './auth/client-address'

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4400),
  // Loopback by default: a local-first studio should not open a port to the LAN unless asked.
  HOST: z.string().min(1).default('127.0.0.1'),
  REELDESK_DATA: z.string().min(1).optional(),
  REELDESK_RENDERER_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).optional(),
  // PostgreSQL connections this instance may open (default 10).
  REELDESK_DB_POOL_MAX: z.coerce.number().int().min(2).max(500).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  // Streams notice revocations made on this instance at once; this bounds how late they notice
  // expiry and revocations made through another instance.
  // Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client.
  TRUST_PROXY: z.string().optional(),
  // Test hook (crash tests): pause this long before every commit. Never set in production.
  REELDESK_TEST_COMMIT_DELAY_MS: z.coerce.number().int().min(1).max(60_000).optional(),
  // Test hook: the server's clock stands still and moves only when a test advances it (POST
  // /test/clock, loopback only, with REELDESK_TEST_CLOCK_TOKEN). Refused in production.
  REELDESK_TEST_CLOCK: z.enum(['0', '1']).default('0'),
  REELDESK_TEST_CLOCK_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  REELDESK_STREAM_RECHECK_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  // Seals platform tokens at rest; without it a key is generated once in the data folder.
  // Several instances sharing one PostgreSQL database must all be given the same secret.
  REELDESK_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  // TikTok linking is on when both are set (developers.tiktok.com app credentials).
  REELDESK_TIKTOK_CLIENT_KEY: z.string().min(1).optional(),
  REELDESK_TIKTOK_CLIENT_SECRET: z.string().min(1).optional(),
  REELDESK_TIKTOK_API_URL: z.url().optional(),
  REELDESK_TIKTOK_AUTH_URL: z.url().optional(),
  // Whether the TikTok app passed TikTok's audit; until it has, TikTok accepts only "Only me"
  // posts from it, and the pre-publish checks say so before anything is uploaded.
  REELDESK_TIKTOK_APP_AUDITED: z.enum(['yes', 'no']).default('no'),
  // Origins (comma-separated) the web app is served from, for sign-in redirects behind a proxy.
  REELDESK_PUBLIC_URL: z.string().min(1).optional(),
  REELDESK_JOBS: z.enum(['on', 'off']).default('on'),
  REELDESK_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // Jobs claimed per statement (default: the concurrency).
  REELDESK_JOB_CLAIM_BATCH: z.coerce.number().int().min(1).max(256).optional(),
  REELDESK_JOB_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  REELDESK_JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  // Storage each workspace may use for blobs (originals, exports, post videos); 20 GiB default.
  REELDESK_WORKSPACE_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .default(20 * 1024 ** 3),
})

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  rendererDir: string
  databaseUrl: string | undefined
  /** PostgreSQL pool size; undefined = the default. */
  poolMax: number | undefined
  production: boolean
  streamRecheckMs: number
  trustProxy: TrustedProxies | null
  testCommitDelayMs: number | null
  /** The manual test clock (tests only), with the token its route asks for. */
  testClock: { token: string } | null
  workspaceQuotaBytes: number
  platform: PlatformConfig
}

export interface PlatformConfig {
  secret: string | undefined
  tiktok: {
    clientKey: string
    clientSecret: string
    apiUrl: string | undefined
    authUrl: string | undefined
    audited: boolean
  } | null
  publicOrigins: string[]
  jobs: {
    enabled: boolean
    concurrency: number
    claimBatch?: number | undefined
    leaseMs: number
    pollMs: number
  }
}

export function defaultDataDir(): string {
  return path.join(os.homedir(), '.reeldesk')
}

/** Reads the environment once, with clear messages for bad values instead of odd failures later. */
export function loadConfig(env: NodeJS.ProcessEnv, serverDir: string): ServerConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`invalid server configuration: ${problems}`)
  }
  const e = parsed.data
  let testClock: ServerConfig['testClock'] = null
  if (e.REELDESK_TEST_CLOCK === '1') {
    if (e.NODE_ENV === 'production')
      throw new Error(
        'invalid server configuration: REELDESK_TEST_CLOCK is a test hook and is refused when NODE_ENV is production',
      )
    if (!e.REELDESK_TEST_CLOCK_TOKEN)
      throw new Error(
        'invalid server configuration: REELDESK_TEST_CLOCK needs REELDESK_TEST_CLOCK_TOKEN (at least 16 characters)',
      )
    testClock = { token: e.REELDESK_TEST_CLOCK_TOKEN }
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.REELDESK_DATA ?? defaultDataDir()),
    rendererDir: path.resolve(e.REELDESK_RENDERER_DIR ?? path.join(serverDir, '../renderer')),
    databaseUrl: e.DATABASE_URL,
    poolMax: e.REELDESK_DB_POOL_MAX,
    production: e.NODE_ENV === 'production',
    streamRecheckMs: e.REELDESK_STREAM_RECHECK_MS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    testCommitDelayMs: e.REELDESK_TEST_COMMIT_DELAY_MS ?? null,
    testClock,
    platform: {
      secret: e.REELDESK_SECRET,
      tiktok:
        e.REELDESK_TIKTOK_CLIENT_KEY && e.REELDESK_TIKTOK_CLIENT_SECRET
          ? {
              clientKey: e.REELDESK_TIKTOK_CLIENT_KEY,
              clientSecret: e.REELDESK_TIKTOK_CLIENT_SECRET,
              apiUrl: e.REELDESK_TIKTOK_API_URL,
              authUrl: e.REELDESK_TIKTOK_AUTH_URL,
              audited: e.REELDESK_TIKTOK_APP_AUDITED === 'yes',
            }
          : null,
      publicOrigins: (e.REELDESK_PUBLIC_URL ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => new URL(s).origin),
      jobs: {
        enabled: e.REELDESK_JOBS === 'on',
        concurrency: e.REELDESK_JOB_CONCURRENCY,
        claimBatch: e.REELDESK_JOB_CLAIM_BATCH,
        leaseMs: e.REELDESK_JOB_LEASE_MS,
        pollMs: e.REELDESK_JOB_POLL_MS,
      },
    },
    workspaceQuotaBytes: e.REELDESK_WORKSPACE_QUOTA_BYTES,
  }
}
