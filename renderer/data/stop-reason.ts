import { errorCode, errorReason } from './sync-client'
import { UnreadableDocumentError } from './check-pulled'

/** Why replication stopped for good (anything else is retried). */
export type StopReason =
  /** The session was refused (expired, revoked): sign in again. */
  | { kind: 'auth'; message: string }
  /** The member was removed or the workspace deleted: purge its local copy. */
  | { kind: 'gone'; reason: 'NOT_A_MEMBER' | 'WORKSPACE_DELETED'; message: string }
  /** The server's data is older than what this device saw: start over with the next epoch. */
  | { kind: 'reset'; message: string }
  /** This app is too old (or too new) for the server's data or protocol. */
  | { kind: 'update'; message: string }

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Classifies a failed sync call. A refused write is not here: it comes back per document in the
 * push answer. A FORBIDDEN without a reason (a malformed push) is retried and shown, never taken
 * for a signed-out session.
 */
export function stopReasonOf(error: unknown): StopReason | null {
  if (error instanceof UnreadableDocumentError) return { kind: 'update', message: error.message }
  const message = messageOf(error)
  const reason = errorReason(error)
  if (reason === 'NOT_A_MEMBER' || reason === 'WORKSPACE_DELETED')
    return { kind: 'gone', reason, message }
  if (reason === 'CHECKPOINT_AHEAD') return { kind: 'reset', message }
  if (reason === 'UPDATE_NEEDED') return { kind: 'update', message }
  if (errorCode(error) === 'UNAUTHORIZED') return { kind: 'auth', message }
  return null
}
