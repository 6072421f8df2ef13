import { randomUUID } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { uuidv7 } from '../../shared/data/ids'
import { createLogger } from '../../shared/logger'
import type { AppServices } from '../trpc/context'
import { withWorkspaceWrite } from '../sync/workspace-write'
import { createWorkspaceIn } from '../workspaces/membership'
import { decoyHash, hashPassword, verifyPassword } from './passwords'
import { createSession, type SessionInfo } from './sessions'

const log = createLogger('auth')

export interface ClientMeta {
  ip: string | null
  userAgent: string | null
}

export interface SignedIn {
  token: string
  session: SessionInfo
  user: { id: string; email: string; displayName: string }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** A new user, their personal workspace (they own it) and a first session. */
export async function signUp(
  services: AppServices,
  input: { email: string; password: string; displayName: string },
  meta: ClientMeta,
): Promise<SignedIn & { personalWorkspaceId: string }> {
  const { db } = services.database
  const email = normalizeEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  const userId = randomUUID()
  const workspaceId = uuidv7()
  const taken = () =>
    new TRPCError({ code: 'CONFLICT', message: 'an account with this email already exists' })
  if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())
    throw taken()
  try {
    await withWorkspaceWrite(services.database, services.bus, workspaceId, async (w) => {
      await w.trx
        .insertInto('users')
        .values({
          id: userId,
          email,
          display_name: input.displayName,
          password_hash: passwordHash,
          created_at: Date.now(),
        })
        .execute()
      await createWorkspaceIn(w, workspaceId, {
        name: `${input.displayName}'s workspace`.slice(0, 120),
        kind: 'personal',
        userId,
      })
    })
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides, the loser gets the same answer.
    if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())
      throw taken()
    throw error
  }
  const { token, session } = await createSession(db, userId, meta)
  log.info('signed up', { userId })
  return {
    token,
    session,
    user: { id: userId, email, displayName: input.displayName },
    personalWorkspaceId: workspaceId,
  }
}

/**
 * Checks a password under the sign-in limits (server/auth/rate-limit.ts): a locked account is
 * refused before its password is looked at; failures slow the address down and count towards
 * the account's lock; a right password is never held back by its address.
 */
export async function signIn(
  services: AppServices,
  input: { email: string; password: string },
  meta: ClientMeta,
): Promise<SignedIn> {
  const { db } = services.database
  const email = normalizeEmail(input.email)
  const user = await services.limiter.attempt(db, { email, address: meta.ip }, async () => {
    const found = await db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst()
    const ok = await verifyPassword(input.password, found?.password_hash ?? (await decoyHash()))
    return found && ok ? found : null
  })
  const { token, session } = await createSession(db, user.id, meta)
  return {
    token,
    session,
    user: { id: user.id, email: user.email, displayName: user.display_name },
  }
}
