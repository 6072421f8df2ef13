import { format } from 'date-fns'
import { useEffect, useState } from 'react'
import type { WorkspaceDoc } from '../../../shared/data/registry'
import type { AuditEntry } from '../../session/server-api'
import { useSession } from '../../session/session-context'
import { describeAuditEntry } from './describe-activity'

/** Who changed membership and roles, newest first (owners and managers). */
export function AuditLogPanel({ workspace }: { workspace: WorkspaceDoc | null }) {
  const api = useSession((s) => s.api)
  const workspaceId = useSession((s) => s.workspaceId)
  const [entries, setEntries] = useState<AuditEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const membersKey = JSON.stringify(workspace?.members ?? [])

  useEffect(() => {
    if (!workspaceId) return
    api
      .auditLog({ workspaceId, limit: 50 })
      .then((list) => {
        setEntries(list)
        setError(null)
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
    // Reload when membership changes (the replicated workspace document updates).
  }, [api, workspaceId, membersKey])

  const nameOf = (userId: string | null) =>
    workspace?.members.find((m) => m.userId === userId)?.displayName ??
    (userId ? 'A former member' : 'Someone')

  return (
    <section aria-labelledby="audit-log" className="panel">
      <h2 id="audit-log">Membership history</h2>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : entries === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <ol className="member-list" aria-label="Membership history">
          {entries.map((e) => (
            <li key={e.id}>
              <span>{describeAuditEntry(e, nameOf)}</span>
              <time className="muted" dateTime={new Date(e.createdAt).toISOString()}>
                {format(e.createdAt, 'd MMM yyyy, HH:mm')}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
