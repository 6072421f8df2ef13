import { describe, expect, it } from 'vitest'
import type { Role } from '../auth/roles'
import { sampleDocs } from '../data/sample-docs'
import type { Actor } from './transition'
import { checkWorkspaceTransition, settingsReadOnlyReason } from './workspace-transitions'

const actor = (role: Role, userId = 'user-owner'): Actor => ({
  role,
  accountIds: [],
  userId,
  displayName: role,
})

describe('workspace settings rule', () => {
  const before = sampleDocs().workspaces
  const changed = {
    ...before,
    settings: { ...before.settings, eligibility: { overrides: [], standing: [] } },
  }

  it.each(['owner', 'manager'] as const)('%s may change settings', (role) => {
    expect(checkWorkspaceTransition(actor(role), before, changed).ok).toBe(true)
    expect(settingsReadOnlyReason(actor(role))).toBeNull()
  })

  it.each(['editor', 'analyst', 'creator'] as const)('%s may not, and is told why', (role) => {
    const verdict = checkWorkspaceTransition(actor(role), before, changed)
    expect(verdict).toEqual({
      ok: false,
      reason: `only an owner or manager can change the workspace's settings (your role: ${role})`,
    })
    expect(settingsReadOnlyReason(actor(role))).toContain(`your role: ${role}`)
    // Anything else (a rename) is the permission matrix's business, not this rule's.
    expect(checkWorkspaceTransition(actor(role), before, { ...before, name: 'x' }).ok).toBe(true)
  })

  it('refuses approvers who cannot approve; keeps ones listed before', () => {
    const withPolicy = (approverIds: string[]) => ({
      ...before,
      settings: {
        ...before.settings,
        approvals: [
          {
            accountId: before.settings.approvals[0]!.accountId,
            policy: { mode: 'all' as const, approverIds },
          },
        ],
      },
    })
    const bad = checkWorkspaceTransition(actor('owner'), before, withPolicy(['user-creator']))
    expect(bad).toEqual({
      ok: false,
      reason: 'Cam Creator cannot approve posts: choose owners or managers as approvers',
    })
    const stranger = checkWorkspaceTransition(actor('owner'), before, withPolicy(['nobody']))
    expect(stranger.ok).toBe(false)
    expect(checkWorkspaceTransition(actor('owner'), before, withPolicy(['user-owner'])).ok).toBe(
      true,
    )
  })

  it('a pushed deletion is refused whoever sends it', () => {
    const verdict = checkWorkspaceTransition(actor('owner'), before, { ...before, _deleted: true })
    expect(verdict.ok).toBe(false)
    expect(settingsReadOnlyReason(null)).toContain('not a member')
  })
})
