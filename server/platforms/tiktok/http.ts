import { isSafeNumber, parse } from 'lossless-json'
import { createLogger } from '../../../shared/logger'
import type { Clock } from '../../jobs/clock'
import { PlatformError, PlatformUnreachable, redact } from '../errors'

const log = createLogger('tiktok')

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

/**
 * JSON with the platform's large integers kept as strings: the published post id is a 19-digit
 * number that plain JSON.parse rounds (7291234567890123456 → 7291234567890123000).
 */
export function parseLosslessJson(text: string): unknown {
  return parse(text, undefined, (value: string) => (isSafeNumber(value) ? Number(value) : value))
}

export interface TikTokErrorBody {
  code: string
  message: string
  logId: string | null
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

/** The `error` object of the v2 envelope (code "ok" on success), or the OAuth error fields. */
export function errorOf(body: unknown): TikTokErrorBody | null {
  const record = asRecord(body)
  if (!record) return null
  const error = asRecord(record['error'])
  if (error && typeof error['code'] === 'string') {
    if (error['code'] === 'ok') return null
    return {
      code: error['code'],
      message: typeof error['message'] === 'string' ? error['message'] : '',
      logId: typeof error['log_id'] === 'string' ? error['log_id'] : null,
    }
  }
  // The token endpoint answers OAuth-style: { error: "invalid_grant", error_description }.
  if (typeof record['error'] === 'string') {
    return {
      code: record['error'],
      message: typeof record['error_description'] === 'string' ? record['error_description'] : '',
      logId: typeof record['log_id'] === 'string' ? record['log_id'] : null,
    }
  }
  return null
}

export interface SendOptions {
  method: 'GET' | 'POST' | 'PUT'
  url: string
  headers: Record<string, string>
  body?: string | Uint8Array<ArrayBuffer>
  /** Reads may be repeated after a timeout or a 5xx; writes (init, token, upload) may not. */
  safeToRepeat: boolean
  /** Secrets that must not appear in an error (the access token, the client secret). */
  secrets: readonly string[]
  /** Error codes that arrive with HTTP 200 beside real data (creator_info's spam refusals). */
  acceptInBody?: (code: string) => boolean
}

export interface HttpResult {
  status: number
  body: unknown
  headers: Headers
}

/** Attempts of a repeatable request on timeouts and the platform's 5xx before giving up. */
const READ_ATTEMPTS = 3
/** How many 429s in a row one request waits out before handing the wait to the job runner. */
const MAX_RATE_LIMIT_WAITS = 5
const TIMEOUT_MS = 60_000

/**
 * One HTTP exchange with the platform: 429 is always waited out and sent again (the platform did
 * not act on it); timeouts and 5xx are retried only for requests that are safe to repeat. An
 * error envelope becomes a PlatformError with the platform's code and message verbatim.
 */
export async function send(
  fetchImpl: FetchLike,
  clock: Clock,
  options: SendOptions,
): Promise<HttpResult> {
  let failures = 0
  let rateLimited = 0
  for (;;) {
    let response: Response
    try {
      const init: RequestInit = {
        method: options.method,
        headers: options.headers,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      }
      if (options.body !== undefined) init.body = options.body
      response = await fetchImpl(options.url, init)
    } catch (error) {
      const cause = redact(error instanceof Error ? error.message : String(error), options.secrets)
      failures += 1
      if (options.safeToRepeat && failures < READ_ATTEMPTS) {
        await clock.sleep(1_000 * 2 ** failures)
        continue
      }
      throw new PlatformUnreachable('tiktok', cause)
    }
    const text = await response.text()
    let body: unknown
    try {
      body = text ? parseLosslessJson(text) : null
    } catch {
      // Not JSON (a proxy's error page): the HTTP status speaks for itself.
      body = null
    }
    const error = errorOf(body)
    if (response.status === 429 || error?.code === 'rate_limit_exceeded') {
      rateLimited += 1
      const retryAfter = retryAfterMs(response.headers)
      if (rateLimited <= MAX_RATE_LIMIT_WAITS) {
        log.warn('rate limited by the platform; waiting', { waitMs: retryAfter })
        await clock.sleep(retryAfter)
        continue
      }
      throw platformError(response, error, options.secrets, retryAfter)
    }
    if (response.status >= 500 && options.safeToRepeat && failures + 1 < READ_ATTEMPTS) {
      failures += 1
      await clock.sleep(1_000 * 2 ** failures)
      continue
    }
    const answered = response.status === 200 && error && options.acceptInBody?.(error.code)
    if ((error && !answered) || response.status >= 400)
      throw platformError(response, error, options.secrets)
    return { status: response.status, body, headers: response.headers }
  }
}

function retryAfterMs(headers: Headers): number {
  const value = headers.get('retry-after')
  const seconds = value === null ? NaN : Number(value)
  // Without a hint, the per-minute windows have surely moved on after a minute.
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : 60_000
}

function platformError(
  response: Response,
  error: TikTokErrorBody | null,
  secrets: readonly string[],
  retryAfter?: number,
): PlatformError {
  const code =
    error?.code ??
    (response.status === 401
      ? 'access_token_invalid'
      : response.status >= 500
        ? 'internal_error'
        : `http_${response.status}`)
  const message = redact(error?.message ?? response.statusText, secrets)
  const options: ConstructorParameters<typeof PlatformError>[3] = {
    httpStatus: response.status,
    logId: error?.logId ?? null,
  }
  if (retryAfter !== undefined) options.retryAfterMs = retryAfter
  return new PlatformError('tiktok', code, message, options)
}
