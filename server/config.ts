import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4400),
  // Loopback by default: a local-first studio should not open a port to the LAN unless asked.
  HOST: z.string().min(1).default('127.0.0.1'),
  REELDESK_DATA: z.string().min(1).optional(),
  REELDESK_RENDERER_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  // Streams notice revocations made on this instance at once; this bounds how late they notice
  // expiry and revocations made through another instance.
  REELDESK_STREAM_RECHECK_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
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
  production: boolean
  streamRecheckMs: number
  workspaceQuotaBytes: number
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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.REELDESK_DATA ?? defaultDataDir()),
    rendererDir: path.resolve(e.REELDESK_RENDERER_DIR ?? path.join(serverDir, '../renderer')),
    databaseUrl: e.DATABASE_URL,
    production: e.NODE_ENV === 'production',
    streamRecheckMs: e.REELDESK_STREAM_RECHECK_MS,
    workspaceQuotaBytes: e.REELDESK_WORKSPACE_QUOTA_BYTES,
  }
}
