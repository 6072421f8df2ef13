import type { Role } from '../../shared/auth/roles'
import type { CollectionName } from '../../shared/data/collection-contract'
import { uuidv7 } from '../../shared/data/ids'
import type { CollectionDocs } from '../../shared/data/registry'
import { sampleDocs } from '../../shared/data/sample-docs'
import { testClient, type TestClient } from './client'

export const PASSWORD = 'a long enough password'

let users = 0

export interface TestUser {
  userId: string
  token: string
  api: TestClient
  displayName: string
}

/** A new user through the real sign-up procedure. */
export async function signUpUser(url: string, name: string): Promise<TestUser> {
  users += 1
  const up = await testClient(url).auth.signUp.mutate({
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${process.pid}-${users}@example.com`,
    password: PASSWORD,
    displayName: name,
  })
  return {
    userId: up.user.id,
    token: up.token,
    api: testClient(url, up.token),
    displayName: name,
  }
}

/** Documents of each kind, filled in from the sample set (valid by construction). */
export function docOf<K extends CollectionName>(
  collection: K,
  workspaceId: string,
  fields: Partial<CollectionDocs[K]> = {},
): CollectionDocs[K] {
  const id = uuidv7()
  const base = { ...sampleDocs()[collection], id, workspaceId, updatedAt: Date.now() }
  const extra = collection === 'accounts' ? { accountId: id } : {}
  return { ...base, ...extra, ...fields } as CollectionDocs[K]
}

/** Pushes documents as `api` and fails the test on any conflict or refusal. */
export async function pushAll<K extends CollectionName>(
  api: TestClient,
  workspaceId: string,
  collection: K,
  docs: readonly CollectionDocs[K][],
): Promise<void> {
  const out = await api.sync.push.mutate({
    collection,
    workspaceId,
    rows: docs.map((d) => ({ newDocumentState: d as unknown as Record<string, unknown> })),
  })
  if (out.conflicts.length || out.refused.length)
    throw new Error(`push not clean: ${JSON.stringify(out).slice(0, 500)}`)
}

export interface Agency {
  owner: TestUser
  workspaceId: string
  accountA: string
  accountB: string
  /** Adds a member with `role` (creators get `accountIds`). */
  join(role: Role, accountIds?: string[]): Promise<TestUser>
  /** The owner changes a member's role (and a creator's accounts). */
  setRole(user: TestUser, role: Role, accountIds?: string[]): Promise<void>
}

/** An agency workspace with two creator accounts, A and B, owned by a fresh user. */
export async function createAgency(url: string): Promise<Agency> {
  const owner = await signUpUser(url, 'Owner')
  const { workspaceId } = await owner.api.workspaces.create.mutate({ name: 'Agency' })
  const a = docOf('accounts', workspaceId, { handle: 'account_a' })
  const b = docOf('accounts', workspaceId, { handle: 'account_b' })
  await pushAll(owner.api, workspaceId, 'accounts', [a, b])
  return {
    owner,
    workspaceId,
    accountA: a.id,
    accountB: b.id,
    async join(role, accountIds = []) {
      const user = await signUpUser(url, `${role} member`)
      const invite = await owner.api.workspaces.createInvite.mutate({
        workspaceId,
        role,
        accountIds,
      })
      await user.api.workspaces.acceptInvite.mutate({ code: invite.code })
      return user
    },
    async setRole(user, role, accountIds = []) {
      await owner.api.workspaces.changeRole.mutate({
        workspaceId,
        userId: user.userId,
        role,
        accountIds,
      })
    },
  }
}
