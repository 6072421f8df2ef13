import { describe, expect, it } from 'vitest'
import { describeAgent, describeAuditEntry } from './describe-activity'

describe('describeAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36',
      'Chrome on Linux',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15',
      'Safari on macOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36 Edg/130.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) Chrome/134.0 Electron/41.7.1 Safari/537.36',
      'Reeldesk desktop on Linux',
    ],
    ['node', 'Script'],
  ])('%s → %s', (ua, expected) => {
    expect(describeAgent(ua)).toBe(expected)
  })
})

describe('describeAuditEntry', () => {
  const names: Record<string, string> = { u1: 'Ada', u2: 'Grace' }
  const nameOf = (id: string | null) => (id ? (names[id] ?? 'A former member') : 'Someone')
  const entry = (action: string, target: string | null, details: Record<string, unknown> = {}) => ({
    id: 1,
    workspaceId: 'w',
    actorUserId: 'u1',
    action,
    targetUserId: target,
    details,
    createdAt: 0,
  })

  it('names the actor, the target and the role in words', () => {
    expect(
      describeAuditEntry(entry('member.role_changed', 'u2', { role: 'analyst' }), nameOf),
    ).toBe('Ada changed a role: Grace (analyst)')
    expect(describeAuditEntry(entry('member.joined', 'u1', { role: 'editor' }), nameOf)).toBe(
      'Ada joined (editor)',
    )
    expect(describeAuditEntry(entry('member.removed', 'u9'), nameOf)).toBe(
      'Ada removed a member: A former member',
    )
  })

  it('keeps an action it does not know readable', () => {
    expect(describeAuditEntry(entry('workspace.renamed', null), nameOf)).toBe(
      'Ada workspace.renamed',
    )
  })
})
