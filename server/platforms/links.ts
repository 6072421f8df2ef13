import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/connect'
import type { DB } from '../db/schema'
import { toNumber } from '../db/values'
import type { PlatformName, TokenSet } from './connector'
import type { TokenVault } from './token-vault'

/**
 * The platform_links table: one row per linked account, holding its sealed tokens, where the
 * event feed was read up to, and whether the platform still accepts the link. Only this module
 * and the token vault ever see a token in the clear; nothing here is replicated.
 */
export type LinkState = 'linked' | 'needs_reconnect'

export interface LinkKey {
  workspaceId: string
  accountId: string
}

export interface StoredLink extends LinkKey {
  platform: PlatformName
  platformAccountId: string
  state: LinkState
  tokens: TokenSet | null
  eventCursor: string | null
  linkedAt: number
  lastSyncedAt: number | null
  problem: string | null
}

function context(key: LinkKey): string {
  return `platform-link/${key.workspaceId}/${key.accountId}`
}

function isPlatform(value: string): value is PlatformName {
  return value === 'tiktok' || value === 'sandbox'
}

export async function loadLink(
  db: Kysely<DB>,
  vault: TokenVault,
  key: LinkKey,
): Promise<StoredLink | null> {
  const row = await db
    .selectFrom('platform_links')
    .selectAll()
    .where('workspace_id', '=', key.workspaceId)
    .where('account_id', '=', key.accountId)
    .executeTakeFirst()
  if (!row || !isPlatform(row.platform)) return null
  const tokens = row.tokens_sealed
    ? (JSON.parse(vault.open(row.tokens_sealed, context(key))) as TokenSet)
    : null
  return {
    ...key,
    platform: row.platform,
    platformAccountId: row.platform_account_id,
    state: row.state === 'needs_reconnect' ? 'needs_reconnect' : 'linked',
    tokens,
    eventCursor: row.event_cursor,
    linkedAt: toNumber(row.linked_at),
    lastSyncedAt: row.last_synced_at === null ? null : toNumber(row.last_synced_at),
    problem: row.problem,
  }
}

/** Links (or re-links) an account: new tokens, state linked, any old problem cleared. */
export async function saveLink(
  db: Kysely<DB>,
  vault: TokenVault,
  key: LinkKey,
  input: { platform: PlatformName; tokens: TokenSet; now: number; eventCursor?: string | null },
): Promise<void> {
  const sealed = vault.seal(JSON.stringify(input.tokens), context(key))
  const values = {
    platform: input.platform,
    platform_account_id: input.tokens.platformAccountId,
    state: 'linked',
    tokens_sealed: sealed,
    access_expires_at: input.tokens.accessExpiresAt,
    refresh_expires_at: input.tokens.refreshExpiresAt,
    scopes: input.tokens.scopes.join(','),
    problem: null,
    updated_at: input.now,
  }
  await db
    .insertInto('platform_links')
    .values({
      workspace_id: key.workspaceId,
      account_id: key.accountId,
      ...values,
      event_cursor: input.eventCursor ?? null,
      linked_at: input.now,
      last_synced_at: null,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'account_id']).doUpdateSet(values))
    .execute()
}

export async function storeTokens(
  db: Kysely<DB>,
  vault: TokenVault,
  key: LinkKey,
  tokens: TokenSet,
  now: number,
): Promise<void> {
  await db
    .updateTable('platform_links')
    .set({
      tokens_sealed: vault.seal(JSON.stringify(tokens), context(key)),
      access_expires_at: tokens.accessExpiresAt,
      refresh_expires_at: tokens.refreshExpiresAt,
      updated_at: now,
    })
    .where('workspace_id', '=', key.workspaceId)
    .where('account_id', '=', key.accountId)
    .execute()
}

/** The platform refused the link: keep no usable token, remember why. */
export async function markNeedsReconnect(
  db: Kysely<DB>,
  key: LinkKey,
  problem: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('platform_links')
    .set({ state: 'needs_reconnect', tokens_sealed: null, problem, updated_at: now })
    .where('workspace_id', '=', key.workspaceId)
    .where('account_id', '=', key.accountId)
    .execute()
}

export async function markSynced(
  db: Kysely<DB>,
  key: LinkKey,
  update: { now: number; eventCursor?: string | null },
): Promise<void> {
  await db
    .updateTable('platform_links')
    .set({
      last_synced_at: update.now,
      updated_at: update.now,
      ...(update.eventCursor === undefined ? {} : { event_cursor: update.eventCursor }),
    })
    .where('workspace_id', '=', key.workspaceId)
    .where('account_id', '=', key.accountId)
    .execute()
}

export async function setEventCursor(
  db: Kysely<DB>,
  key: LinkKey,
  cursor: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('platform_links')
    .set({ event_cursor: cursor, updated_at: now })
    .where('workspace_id', '=', key.workspaceId)
    .where('account_id', '=', key.accountId)
    .execute()
}

export interface CursorMove {
  key: LinkKey
  cursor: string
  /** When the poll that read up to `cursor` ran: of several moves of one link, the latest wins. */
  now: number
}

/**
 * Moves the event cursors of several links in one statement (event polls finishing together,
 * queue.ts sharedEffect). On PostgreSQL the rows are locked first in key order, so two instances
 * moving overlapping sets of cursors wait for each other instead of deadlocking.
 */
export async function setEventCursors(
  db: Kysely<DB>,
  dialect: Dialect,
  moves: readonly CursorMove[],
): Promise<void> {
  const latest = new Map<string, CursorMove>()
  for (const move of moves) {
    const id = `${move.key.workspaceId}/${move.key.accountId}`
    const seen = latest.get(id)
    if (!seen || move.now >= seen.now) latest.set(id, move)
  }
  const rows = [...latest.values()].sort((a, b) =>
    a.key.workspaceId === b.key.workspaceId
      ? a.key.accountId < b.key.accountId
        ? -1
        : 1
      : a.key.workspaceId < b.key.workspaceId
        ? -1
        : 1,
  )
  const [only] = rows
  if (!only) return
  if (rows.length === 1) return setEventCursor(db, only.key, only.cursor, only.now)
  const isOne = (m: CursorMove) =>
    sql<boolean>`(workspace_id = ${m.key.workspaceId} and account_id = ${m.key.accountId})`
  const any = sql<boolean>`(${sql.join(rows.map(isOne), sql` or `)})`
  if (dialect === 'postgres')
    await db
      .selectFrom('platform_links')
      .select('account_id')
      .where(any)
      .orderBy('workspace_id')
      .orderBy('account_id')
      .forUpdate()
      .execute()
  await db
    .updateTable('platform_links')
    .set({
      event_cursor: sql<string>`case ${sql.join(
        rows.map((m) => sql`when ${isOne(m)} then ${m.cursor}`),
        sql` `,
      )} end`,
      updated_at: Math.max(...rows.map((m) => m.now)),
    })
    .where(any)
    .execute()
}

export async function deleteLink(db: Kysely<DB>, key: LinkKey): Promise<void> {
  await db
    .deleteFrom('platform_links')
    .where('workspace_id', '=', key.workspaceId)
    .where('account_id', '=', key.accountId)
    .execute()
}

/** The workspace account already linked to this platform user, if any (re-linking reuses it). */
export async function findLinkedAccount(
  db: Kysely<DB>,
  workspaceId: string,
  platform: PlatformName,
  platformAccountId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('platform_links')
    .select('account_id')
    .where('workspace_id', '=', workspaceId)
    .where('platform', '=', platform)
    .where('platform_account_id', '=', platformAccountId)
    .executeTakeFirst()
  return row?.account_id ?? null
}
