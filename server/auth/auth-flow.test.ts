import { beforeAll, describe, expect, it } from 'vitest'
import { testClient } from '../test-support/client'
import { testBackends, useHarness } from '../test-support/harness'
import { refusal } from '../test-support/refusal'
import type { ServerProcess } from '../test-support/server-process'

const PASSWORD = 'correct horse battery staple'

describe.each(testBackends())('auth and workspaces on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
  })

  it('signs up with a personal workspace, signs in, refuses a wrong password', async () => {
    const anon = testClient(server.url)
    const up = await anon.auth.signUp.mutate({
      email: 'Ana@Example.com',
      password: PASSWORD,
      displayName: 'Ana',
    })
    expect(up.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const ana = testClient(server.url, up.token)
    const list = await ana.workspaces.list.query()
    expect(list).toEqual([
      { id: up.personalWorkspaceId, name: "Ana's workspace", kind: 'personal', role: 'owner' },
    ])
    const pulled = await ana.sync.pull.query({
      collection: 'workspaces',
      workspaceId: up.personalWorkspaceId,
      checkpoint: null,
      limit: 10,
    })
    expect(pulled.documents).toHaveLength(1)
    expect(pulled.documents[0]).toMatchObject({
      id: up.personalWorkspaceId,
      members: [{ userId: up.user.id, role: 'owner', displayName: 'Ana' }],
    })

    const again = await refusal(
      anon.auth.signUp.mutate({
        email: 'ana@example.com',
        password: PASSWORD,
        displayName: 'Ana 2',
      }),
    )
    expect(again.code).toBe('CONFLICT')

    const wrong = await refusal(
      anon.auth.signIn.mutate({ email: 'ana@example.com', password: 'not the password' }),
    )
    expect(wrong).toEqual({ code: 'UNAUTHORIZED', message: 'wrong email or password' })
    const unknown = await refusal(
      anon.auth.signIn.mutate({ email: 'nobody@example.com', password: PASSWORD }),
    )
    expect(unknown.message).toBe('wrong email or password')

    const inAgain = await anon.auth.signIn.mutate({ email: 'ana@example.com', password: PASSWORD })
    expect((await testClient(server.url, inAgain.token).auth.me.query()).user.email).toBe(
      'ana@example.com',
    )
  })

  it('rate-limits sign-in per email, even for the right password afterwards', async () => {
    const anon = testClient(server.url)
    await anon.auth.signUp.mutate({
      email: 'rate@example.com',
      password: PASSWORD,
      displayName: 'Rate',
    })
    for (let i = 0; i < 5; i += 1) {
      expect(
        (
          await refusal(
            anon.auth.signIn.mutate({ email: 'rate@example.com', password: `wrong ${i}` }),
          )
        ).code,
      ).toBe('UNAUTHORIZED')
    }
    const limited = await refusal(
      anon.auth.signIn.mutate({ email: 'rate@example.com', password: PASSWORD }),
    )
    expect(limited.code).toBe('TOO_MANY_REQUESTS')
    expect(limited.message).toContain('too many failed sign-ins')
  })

  it('lists sessions, revokes one and signs out', async () => {
    const anon = testClient(server.url)
    const up = await anon.auth.signUp.mutate({
      email: 'sessions@example.com',
      password: PASSWORD,
      displayName: 'S',
    })
    const other = await anon.auth.signIn.mutate({
      email: 'sessions@example.com',
      password: PASSWORD,
    })
    const me = testClient(server.url, up.token)
    const list = await me.auth.sessions.query()
    expect(list).toHaveLength(2)
    expect(list.filter((s) => s.current)).toHaveLength(1)
    const target = list.find((s) => !s.current)
    await me.auth.revokeSession.mutate({ sessionId: target?.id ?? '' })
    expect((await refusal(testClient(server.url, other.token).auth.me.query())).code).toBe(
      'UNAUTHORIZED',
    )
    expect(
      (await refusal(me.auth.revokeSession.mutate({ sessionId: target?.id ?? '' }))).code,
    ).toBe('NOT_FOUND')
    await me.auth.signOut.mutate()
    expect((await refusal(me.auth.me.query())).code).toBe('UNAUTHORIZED')
  })

  it('invites are single use, roles change with an audit trail, and the last owner stays', async () => {
    const anon = testClient(server.url)
    const ownerUp = await anon.auth.signUp.mutate({
      email: 'boss@example.com',
      password: PASSWORD,
      displayName: 'Boss',
    })
    const owner = testClient(server.url, ownerUp.token)
    const { workspaceId } = await owner.workspaces.create.mutate({ name: 'Studio' })
    const invite = await owner.workspaces.createInvite.mutate({ workspaceId, role: 'editor' })
    const joinerUp = await anon.auth.signUp.mutate({
      email: 'joiner@example.com',
      password: PASSWORD,
      displayName: 'Joiner',
    })
    const joiner = testClient(server.url, joinerUp.token)
    expect(await joiner.workspaces.acceptInvite.mutate({ code: invite.code })).toEqual({
      workspaceId,
      role: 'editor',
    })
    const thirdUp = await anon.auth.signUp.mutate({
      email: 'third@example.com',
      password: PASSWORD,
      displayName: 'Third',
    })
    const reuse = await refusal(
      testClient(server.url, thirdUp.token).workspaces.acceptInvite.mutate({ code: invite.code }),
    )
    expect(reuse).toEqual({
      code: 'BAD_REQUEST',
      message: 'this invite code is invalid, expired or already used',
    })

    // Editors cannot manage members; the owner can, and the workspace document follows.
    expect(
      (await refusal(joiner.workspaces.createInvite.mutate({ workspaceId, role: 'editor' }))).code,
    ).toBe('FORBIDDEN')
    await owner.workspaces.changeRole.mutate({
      workspaceId,
      userId: joinerUp.user.id,
      role: 'analyst',
    })
    const doc = (
      await joiner.sync.pull.query({
        collection: 'workspaces',
        workspaceId,
        checkpoint: null,
        limit: 10,
      })
    ).documents[0]
    expect(doc?.['members']).toMatchObject([
      { userId: ownerUp.user.id, role: 'owner' },
      { userId: joinerUp.user.id, role: 'analyst', displayName: 'Joiner' },
    ])
    expect(
      (
        await refusal(
          owner.workspaces.changeRole.mutate({
            workspaceId,
            userId: ownerUp.user.id,
            role: 'manager',
          }),
        )
      ).message,
    ).toBe('a workspace keeps at least one owner')
    expect((await refusal(joiner.workspaces.auditLog.query({ workspaceId }))).code).toBe(
      'FORBIDDEN',
    )
    const log = await owner.workspaces.auditLog.query({ workspaceId })
    expect(log.map((e) => e.action)).toEqual([
      'member.role_changed',
      'member.joined',
      'invite.created',
      'workspace.created',
    ])
    expect(log[0]?.details).toMatchObject({ from: 'editor', to: 'analyst' })

    await owner.workspaces.removeMember.mutate({ workspaceId, userId: joinerUp.user.id })
    expect(
      (
        await refusal(
          joiner.sync.pull.query({
            collection: 'workspaces',
            workspaceId,
            checkpoint: null,
            limit: 10,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN')
  })
})
