import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { toNumber } from '../db/values'
import { hashSecret, newSecret } from './tokens'

export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000
/** last_used_at is informational; updating it on every request would turn reads into writes. */
const TOUCH_EVERY_MS = 60_000

export interface SessionInfo {
  sessionId: string
  userId: string
  expiresAt: number
}

export interface SessionListEntry {
  id: string
  createdAt: number
  lastUsedAt: number
  expiresAt: number
  userAgent: string | null
  ip: string | null
  current: boolean
}

export async function createSession(
  db: Kysely<DB>,
  userId: string,
  meta: { userAgent: string | null; ip: string | null },
  now = Date.now(),
): Promise<{ token: string; session: SessionInfo }> {
  const token = newSecret()
  const id = randomUUID()
  const expiresAt = now + SESSION_TTL_MS
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      token_hash: hashSecret(token),
      created_at: now,
      expires_at: expiresAt,
      last_used_at: now,
      revoked_at: null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip,
    })
    .execute()
  return { token, session: { sessionId: id, userId, expiresAt } }
}

/** The live session a bearer token names, or null when unknown, revoked or expired. */
export async function authenticate(
  db: Kysely<DB>,
  token: string,
  now = Date.now(),
): Promise<SessionInfo | null> {
  if (!token || token.length > 200) return null
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst()
  if (!row || row.revoked_at !== null) return null
  const expiresAt = toNumber(row.expires_at)
  if (expiresAt <= now) return null
  if (now - toNumber(row.last_used_at) > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_used_at: now }).where('id', '=', row.id).execute()
  }
  return { sessionId: row.id, userId: row.user_id, expiresAt }
}

/** Re-checks a session already authenticated (long-lived streams), without touching it. */
export async function isSessionLive(
  db: Kysely<DB>,
  sessionId: string,
  now = Date.now(),
): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .select(['expires_at', 'revoked_at'])
    .where('id', '=', sessionId)
    .executeTakeFirst()
  return !!row && row.revoked_at === null && toNumber(row.expires_at) > now
}

export async function listSessions(
  db: Kysely<DB>,
  userId: string,
  currentSessionId: string,
  now = Date.now(),
): Promise<SessionListEntry[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    createdAt: toNumber(r.created_at),
    lastUsedAt: toNumber(r.last_used_at),
    expiresAt: toNumber(r.expires_at),
    userAgent: r.user_agent,
    ip: r.ip,
    current: r.id === currentSessionId,
  }))
}

/** Revokes one of the user's own sessions; false when it is not theirs or already gone. */
export async function revokeSession(
  db: Kysely<DB>,
  userId: string,
  sessionId: string,
  now = Date.now(),
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
