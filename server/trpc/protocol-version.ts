import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol'
import type { Context } from './context'
import { reasonedError } from './reasoned-error'

/** The protocol generation a request declares (header, or the stream's connectionParams). */
export function declaredProtocol(
  header: string | string[] | undefined,
  connectionParams: Record<string, string | undefined> | null,
): number | null {
  const raw = typeof header === 'string' ? header : connectionParams?.['protocol']
  if (raw === undefined || !/^\d{1,4}$/.test(raw)) return null
  return Number(raw)
}

/**
 * Sync answers changed shape in generation 2: a client that does not declare it (or declares an
 * older one) is told to update rather than left to misread them and retry forever.
 */
export function requireProtocol(ctx: Context): void {
  if (ctx.protocol !== null && ctx.protocol >= PROTOCOL_VERSION) return
  throw reasonedError(
    'PRECONDITION_FAILED',
    'UPDATE_NEEDED',
    'this version of Reeldesk is older than the sync server: update it to keep syncing (your changes stay on this device)',
  )
}

export { PROTOCOL_HEADER }
