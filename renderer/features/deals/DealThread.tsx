import { Send } from 'lucide-react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { DealDoc, MessageDoc } from '../../../shared/data/registry'
import { uuidv7 } from '../../../shared/data/ids'
import { markRead, readAt } from '../../../shared/deals/deal-edits'
import { showToast } from '../../app/toasts'
import { useSession } from '../../session/session-context'
import { RefusalNotice } from '../../sync/RefusedChanges'
import type { DealsData } from './use-deals-data'

/**
 * The deal's thread: the brand's messages (from the platform) and the team's notes, oldest first.
 * Opening it moves this member's read mark, which is what the unread counts are measured from.
 */
export function DealThread({
  deal,
  data,
  readOnly,
  onRead,
}: {
  deal: DealDoc
  data: DealsData
  readOnly: string | null
  onRead: (next: DealDoc) => Promise<void>
}) {
  const user = useSession((s) => s.user)
  const [body, setBody] = useState('')
  const [error, setError] = useState<string | null>(null)
  const endRef = useRef<HTMLLIElement>(null)
  const thread = data.messages
    .filter((m) => m.dealId === deal.id && !m._deleted)
    .sort((a, b) => a.sentAt - b.sentAt)
  const newest = thread.at(-1)?.sentAt ?? 0
  const lastRead = user ? readAt(deal, user.id) : 0

  // Scroll to the newest message when one arrives (not on every render).
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'nearest' })
  }, [thread.length])

  // Opening the thread reads it: this member's mark moves to the newest message, once.
  const markedRef = useRef(0)
  useEffect(() => {
    if (!user || readOnly || newest <= lastRead || markedRef.current >= newest) return
    markedRef.current = newest
    void onRead({ ...markRead(deal, user.id, newest), updatedAt: Date.now() }).catch(() => {
      markedRef.current = 0
    })
  }, [newest, lastRead, user, readOnly, deal, onRead])

  const send = async (event: FormEvent) => {
    event.preventDefault()
    const text = body.trim()
    if (!text) return setError('Write a message first.')
    if (!user) return
    setError(null)
    const now = Date.now()
    const message: MessageDoc = {
      id: uuidv7(),
      workspaceId: deal.workspaceId,
      dealId: deal.id,
      accountId: deal.accountId,
      author: { kind: 'user', userId: user.id, name: user.displayName },
      audience: 'team',
      body: text,
      sentAt: now,
      delivery: null,
      updatedAt: now,
      _deleted: false,
    }
    try {
      await data.saveMessage(message)
      setBody('')
    } catch (e) {
      showToast({
        title: 'Message not saved',
        description: e instanceof Error ? e.message : String(e),
        tone: 'error',
      })
    }
  }

  return (
    <section className="thread" aria-labelledby="deal-thread">
      <h3 id="deal-thread">Messages</h3>
      {thread.length === 0 ? (
        <p className="muted">
          No messages yet. The brand’s messages arrive here; notes you write are for your team.
        </p>
      ) : (
        <ol className="thread__list">
          {thread.map((m) => (
            <li
              key={m.id}
              className={`message message--${m.author.kind}${m.sentAt > lastRead && m.author.userId !== user?.id ? ' message--unread' : ''}`}
            >
              <span className="message__who">
                {m.author.name || (m.author.kind === 'system' ? 'Reeldesk' : 'Brand')}
                <span className="muted">
                  {' '}
                  ·{' '}
                  {new Date(m.sentAt).toLocaleString('en-GB', {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  })}
                </span>
              </span>
              <span className="message__body">{m.body}</span>
              <RefusalNotice collection="messages" id={m.id} />
            </li>
          ))}
          <li ref={endRef} aria-hidden="true" />
        </ol>
      )}
      {readOnly ? null : (
        <form className="thread__composer" onSubmit={(e) => void send(e)}>
          <textarea
            aria-label="Note to your team"
            placeholder="Note to your team (Ctrl+Enter sends)"
            value={body}
            maxLength={20_000}
            rows={2}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e)
            }}
          />
          <button type="submit" className="icon-button icon-button--accent" aria-label="Send">
            <Send size={16} aria-hidden="true" />
          </button>
          {error ? (
            <p className="field__error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      )}
    </section>
  )
}
