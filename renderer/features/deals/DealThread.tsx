import { AlertTriangle, Check, Clock, RotateCcw, Send } from 'lucide-react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { DealDoc, MessageDoc } from '../../../shared/data/registry'
import { uuidv7 } from '../../../shared/data/ids'
import { markRead, readAt } from '../../../shared/deals/deal-edits'
import { showToast } from '../../app/toasts'
import { useSession } from '../../session/session-context'
import { RefusalNotice } from '../../sync/RefusedChanges'
import type { DealsData } from './use-deals-data'
import './deal-thread.css'

type Audience = MessageDoc['audience']

/** Why the team cannot write to the brand from here (null: it can). */
export function whyNoBrandReplies(
  deal: Pick<DealDoc, 'invitation'>,
  platform: 'tiktok' | 'sandbox' | null,
): string | null {
  if (!deal.invitation)
    return 'This deal was recorded by hand: write to the brand directly. Notes here are for your team.'
  if (platform === null)
    return 'The account is not linked to a platform any more: link it again to reply to the brand.'
  if (platform === 'tiktok')
    return 'TikTok’s public API has no way to send messages: reply in TikTok Creator Marketplace. Notes here are for your team.'
  return null
}

function time(t: number): string {
  return new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })
}

/**
 * The deal's thread: the brand's messages (from the platform), the team's replies to the brand
 * (sent by the server, with how that went) and the team's own notes, oldest first. Opening it
 * moves this member's read mark, which is what the unread counts are measured from.
 */
export function DealThread({
  deal,
  data,
  platform = null,
  canManage = false,
  readOnly,
  onRead,
}: {
  deal: DealDoc
  data: DealsData
  platform?: 'tiktok' | 'sandbox' | null
  /** Owners and managers may send anyone's failed reply again. */
  canManage?: boolean
  readOnly: string | null
  onRead: (next: DealDoc) => Promise<void>
}) {
  const user = useSession((s) => s.user)
  const api = useSession((s) => s.api)
  const noBrand = whyNoBrandReplies(deal, platform)
  const [audience, setAudience] = useState<Audience>(noBrand ? 'team' : 'brand')
  const [body, setBody] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [retrying, setRetrying] = useState<string | null>(null)
  const endRef = useRef<HTMLLIElement>(null)
  const thread = data.messages
    .filter((m) => m.dealId === deal.id && !m._deleted)
    .sort((a, b) => a.sentAt - b.sentAt)
  const newest = thread.at(-1)?.sentAt ?? 0
  const lastRead = user ? readAt(deal, user.id) : 0
  const toBrand = audience === 'brand' && !noBrand

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
      audience: toBrand ? 'brand' : 'team',
      body: text,
      sentAt: now,
      delivery: null,
      updatedAt: now,
      _deleted: false,
    }
    try {
      // Saved locally first: written offline, it is sent when the server next hears from us.
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

  const retry = async (m: MessageDoc) => {
    setRetrying(m.id)
    try {
      await api.retryBrandReply({ workspaceId: m.workspaceId, messageId: m.id })
    } catch (e) {
      showToast({
        title: 'Not sent again',
        description: e instanceof Error ? e.message : String(e),
        tone: 'error',
      })
    } finally {
      setRetrying(null)
    }
  }

  return (
    <section className="thread" aria-labelledby="deal-thread">
      <h3 id="deal-thread">Messages</h3>
      {thread.length === 0 ? (
        <p className="muted">
          No messages yet.{' '}
          {noBrand
            ? 'The brand’s messages arrive here; notes you write are for your team.'
            : 'The brand’s messages arrive here. Reply to the brand, or leave a note for your team.'}
        </p>
      ) : (
        <ol className="thread__list">
          {thread.map((m) => {
            const reply = m.author.kind === 'user' && m.audience === 'brand'
            const failed = reply && m.delivery?.state === 'failed'
            return (
              <li
                key={m.id}
                className={`message message--${m.author.kind}${reply ? ' message--reply' : ''}${failed ? ' message--failed' : ''}${m.sentAt > lastRead && m.author.userId !== user?.id ? ' message--unread' : ''}`}
              >
                <span className="message__who">
                  {m.author.name || (m.author.kind === 'system' ? 'Reeldesk' : 'Brand')}
                  {m.author.kind === 'user' ? (
                    <span className="message__audience">
                      {reply ? `to ${deal.brand}` : 'team note'}
                    </span>
                  ) : null}
                  <span className="muted"> · {time(m.sentAt)}</span>
                </span>
                <span className="message__body">{m.body}</span>
                {reply ? (
                  <DeliveryLine
                    message={m}
                    canRetry={!readOnly && (m.author.userId === user?.id || canManage)}
                    retrying={retrying === m.id}
                    onRetry={() => void retry(m)}
                  />
                ) : null}
                <RefusalNotice collection="messages" id={m.id} />
              </li>
            )
          })}
          <li ref={endRef} aria-hidden="true" />
        </ol>
      )}
      {readOnly ? null : (
        <form
          className="thread__composer"
          aria-label="Write a message"
          onSubmit={(e) => void send(e)}
        >
          <div className="thread__audience" role="radiogroup" aria-label="Send to">
            <button
              type="button"
              role="radio"
              aria-checked={toBrand}
              disabled={noBrand !== null}
              title={noBrand ?? undefined}
              className={toBrand ? 'is-on' : ''}
              onClick={() => setAudience('brand')}
            >
              Reply to {deal.brand}
            </button>
            <button
              type="button"
              role="radio"
              aria-checked={!toBrand}
              className={!toBrand ? 'is-on' : ''}
              onClick={() => setAudience('team')}
            >
              Team note
            </button>
          </div>
          {noBrand ? <p className="thread__hint muted">{noBrand}</p> : null}
          <textarea
            aria-label={toBrand ? `Message to ${deal.brand}` : 'Note to your team'}
            placeholder={
              toBrand
                ? `Message to ${deal.brand} — sent through the platform (Ctrl+Enter sends)`
                : 'Note to your team — the brand never sees it (Ctrl+Enter sends)'
            }
            value={body}
            maxLength={20_000}
            rows={2}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e)
            }}
          />
          <button
            type="submit"
            className="icon-button icon-button--accent"
            aria-label={toBrand ? 'Send to the brand' : 'Save note'}
          >
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

/** How a reply to the brand went: waiting to send, sent, or failed with the reason and Retry. */
function DeliveryLine({
  message,
  canRetry,
  retrying,
  onRetry,
}: {
  message: MessageDoc
  canRetry: boolean
  retrying: boolean
  onRetry: () => void
}) {
  const delivery = message.delivery
  if (delivery?.state === 'sent')
    return (
      <span className="delivery delivery--sent">
        <Check size={12} aria-hidden="true" /> Sent {time(delivery.at)}
      </span>
    )
  if (delivery?.state === 'failed')
    return (
      <span className="delivery delivery--failed" role="status">
        <AlertTriangle size={12} aria-hidden="true" />
        <span>Not sent: {delivery.error ?? 'the platform did not take it.'}</span>
        {canRetry ? (
          <button
            type="button"
            className="button button--small"
            disabled={retrying}
            onClick={onRetry}
          >
            <RotateCcw size={12} aria-hidden="true" /> {retrying ? 'Retrying…' : 'Retry'}
          </button>
        ) : null}
      </span>
    )
  return (
    <span className="delivery delivery--waiting">
      <Clock size={12} aria-hidden="true" />{' '}
      {navigator.onLine ? 'Sending…' : 'Waiting to send — you are offline'}
    </span>
  )
}
