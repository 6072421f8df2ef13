import { CalendarDays, List, Plus, Send } from 'lucide-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { Button } from 'react-aria-components'
import { uuidv7 } from '../../../shared/data/ids'
import { useLiveRxQuery, useRxCollection } from 'rxdb/plugins/react'
import { whyReadOnly } from '../../../shared/auth/explain'
import { can } from '../../../shared/auth/permissions'
import type { AccountDoc, DealDoc, MediaDoc, PostDoc } from '../../../shared/data/registry'
import { zoneOfRegion } from '../../../shared/publishing/account-zone'
import {
  newPost,
  postStatus,
  POST_STATUS_LABELS,
  rateLimitWait,
} from '../../../shared/publishing/post-status'
import { viewerZone } from '../../../shared/publishing/zoned-time'
import { normalizePostEdit } from '../../../shared/workflow/post-transitions'
import { useCurrentAccount } from '../../app/current-account-store'
import { useLocalMedia } from '../editor/media/local-media-store'
import { useWorkspaceMember } from '../../app/use-workspace-member'
import type { CreatorInfoAnswer, ServerApi } from '../../session/server-api'
import { useSession } from '../../session/session-context'
import { showToast } from '../../app/toasts'
import { EmptyState } from '../../ui/EmptyState'
import { PublishCalendar } from './PublishCalendar'
import { PostComposer } from './PostComposer'
import './publish.css'
import { useLocalDraft } from './use-local-draft'
import { usePublishIntent } from './publish-intent'
import { captionLockWarning, lockedCaptionOf } from '../../../shared/deals/deadlines'
import { dealsLinkedTo } from '../../../shared/deals/disclosure'
import { creatorRewardsHint } from '../../../shared/publishing/eligibility-hint'
import { useNow } from '../accounts/use-now'
import { useEligibility } from '../eligibility/use-eligibility'
import { useBestTimes } from './use-best-times'
import { useMusicLicence } from './use-music-licence'

/** Strips RxDB's tombstone flag: the local collection's schema does not list `_deleted`. */
function forInsert(doc: PostDoc): Omit<PostDoc, '_deleted'> {
  const { _deleted, ...rest } = doc
  return rest
}

type View = 'list' | 'week' | 'month'

/**
 * The Publish area: the current account's posts (or every account's, for an agency) as a list or
 * a week/month calendar, and the composer for the selected post. Writes go to the local database
 * first (offline drafts are kept) and replicate; the server publishes released posts itself.
 */
export function PublishPage() {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const user = useSession((s) => s.user)
  const api = useSession((s) => s.api)
  const { member } = useWorkspaceMember()
  const { accountId, accounts } = useCurrentAccount()
  const collection = useRxCollection<PostDoc>('posts')
  const query = useMemo(
    () => ({ selector: { workspaceId, ...(accountId ? { accountId } : {}) } }),
    [workspaceId, accountId],
  )
  const { results, loading } = useLiveRxQuery<PostDoc>({ collection: 'posts', query })
  const mediaQuery = useMemo(
    () => ({ selector: { workspaceId, kind: 'video' as const } }),
    [workspaceId],
  )
  const media = useLiveRxQuery<MediaDoc>({ collection: 'media', query: mediaQuery })
  const dealQuery = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const deals = useLiveRxQuery<DealDoc>({ collection: 'deals', query: dealQuery })
  const posts = useMemo(
    () =>
      results
        .map((d) => d.toJSON() as PostDoc)
        // Posts made on the platform directly (history) stay in Analytics; here: Reeldesk's.
        .filter((p) => !(p.publish.state === 'published' && p.video === null))
        .sort((a, b) => sortKey(b) - sortKey(a)),
    [results],
  )
  // The current account's best posting times, from its own posts' numbers, on its clock.
  const calendarZone = accountId
    ? zoneOfRegion(accounts.find((a) => a.id === accountId)?.region, viewerZone())
    : null
  const bestTimes = useBestTimes(workspaceId, accountId, calendarZone, results)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [view, setView] = useState<View>('list')
  // A post made elsewhere ("Publish…" on an export) opens here.
  const intent = usePublishIntent((s) => s.openPostId)
  useEffect(() => {
    if (!intent) return
    setSelectedId(intent)
    setView('list')
    usePublishIntent.getState().clear()
  }, [intent])
  const stored = posts.find((p) => p.id === selectedId) ?? null
  const accountOf = (id: string) => accounts.find((a) => a.id === id) ?? null
  const viewer = viewerZone()

  const mayWriteAny = member !== null && can(member, 'write', 'posts')
  const readOnlyReason = member && !mayWriteAny ? whyReadOnly(member, 'posts') : null
  const targetAccount = accountId ?? (accounts.length === 1 ? (accounts[0]?.id ?? null) : null)

  const save = async (next: PostDoc) => {
    if (!collection) return
    const before = posts.find((p) => p.id === next.id)
    const doc = normalizePostEdit(before, { ...next, updatedAt: Date.now() })
    try {
      await collection.upsert(forInsert(doc))
    } catch (error) {
      showToast({ title: 'The post was not saved', description: messageOf(error), tone: 'error' })
    }
  }

  const [selected, edit] = useLocalDraft(stored, save)

  const create = async () => {
    if (!targetAccount || !collection) return
    const post = newPost({
      id: uuidv7(),
      workspaceId,
      accountId: targetAccount,
      now: Date.now(),
    })
    try {
      await collection.insert(post)
      setSelectedId(post.id)
    } catch (error) {
      showToast({ title: 'Could not start a post', description: messageOf(error), tone: 'error' })
    }
  }

  // N opens a new post (not while typing).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return
      if (e.key === 'n' && !e.metaKey && !e.ctrlKey && !e.altKey) void create()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  const history = useMemo(() => {
    const tags: string[] = []
    for (const d of results) {
      const p = d.toJSON() as PostDoc
      if (!selected || p.accountId === selected.accountId) tags.push(...p.hashtags)
    }
    return tags
  }, [results, selected])

  const localOriginals = useLocalMedia((s) => s.original)
  // On the server, or on this device (its upload is queued as soon as a post uses it).
  const videos = (media.results.map((d) => d.toJSON() as MediaDoc) ?? []).filter(
    (m) =>
      (m.remoteRef !== null || localOriginals[m.id] === true) &&
      (selected === null || m.accountId === null || m.accountId === selected.accountId),
  )

  const info = useCreatorInfo(api, workspaceId, selected)
  const selectedAccount = selected ? accountOf(selected.accountId) : null
  const accountZone = zoneOfRegion(selectedAccount?.region, viewer)
  // Hints from the other areas' rules: the deals that bind the post (disclosure, Spark caption
  // lock) and the account's Creator Rewards eligibility.
  const now = useNow(60_000)
  const dealDocs = useMemo(() => deals.results.map((d) => d.toJSON() as DealDoc), [deals.results])
  const linkedDeals = selected ? dealsLinkedTo(selected.id, dealDocs) : []
  const captionLock = selected ? captionLockWarning(dealDocs, selected.id, now) : null
  const lockedCaption = selected ? lockedCaptionOf(dealDocs, selected.id, now) : null
  const musicLicence = useMusicLicence(workspaceId, selected?.projectId ?? null)
  const eligibility = useEligibility(workspaceId, selectedAccount ? [selectedAccount] : [], now)
  const rewardsHint = selected
    ? creatorRewardsHint(
        eligibility.results.get(selected.accountId) ?? [],
        selected.video?.durationMs ?? null,
      )
    : null

  return (
    <div className="publish">
      <div className="publish__toolbar">
        <div className="tabs" role="tablist" aria-label="View">
          {(['list', 'week', 'month'] as const).map((v) => (
            <button
              key={v}
              role="tab"
              type="button"
              aria-selected={view === v}
              className="tabs__tab"
              onClick={() => setView(v)}
            >
              {v === 'list' ? (
                <List size={14} aria-hidden="true" />
              ) : (
                <CalendarDays size={14} aria-hidden="true" />
              )}{' '}
              {v === 'list' ? 'List' : v === 'week' ? 'Week' : 'Month'}
            </button>
          ))}
        </div>
        <span className="publish__spacer" />
        {readOnlyReason ? <span className="muted">{readOnlyReason}</span> : null}
        <Button
          className="button button--primary"
          isDisabled={!mayWriteAny || !targetAccount}
          onPress={() => void create()}
          aria-keyshortcuts="N"
        >
          <Plus size={14} aria-hidden="true" /> New post
        </Button>
      </div>
      {!targetAccount && mayWriteAny && accounts.length > 1 ? (
        <p className="muted">Choose an account in the header to write a post for it.</p>
      ) : null}
      {accounts.length === 0 && !loading ? (
        <EmptyState icon={Send} title="No creator accounts yet">
          Add or link a creator account on the Accounts page; its posts are written and scheduled
          here.
        </EmptyState>
      ) : (
        <div className={`publish__body publish__body--${view}`}>
          <div className="publish__side">
            {view === 'list' ? (
              <PostList
                posts={posts}
                loading={loading}
                selectedId={selectedId}
                onSelect={setSelectedId}
                accountOf={accountOf}
                showAccount={accountId === null}
              />
            ) : (
              <PublishCalendar
                view={view}
                posts={posts}
                zone={calendarZone ?? viewer}
                bestTimes={bestTimes}
                viewerZone={viewer}
                accounts={accounts}
                selectedId={selectedId}
                onSelect={setSelectedId}
                onMove={(post, at) => void save({ ...post, scheduledAt: at })}
                canMove={(post) =>
                  member !== null &&
                  can(member, 'write', 'posts', post) &&
                  post.publish.state !== 'published' &&
                  post.publish.state !== 'uploading' &&
                  post.publish.state !== 'processing'
                }
              />
            )}
          </div>
          <div className="publish__main">
            {selected && user ? (
              <PostComposer
                key={selected.id}
                post={selected}
                info={info.answer}
                infoError={info.error}
                videos={videos}
                history={history}
                member={member}
                userId={user.id}
                displayName={user.displayName}
                accountZone={selected.scheduleZone ?? accountZone}
                linkedToDeal={linkedDeals.length > 0}
                dealBrands={linkedDeals.map((d) => d.brand)}
                captionLock={captionLock}
                lockedCaption={lockedCaption}
                musicLicence={musicLicence}
                rewardsHint={rewardsHint}
                onChange={edit}
              />
            ) : (
              <EmptyState icon={Send} title={posts.length ? 'Pick a post' : 'No posts yet'}>
                {posts.length
                  ? 'Choose a post on the left to edit, approve or schedule it.'
                  : 'Press “New post” (or N) to write one: choose a video, a caption and who can see it, then publish now, schedule it or send it for approval. Drafts written offline are kept and sync later.'}
              </EmptyState>
            )}
          </div>
        </div>
      )}
    </div>
  )
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function sortKey(p: PostDoc): number {
  return p.publish.publishedAt ?? p.scheduledAt ?? p.updatedAt
}

function useCreatorInfo(api: ServerApi, workspaceId: string, post: PostDoc | null) {
  const [state, setState] = useState<{ answer: CreatorInfoAnswer | null; error: string | null }>({
    answer: null,
    error: null,
  })
  const accountId = post?.accountId ?? null
  const postId = post?.id ?? null
  const last = useRef<string | null>(null)
  useEffect(() => {
    if (!accountId) return
    let live = true
    const key = `${accountId}:${postId}`
    if (last.current !== key) setState({ answer: null, error: null })
    last.current = key
    api
      .creatorInfo({ workspaceId, accountId, postId })
      .then((answer) => live && setState({ answer, error: null }))
      .catch((error: unknown) => {
        if (!live) return
        setState({
          answer: null,
          error: `Could not ask the platform about this account: ${error instanceof Error ? error.message : String(error)}. You can keep writing; publishing checks again.`,
        })
      })
    return () => {
      live = false
    }
  }, [api, workspaceId, accountId, postId])
  return state
}

function PostList(props: {
  posts: PostDoc[]
  loading: boolean
  selectedId: string | null
  onSelect(id: string): void
  accountOf(id: string): AccountDoc | null
  showAccount: boolean
}) {
  if (props.loading && props.posts.length === 0) return <p className="loading">Loading posts…</p>
  if (props.posts.length === 0)
    return <p className="muted publish__empty">No posts for this account yet.</p>
  return (
    <ul className="post-list" aria-label="Posts">
      {props.posts.map((p) => {
        const status = postStatus(p)
        return (
          <li key={p.id}>
            <button
              type="button"
              className="post-list__item"
              aria-current={p.id === props.selectedId}
              onClick={() => props.onSelect(p.id)}
            >
              <span className={`status-dot status-dot--${status}`} aria-hidden="true" />
              <span className="post-list__text">
                <span className="post-list__caption">{p.caption || 'Untitled post'}</span>
                <span className="muted">
                  {POST_STATUS_LABELS[status]}
                  {p.scheduledAt ? ` · ${new Date(p.scheduledAt).toLocaleString()}` : ''}
                  {rateLimitWait(p) ? ` · ${rateLimitWait(p)}` : ''}
                  {props.showAccount ? ` · @${props.accountOf(p.accountId)?.handle ?? '?'}` : ''}
                </span>
              </span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}
