import { FlaskConical, Link2, Pencil, Plus, RefreshCw, Trash2, Unlink, Users } from 'lucide-react'
import { useEffect, useMemo, useState } from 'react'
import { Button, Tooltip, TooltipTrigger } from 'react-aria-components'
import { useLiveRxQuery, useRxCollection } from 'rxdb/plugins/react'
import { can, type MemberLike } from '../../../shared/auth/permissions'
import type { AccountDoc } from '../../../shared/data/registry'
import { RefusalNotice } from '../../sync/RefusedChanges'
import { currentPlatform } from '../../platform'
import type { PlatformOptions, SandboxSize } from '../../session/server-api'
import { useSession } from '../../session/session-context'
import { EmptyState } from '../../ui/EmptyState'
import { AccountDialog } from './AccountDialog'
import { LinkSandboxDialog } from './LinkSandboxDialog'
import { LinkStatus } from './LinkStatus'
import { useLinkNotice } from './link-notice'
import { startTikTokLink } from './platform-link'
import { useNow } from './use-now'

/** Strips RxDB's tombstone flag: the local collection's schema does not list `_deleted`. */
function forInsert(doc: AccountDoc): Omit<AccountDoc, '_deleted'> {
  const { _deleted, ...rest } = doc
  return rest
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

const PLATFORM_NAMES: Record<AccountDoc['platform'], string> = {
  tiktok: 'TikTok',
  sandbox: 'Sandbox',
}

export function CreatorAccounts({
  workspaceId,
  member,
}: {
  workspaceId: string
  member: MemberLike | null
}) {
  const api = useSession((s) => s.api)
  const collection = useRxCollection<AccountDoc>('accounts')
  const query = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results, loading } = useLiveRxQuery<AccountDoc>({ collection: 'accounts', query })
  const [editing, setEditing] = useState<AccountDoc | 'new' | null>(null)
  const [linkingSandbox, setLinkingSandbox] = useState(false)
  const [options, setOptions] = useState<PlatformOptions | null>(null)
  const [pending, setPending] = useState<string | null>(null)
  const notice = useLinkNotice((s) => s.notice)
  const show = useLinkNotice((s) => s.show)
  const now = useNow()
  const accounts = results
    .map((d) => d.toJSON() as AccountDoc)
    .sort((a, b) => a.handle.localeCompare(b.handle))
  const mayManage = member ? can(member, 'manageAccounts') : false

  useEffect(() => {
    let live = true
    api
      .platformOptions()
      .then((o) => live && setOptions(o))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [api])

  const save = async (doc: AccountDoc) => {
    if (!collection) throw new Error('the workspace database is not open')
    await collection.upsert(forInsert(doc))
  }

  /** Runs a server action for one account, showing its outcome (or refusal) above the table. */
  const act = async (key: string, work: () => Promise<string | null>) => {
    setPending(key)
    try {
      const done = await work()
      if (done) show({ tone: 'ok', text: done })
    } catch (error) {
      show({ tone: 'error', text: messageOf(error) })
    } finally {
      setPending(null)
    }
  }

  const linkSandbox = async (size: SandboxSize) => {
    await api.linkSandbox({ workspaceId, size })
    show({ tone: 'ok', text: 'Sandbox account linked: its year of history is arriving now.' })
  }

  const linkTikTok = (accountId: string | null) =>
    act(accountId ?? 'tiktok', async () => {
      const outcome = await startTikTokLink(api, currentPlatform(), { workspaceId, accountId })
      return outcome.kind === 'linked'
        ? 'TikTok account linked: its videos and numbers are on their way.'
        : null
    })

  const tiktokReady = options?.tiktok === true
  const tiktokButton = (
    <Button
      className="button"
      onPress={() => void linkTikTok(null)}
      isDisabled={!tiktokReady || pending === 'tiktok'}
    >
      <Link2 aria-hidden="true" size={16} /> Link TikTok account
    </Button>
  )

  return (
    <section aria-labelledby="creator-accounts" className="panel">
      <div className="panel__header">
        <h2 id="creator-accounts">Creator accounts</h2>
        {mayManage ? (
          <div className="panel__actions">
            {tiktokReady ? (
              tiktokButton
            ) : (
              <TooltipTrigger delay={200}>
                <Button
                  className="button button--unavailable"
                  aria-label="Link TikTok account (not set up)"
                >
                  <Link2 aria-hidden="true" size={16} /> Link TikTok account
                </Button>
                <Tooltip className="tooltip" placement="bottom">
                  TikTok linking is not set up on this server: its operator sets
                  REELDESK_TIKTOK_CLIENT_KEY and _SECRET. The sandbox works without them.
                </Tooltip>
              </TooltipTrigger>
            )}
            <Button className="button" onPress={() => setLinkingSandbox(true)}>
              <FlaskConical aria-hidden="true" size={16} /> Link sandbox account
            </Button>
            <Button className="button button--primary" onPress={() => setEditing('new')}>
              <Plus aria-hidden="true" size={16} /> Add account
            </Button>
          </div>
        ) : null}
      </div>
      {notice ? (
        <p
          role={notice.tone === 'error' ? 'alert' : 'status'}
          className={`notice notice--${notice.tone}`}
        >
          {notice.text}
          <Button className="notice__close" aria-label="Dismiss" onPress={() => show(null)}>
            ×
          </Button>
        </p>
      ) : null}
      {loading ? null : accounts.length === 0 ? (
        <EmptyState icon={Users} title="No creator accounts yet">
          {mayManage
            ? 'Link a TikTok account to sync its videos and numbers, or link a sandbox account to see every area with realistic data in seconds. Accounts sync to every member who may see them.'
            : 'Accounts you are given access to appear here.'}
        </EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Handle</th>
              <th scope="col">Name</th>
              <th scope="col">Platform</th>
              <th scope="col">Followers</th>
              <th scope="col">Link</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>
                  @{a.handle}
                  <RefusalNotice collection="accounts" id={a.id} />
                </td>
                <td>{a.displayName}</td>
                <td>{PLATFORM_NAMES[a.platform]}</td>
                <td>{a.followerCount === null ? '—' : a.followerCount.toLocaleString()}</td>
                <td>
                  <LinkStatus account={a} now={now} />
                </td>
                <td className="table__actions">
                  {a.link.state === 'linked' || a.link.state === 'syncing' ? (
                    <Button
                      className="button button--small"
                      aria-label={`Sync @${a.handle} now`}
                      isDisabled={a.link.state === 'syncing' || pending === a.id}
                      onPress={() =>
                        void act(a.id, async () => {
                          await api.syncNow({ workspaceId, accountId: a.id })
                          return null
                        })
                      }
                    >
                      <RefreshCw aria-hidden="true" size={14} /> Sync now
                    </Button>
                  ) : null}
                  {mayManage && a.link.state === 'needs_reconnect' && a.platform === 'tiktok' ? (
                    <Button
                      className="button button--small button--primary"
                      aria-label={`Reconnect @${a.handle}`}
                      isDisabled={!tiktokReady || pending === a.id}
                      onPress={() => void linkTikTok(a.id)}
                    >
                      <Link2 aria-hidden="true" size={14} /> Reconnect
                    </Button>
                  ) : null}
                  {mayManage ? (
                    <>
                      {a.link.state !== 'unlinked' ? (
                        <Button
                          className="icon-button"
                          aria-label={`Unlink @${a.handle}`}
                          isDisabled={pending === a.id}
                          onPress={() =>
                            void act(a.id, async () => {
                              await api.unlink({ workspaceId, accountId: a.id })
                              return `@${a.handle} is unlinked; its data stays in the workspace.`
                            })
                          }
                        >
                          <Unlink aria-hidden="true" size={14} />
                        </Button>
                      ) : null}
                      <Button
                        className="icon-button"
                        aria-label={`Edit @${a.handle}`}
                        onPress={() => setEditing(a)}
                      >
                        <Pencil aria-hidden="true" size={14} />
                      </Button>
                      <Button
                        className="icon-button"
                        aria-label={`Remove @${a.handle}`}
                        onPress={() =>
                          void collection
                            ?.findOne(a.id)
                            .exec()
                            .then((d) => d?.remove())
                        }
                      >
                        <Trash2 aria-hidden="true" size={14} />
                      </Button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <AccountDialog
          workspaceId={workspaceId}
          existing={editing === 'new' ? null : editing}
          isOpen
          onClose={() => setEditing(null)}
          onSave={save}
        />
      ) : null}
      {linkingSandbox ? (
        <LinkSandboxDialog onClose={() => setLinkingSandbox(false)} onLink={linkSandbox} />
      ) : null}
    </section>
  )
}
