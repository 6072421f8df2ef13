import { formatDistanceToNowStrict } from 'date-fns'
import { useCallback, useEffect, useState } from 'react'
import { Button } from 'react-aria-components'
import type { SessionListItem } from '../../session/server-api'
import { useSession } from '../../session/session-context'
import { describeAgent } from './describe-activity'

/** Where this account is signed in, with a way to sign a lost or old device out. */
export function SessionsPanel() {
  const api = useSession((s) => s.api)
  const [sessions, setSessions] = useState<SessionListItem[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    try {
      setSessions(await api.sessions())
      setError(null)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }, [api])

  useEffect(() => {
    void load()
  }, [load])

  const revoke = async (id: string) => {
    try {
      await api.revokeSession(id)
      await load()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <section aria-labelledby="sessions" className="panel">
      <h2 id="sessions">Signed-in devices</h2>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {sessions === null ? (
        <p className="muted">{error ? 'Shown when the sync server can be reached.' : 'Loading…'}</p>
      ) : (
        <ul className="member-list" aria-label="Signed-in devices">
          {sessions.map((s) => (
            <li key={s.id}>
              <span>
                {s.userAgent ? describeAgent(s.userAgent) : 'Unknown device'}
                {s.current ? <span className="muted"> (this device)</span> : null}
                <span className="muted">
                  {' '}
                  · last used {formatDistanceToNowStrict(s.lastUsedAt, { addSuffix: true })}
                </span>
              </span>
              {s.current ? null : (
                <Button className="button" onPress={() => void revoke(s.id)}>
                  Sign out this device
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
