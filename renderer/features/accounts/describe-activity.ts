import type { AuditEntry } from '../../session/server-api'

const ACTIONS: Record<string, string> = {
  'workspace.created': 'created the workspace',
  'invite.created': 'created an invite',
  'member.joined': 'joined',
  'member.role_changed': 'changed a role',
  'member.removed': 'removed a member',
  'member.left': 'left',
  'storage.settings_changed': 'changed where originals are kept',
}

/** One line of the membership audit trail, in words. */
export function describeAuditEntry(
  entry: AuditEntry,
  nameOf: (userId: string | null) => string,
): string {
  const actor = nameOf(entry.actorUserId)
  const action = ACTIONS[entry.action] ?? entry.action
  const role = typeof entry.details['role'] === 'string' ? ` (${entry.details['role']})` : ''
  const target =
    entry.targetUserId && entry.targetUserId !== entry.actorUserId
      ? `: ${nameOf(entry.targetUserId)}`
      : ''
  return `${actor} ${action}${target}${role}`
}

/** "Chrome on Linux" from a user-agent string: enough to recognise a device, nothing more. */
export function describeAgent(userAgent: string): string {
  const browser = /Electron\//.test(userAgent)
    ? 'Reeldesk desktop'
    : /Edg\//.test(userAgent)
      ? 'Edge'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Chrome\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : /node/i.test(userAgent)
              ? 'Script'
              : 'Browser'
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Mac OS X|Macintosh/.test(userAgent)
      ? 'macOS'
      : /Android/.test(userAgent)
        ? 'Android'
        : /iPhone|iPad/.test(userAgent)
          ? 'iOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null
  return os ? `${browser} on ${os}` : browser
}
