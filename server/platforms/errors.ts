import { platformErrorInfo, type PlatformErrorInfo } from '../../shared/platform/tiktok-errors'
import type { PlatformName } from './connector'

/**
 * A platform's refusal or failure. `message` is what a person reads: the plain explanation, then
 * the platform's own code and message verbatim (never reworded, so it can be looked up).
 * `retryable` follows the error table (rate limits and the platform's own failures: yes; refusals:
 * no); the job runner reads it, with `retryAfterMs` when the platform said how long to wait.
 */
export class PlatformError extends Error {
  readonly info: PlatformErrorInfo
  readonly retryable: boolean
  readonly reconnect: boolean

  constructor(
    readonly platform: PlatformName,
    readonly code: string,
    readonly platformMessage: string,
    options: {
      httpStatus?: number | null
      logId?: string | null
      retryAfterMs?: number
      /** Overrides the table (a network failure is retryable whatever its code). */
      retryable?: boolean
    } = {},
  ) {
    const info = platformErrorInfo(code)
    const said = platformMessage ? `${code}: ${platformMessage}` : code
    super(`${info.explanation} The platform said: “${said}”. ${info.action}`)
    this.name = 'PlatformError'
    this.info = info
    this.httpStatus = options.httpStatus ?? null
    this.logId = options.logId ?? null
    this.retryAfterMs = options.retryAfterMs
    this.retryable = options.retryable ?? info.retry === 'later'
    this.reconnect = info.reconnect === true
  }

  readonly httpStatus: number | null
  readonly logId: string | null
  readonly retryAfterMs: number | undefined
}

/** A request that never got an answer (connection refused, reset, timed out): safe to retry only
 * where the request itself is safe to repeat — the caller decides that. */
export class PlatformUnreachable extends Error {
  readonly retryable = true
  constructor(
    readonly platform: PlatformName,
    cause: string,
  ) {
    super(`The platform could not be reached (${cause}). Reeldesk tries again shortly.`)
    this.name = 'PlatformUnreachable'
  }
}

/**
 * Something the product offers that this platform's public API does not (Reeldesk's limit, not a
 * refusal by the platform): never retried; `message` says where to do it instead.
 */
export class NotOfferedByPlatform extends Error {
  readonly retryable = false
  constructor(
    readonly platform: PlatformName,
    message: string,
  ) {
    super(message)
    this.name = 'NotOfferedByPlatform'
  }
}

/** Strips every occurrence of the given secrets from text that may reach a log or a person. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]')
  return out
}
