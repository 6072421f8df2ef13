import { AlertTriangle, CircleAlert, Info, Send } from 'lucide-react'
import { useMemo, useRef, useState } from 'react'
import { Button } from 'react-aria-components'
import { uuidv7 } from '../../../shared/data/ids'
import { can, type MemberLike } from '../../../shared/auth/permissions'
import type { PostDoc, PrivacyLevel } from '../../../shared/data/collections/posts'
import type { MediaDoc } from '../../../shared/data/registry'
import { captionStats, hashtagsOf, suggest, tokenAt } from '../../../shared/publishing/caption'
import {
  blocking,
  runChecks,
  type CheckResult,
  type MusicLicence,
} from '../../../shared/publishing/checks'
import { disclosureLabel, postStatus, rateLimitWait } from '../../../shared/publishing/post-status'
import { PRIVACY_LABELS, privacyOptionsOf } from '../../../shared/publishing/privacy'
import {
  BRANDED_CONTENT_POLICY_URL,
  MUSIC_USAGE_URL,
  POSTING_SCREEN_TEXT,
} from '../../../shared/publishing/publish-facts'
import type { CreatorInfoAnswer } from '../../session/server-api'
import { RefusalNotice } from '../../sync/RefusedChanges'
import { CheckboxInput } from '../../ui/CheckboxInput'
import { ProgressMeter } from '../../ui/ProgressMeter'
import { ApprovalPanel } from './ApprovalPanel'
import { PostProductTags } from './PostProductTags'
import { PostVideoField } from './PostVideoField'
import { fromZonedInput, toZonedInput, viewerZone } from '../../../shared/publishing/zoned-time'

const SEVERITY_ICON = { error: CircleAlert, warning: AlertTriangle, info: Info } as const

export interface ComposerProps {
  post: PostDoc
  info: CreatorInfoAnswer | null
  infoError: string | null
  videos: MediaDoc[]
  /** Hashtags the account used before, most used first (suggestions). */
  history: string[]
  member: MemberLike | null
  userId: string
  displayName: string
  accountZone: string
  /** A brand deal names this post as a deliverable's (disclosure then required). */
  linkedToDeal: boolean
  /** The brands of the deals it delivers (named in the disclosure message). */
  dealBrands: string[]
  /** Set while a Spark code for this post is authorized: its caption is locked on the platform. */
  captionLock: string | null
  /** The caption an authorized Spark code locked for this post (the check compares it). */
  lockedCaption: string | null
  /** The licence of the music in the post's project (null: no music to check). */
  musicLicence: MusicLicence | null
  /** What Creator Rewards eligibility means for this post (a quiet note, never blocking). */
  rewardsHint: string | null
  onChange(next: PostDoc): void
}

/**
 * The posting screen, item by item as the platform's content-sharing guidelines ask: the creator's
 * nickname and avatar, a stop with the platform's reason when the account cannot post, the video
 * checked against the account's maximum duration, an editable caption with live counts, privacy
 * with no default, interactions off by default and greyed when the creator disabled them, the
 * commercial-content disclosure, the consent line, and publish / schedule / send to inbox.
 */
export function PostComposer(props: ComposerProps) {
  const { post, info, onChange } = props
  const linked = info?.linked === true ? info : null
  const creator = linked?.creator ?? null
  const readOnly =
    props.member === null ||
    !can(props.member, 'write', 'posts', post) ||
    post.publish.state === 'uploading' ||
    post.publish.state === 'processing' ||
    post.publish.state === 'published'
  const status = postStatus(post)
  const patch = (fields: Partial<PostDoc>) => onChange({ ...post, ...fields })

  const checks: CheckResult[] = useMemo(
    () =>
      runChecks({
        post,
        creator: creator
          ? {
              maxVideoPostDurationSec: creator.maxVideoPostDurationSec,
              privacyLevelOptions: creator.privacyLevelOptions,
              postingBlocked: creator.postingBlocked,
              followers: null,
            }
          : null,
        appAudited: linked?.appAudited ?? true,
        linkedToDeal: props.linkedToDeal,
        dealBrands: props.dealBrands,
        music: props.musicLicence,
        recent: linked?.recent ?? {
          directPostsLastDay: 0,
          inboxDraftsLastDay: 0,
          shoppableLastWeek: 0,
        },
        lockedCaption: props.lockedCaption,
      }),
    [
      post,
      creator,
      linked,
      props.linkedToDeal,
      props.dealBrands,
      props.musicLicence,
      props.lockedCaption,
    ],
  )
  const errors = blocking(checks)
  const byField = (field: CheckResult['field']) => checks.filter((c) => c.field === field)

  const privacyOptions = creator ? privacyOptionsOf(creator.privacyLevelOptions) : []
  const branded = post.disclosure.commercial && post.disclosure.brandedContent
  const label = disclosureLabel(post.disclosure)
  const mayApprove = props.member !== null && can(props.member, 'approvePost')
  const needsApproval = !mayApprove && post.approval.state !== 'approved'

  const releaseBlocked =
    readOnly || errors.length > 0 || !linked || needsApproval || post.release !== null
  const releaseTitle = !linked
    ? 'Link this account to the platform on the Accounts page first.'
    : needsApproval
      ? 'This post needs approval before it can go out.'
      : (errors[0]?.message ?? undefined)

  const release = () => {
    const at = Date.now()
    patch({
      release: { by: props.userId, at },
      musicConsent: true,
      scheduledAt: scheduleMode === 'schedule' ? post.scheduledAt : null,
      scheduleZone: scheduleMode === 'schedule' ? props.accountZone : null,
    })
  }
  const [scheduleMode, setScheduleMode] = useState<'now' | 'schedule'>(
    post.scheduledAt !== null ? 'schedule' : 'now',
  )
  // The composer is keyed by post id (a new post mounts a new composer), so the initial mode
  // above is read once per post.

  const actionLabel =
    post.mode === 'inbox'
      ? 'Send to inbox'
      : scheduleMode === 'schedule'
        ? 'Schedule'
        : 'Publish now'

  return (
    <form
      className="composer"
      aria-label="Post composer"
      onSubmit={(e) => {
        e.preventDefault()
        if (!releaseBlocked) release()
      }}
    >
      <RefusalNotice collection="posts" id={post.id} />
      <header className="composer__creator">
        {creator?.avatarUrl ? (
          <img className="composer__avatar" src={creator.avatarUrl} alt="" />
        ) : (
          <span className="composer__avatar composer__avatar--initials" aria-hidden="true">
            {(creator?.nickname ?? '?').slice(0, 2).toUpperCase()}
          </span>
        )}
        <div>
          <strong data-testid="creator-nickname">
            {creator ? creator.nickname : info === null ? 'Loading the account…' : 'Not linked'}
          </strong>
          <div className="muted">{creator ? `@${creator.username}` : null}</div>
        </div>
        <span className={`status-badge status-badge--${status}`}>{statusText(post)}</span>
      </header>
      {props.infoError ? (
        <p className="composer__alert" role="alert">
          {props.infoError}
        </p>
      ) : null}
      {info?.linked === false ? (
        <p className="composer__alert" role="alert">
          This account is not linked to a platform yet: link it on the Accounts page to publish. You
          can still write the post and send it for approval.
        </p>
      ) : null}
      {creator?.postingBlocked ? (
        <p className="composer__alert" role="alert">
          This account cannot post right now. The platform said: “{creator.postingBlocked.message}”
        </p>
      ) : null}
      <PublishProgress
        post={post}
        readOnly={readOnly}
        onRetry={() => patch({ release: null })}
        onReschedule={(at) =>
          patch({
            scheduledAt: at,
            scheduleZone: props.accountZone,
            release: { by: props.userId, at: Date.now() },
          })
        }
      />

      <fieldset className="composer__section" disabled={readOnly}>
        <legend>Video</legend>
        <PostVideoField
          post={post}
          videos={props.videos}
          maxDurationSec={creator?.maxVideoPostDurationSec ?? null}
          readOnly={readOnly}
          patch={patch}
        />
        <Findings results={byField('video')} />
        {props.rewardsHint ? (
          <p className="muted composer__hint" data-testid="rewards-hint">
            <Info size={14} aria-hidden="true" /> {props.rewardsHint}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="composer__section" disabled={readOnly}>
        <legend>Caption</legend>
        <CaptionField
          caption={post.caption}
          history={props.history}
          onChange={(caption) => patch({ caption, hashtags: hashtagsOf(caption).slice(0, 50) })}
        />
        {props.captionLock ? (
          <p className="finding finding--warning" data-testid="caption-lock">
            <AlertTriangle size={14} aria-hidden="true" /> {props.captionLock}
          </p>
        ) : null}
        <Findings results={byField('caption')} />
      </fieldset>

      <fieldset className="composer__section" disabled={readOnly}>
        <legend>Who can see this post</legend>
        <label className="field">
          <span>Who can see this post</span>
          <select
            aria-label="Who can see this post"
            value={post.privacy ?? ''}
            required
            onChange={(e) =>
              patch({ privacy: e.target.value === '' ? null : (e.target.value as PrivacyLevel) })
            }
          >
            <option value="" disabled>
              Choose who can see it…
            </option>
            {privacyOptions.map((level) => (
              <option
                key={level}
                value={level}
                disabled={level === 'private' && branded}
                title={
                  level === 'private' && branded ? POSTING_SCREEN_TEXT.brandedNotPrivate : undefined
                }
              >
                {PRIVACY_LABELS[level]}
                {level === 'private' && branded ? ' (not for branded content)' : ''}
              </option>
            ))}
          </select>
        </label>
        {branded ? <p className="muted">{POSTING_SCREEN_TEXT.brandedNotPrivate}</p> : null}
        <Findings results={byField('privacy')} />
        <div className="composer__row" role="group" aria-label="Allow users to">
          <span className="muted">Allow users to</span>
          <CheckboxInput
            label="Comment"
            isSelected={post.allowComments}
            isDisabled={readOnly || creator?.commentDisabled === true}
            onChange={(v) => patch({ allowComments: v })}
          />
          <CheckboxInput
            label="Duet"
            isSelected={post.allowDuet}
            isDisabled={readOnly || creator?.duetDisabled === true}
            onChange={(v) => patch({ allowDuet: v })}
          />
          <CheckboxInput
            label="Stitch"
            isSelected={post.allowStitch}
            isDisabled={readOnly || creator?.stitchDisabled === true}
            onChange={(v) => patch({ allowStitch: v })}
          />
        </div>
      </fieldset>

      <fieldset className="composer__section" disabled={readOnly}>
        <legend>Commercial content</legend>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            aria-label="Disclose commercial content"
            checked={post.disclosure.commercial}
            onChange={(e) =>
              patch({
                disclosure: {
                  commercial: e.target.checked,
                  yourBrand: false,
                  brandedContent: false,
                },
              })
            }
          />
          <span>Disclose commercial content</span>
        </label>
        <p className="muted">
          Turn on to disclose that this video promotes goods or services in exchange for something
          of value. Your video could promote yourself, a third party, or both.
        </p>
        {post.disclosure.commercial ? (
          <div className="composer__disclosure">
            <CheckboxInput
              label="Your brand"
              isSelected={post.disclosure.yourBrand}
              isDisabled={readOnly}
              onChange={(v) => patch({ disclosure: { ...post.disclosure, yourBrand: v } })}
            />
            <p className="muted">{POSTING_SCREEN_TEXT.yourBrandHelp}</p>
            <CheckboxInput
              label="Branded content"
              isSelected={post.disclosure.brandedContent}
              isDisabled={readOnly}
              onChange={(v) =>
                patch({
                  disclosure: { ...post.disclosure, brandedContent: v },
                  // Branded content is never private: a chosen "Only me" is cleared.
                  ...(v && post.privacy === 'private' ? { privacy: null } : {}),
                })
              }
            />
            <p className="muted">{POSTING_SCREEN_TEXT.brandedContentHelp}</p>
            {label ? (
              <p className="composer__label" data-testid="disclosure-label">
                Your video will be labeled “{label}”
              </p>
            ) : null}
          </div>
        ) : null}
        <Findings results={byField('disclosure')} />
        <Findings results={byField('sound')} />
      </fieldset>

      <fieldset className="composer__section" disabled={readOnly}>
        <legend>Products</legend>
        <PostProductTags
          post={post}
          readOnly={readOnly}
          onChange={(productTags) => patch({ productTags })}
        />
      </fieldset>

      <fieldset className="composer__section" disabled={readOnly}>
        <legend>When</legend>
        <div className="composer__row" role="radiogroup" aria-label="When to post">
          <label>
            <input
              type="radio"
              name="when"
              checked={post.mode === 'direct' && scheduleMode === 'now'}
              onChange={() => {
                setScheduleMode('now')
                patch({ mode: 'direct', scheduledAt: null, scheduleZone: null })
              }}
            />{' '}
            Publish now
          </label>
          <label>
            <input
              type="radio"
              name="when"
              checked={post.mode === 'direct' && scheduleMode === 'schedule'}
              onChange={() => {
                setScheduleMode('schedule')
                const next = nextSlot(Date.now())
                patch({
                  mode: 'direct',
                  scheduledAt: post.scheduledAt ?? next,
                  scheduleZone: props.accountZone,
                })
              }}
            />{' '}
            Schedule
          </label>
          <label>
            <input
              type="radio"
              name="when"
              checked={post.mode === 'inbox'}
              onChange={() => {
                setScheduleMode('now')
                patch({ mode: 'inbox', scheduledAt: null, scheduleZone: null })
              }}
            />{' '}
            Send to the TikTok inbox as a draft
          </label>
        </div>
        {scheduleMode === 'schedule' && post.scheduledAt !== null ? (
          <ScheduleField
            at={post.scheduledAt}
            zone={props.accountZone}
            onChange={(at) => patch({ scheduledAt: at, scheduleZone: props.accountZone })}
          />
        ) : null}
        <Findings results={byField('schedule').concat(byField('account'))} />
      </fieldset>

      <p className="composer__consent" data-testid="consent-line">
        {branded ? (
          <>
            By posting, you agree to TikTok’s{' '}
            <a href={BRANDED_CONTENT_POLICY_URL} target="_blank" rel="noreferrer">
              Branded Content Policy
            </a>{' '}
            and{' '}
            <a href={MUSIC_USAGE_URL} target="_blank" rel="noreferrer">
              Music Usage Confirmation
            </a>
            .
          </>
        ) : (
          <>
            By posting, you agree to TikTok’s{' '}
            <a href={MUSIC_USAGE_URL} target="_blank" rel="noreferrer">
              Music Usage Confirmation
            </a>
            .
          </>
        )}
      </p>
      <p className="muted">
        Your video is posted exactly as exported: Reeldesk never adds a watermark. After you post,
        it can take a few minutes to appear on the profile.
      </p>

      <div className="composer__actions" hidden={post.publish.state === 'published'}>
        {post.approval.state === 'draft' || post.approval.state === 'rejected' ? (
          <Button
            className="button"
            isDisabled={readOnly}
            onPress={() =>
              patch({
                approval: {
                  ...post.approval,
                  state: 'pending',
                  by: null,
                  at: null,
                  note: null,
                  submittedBy: props.userId,
                  submittedAt: Date.now(),
                  approvals: [],
                },
                comments: [
                  ...post.comments,
                  {
                    id: uuidv7(),
                    userId: props.userId,
                    author: props.displayName,
                    body: 'Submitted for approval',
                    at: Date.now(),
                    kind: 'submitted',
                  },
                ],
              })
            }
          >
            Submit for approval
          </Button>
        ) : null}
        <span title={releaseTitle} className="composer__publish">
          <Button type="submit" className="button button--primary" isDisabled={releaseBlocked}>
            <Send size={14} aria-hidden="true" /> {actionLabel}
          </Button>
        </span>
        {releaseBlocked && releaseTitle && !readOnly && post.release === null ? (
          <span className="muted" data-testid="publish-blocked">
            {releaseTitle}
          </span>
        ) : null}
      </div>
      <ApprovalPanel
        post={post}
        member={props.member}
        userId={props.userId}
        displayName={props.displayName}
        onChange={onChange}
      />
    </form>
  )
}

function statusText(post: PostDoc): string {
  const status = postStatus(post)
  const labels: Record<typeof status, string> = {
    draft: 'Draft',
    pending: 'Waiting for approval',
    changes: 'Changes requested',
    approved: 'Approved',
    scheduled: post.scheduledAt ? 'Scheduled' : 'Queued',
    publishing: 'Publishing',
    published: 'Published',
    failed: 'Failed',
  }
  return labels[status]
}

function PublishProgress(props: {
  post: PostDoc
  readOnly: boolean
  onRetry(): void
  onReschedule(at: number): void
}) {
  const { publish, release } = props.post
  const current = release !== null && publish.releaseAt === release.at
  if (publish.state === 'published')
    return (
      <p className="composer__done" role="status">
        Published{publish.publishedAt ? ` ${new Date(publish.publishedAt).toLocaleString()}` : ''}
        {publish.action ? ` — ${publish.action}` : ''}
      </p>
    )
  if (!current) return null
  if (publish.state === 'failed')
    return (
      <div className="composer__alert" role="alert">
        <strong>It was not published.</strong> {publish.error}
        {publish.action ? <div>What to do: {publish.action}</div> : null}
        {publish.code ? <div className="muted">Code: {publish.code}</div> : null}
        <div className="composer__actions">
          {publish.suggestedAt ? (
            <Button
              className="button button--primary"
              onPress={() => props.onReschedule(publish.suggestedAt ?? Date.now())}
              isDisabled={props.readOnly}
            >
              Reschedule to {new Date(publish.suggestedAt).toLocaleString()}
            </Button>
          ) : null}
          <Button className="button" onPress={props.onRetry} isDisabled={props.readOnly}>
            Edit and try again
          </Button>
        </div>
      </div>
    )
  const waiting = rateLimitWait(props.post)
  if (waiting)
    return (
      <p className="composer__waiting" role="status">
        {waiting}
      </p>
    )
  if (publish.state === 'uploading' || publish.state === 'processing')
    return (
      <ProgressMeter
        aria-label={
          publish.state === 'uploading'
            ? 'Sending to the platform'
            : 'The platform is processing it'
        }
        value={(publish.progress ?? 0) * 100}
        valueLabel={
          publish.state === 'uploading'
            ? `Sending to the platform… ${Math.round((publish.progress ?? 0) * 100)}%`
            : 'The platform is processing the video…'
        }
      />
    )
  return null
}

function Findings({ results }: { results: CheckResult[] }) {
  if (!results.length) return null
  return (
    <ul className="findings">
      {results.map((r) => {
        const Icon = SEVERITY_ICON[r.severity]
        return (
          <li key={r.id} className={`finding finding--${r.severity}`} data-check={r.id}>
            <Icon size={14} aria-hidden="true" />
            <span>{r.message}</span>
          </li>
        )
      })}
    </ul>
  )
}

function CaptionField(props: {
  caption: string
  history: string[]
  onChange(caption: string): void
}) {
  const ref = useRef<HTMLTextAreaElement>(null)
  const [cursor, setCursor] = useState(0)
  const stats = captionStats(props.caption)
  const token = tokenAt(props.caption, cursor)
  const suggestions = token?.sign === '#' ? suggest(props.history, token.text) : []
  const accept = (tag: string) => {
    if (!token) return
    const before = props.caption.slice(0, token.start)
    const after = props.caption.slice(cursor)
    const next = `${before}#${tag} ${after}`
    props.onChange(next)
    const at = before.length + tag.length + 2
    requestAnimationFrame(() => {
      ref.current?.setSelectionRange(at, at)
      setCursor(at)
    })
  }
  return (
    <div className="field">
      <label htmlFor="composer-caption">Caption</label>
      <textarea
        id="composer-caption"
        ref={ref}
        rows={4}
        value={props.caption}
        aria-describedby="caption-counts"
        onChange={(e) => {
          props.onChange(e.target.value)
          setCursor(e.target.selectionStart)
        }}
        onSelect={(e) => setCursor(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (e.key === 'Tab' && suggestions[0]) {
            e.preventDefault()
            accept(suggestions[0])
          }
        }}
      />
      <div id="caption-counts" className="composer__counts" aria-live="polite">
        <span className={stats.characters > stats.max ? 'over' : undefined}>
          {stats.characters.toLocaleString('en-US')} / {stats.max.toLocaleString('en-US')}
        </span>
        <span>
          {stats.hashtags.length} hashtag{stats.hashtags.length === 1 ? '' : 's'}
        </span>
        <span>
          {stats.mentions.length} mention{stats.mentions.length === 1 ? '' : 's'}
        </span>
      </div>
      {suggestions.length ? (
        <div className="chip-group" role="group" aria-label="Hashtag suggestions">
          {suggestions.map((tag) => (
            <button type="button" key={tag} className="chip" onClick={() => accept(tag)}>
              #{tag}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  )
}

function ScheduleField(props: { at: number; zone: string; onChange(at: number): void }) {
  const viewer = viewerZone()
  const value = toZonedInput(props.at, props.zone)
  return (
    <div className="field">
      <label htmlFor="composer-when">Date and time ({props.zone})</label>
      <input
        id="composer-when"
        type="datetime-local"
        value={value}
        onChange={(e) => {
          const at = fromZonedInput(e.target.value, props.zone)
          if (at !== null) props.onChange(at)
        }}
      />
      {viewer !== props.zone ? (
        <span className="muted">
          Your time ({viewer}): {toZonedInput(props.at, viewer).replace('T', ' ')}
        </span>
      ) : null}
    </div>
  )
}

function nextSlot(now: number): number {
  const hour = 3_600_000
  return Math.ceil((now + hour) / hour) * hour
}
