import { randomBytes } from 'node:crypto'
import { DRAFT_APPROVAL, type PostDoc } from '../../shared/data/collections/posts'
import { TIKTOK_RATE_LIMITS } from '../../shared/platform/tiktok-facts'
import { openSqlite } from '../../server/db/connect'
import { docOf, pushAll } from '../../server/test-support/agency'
import { blobClient, sha256 } from '../../server/test-support/blob-client'
import { testClient } from '../../server/test-support/client'
import type { ServerProcess } from '../../server/test-support/server-process'
import {
  followWorkspace,
  type WorkspaceFollower,
} from '../../server/test-support/workspace-follower'

const STARTED = new Set(['uploading', 'processing', 'published', 'failed'])

export interface SchedulerResult {
  posts: number
  accounts: number
  lagsMs: number[]
  published: number
  failed: number
  duplicates: number
  /** Most uploads any account started within one rate-limit window (the limit: 6). */
  maxInitsPerWindow: number
}

/**
 * `posts` posts across `accounts` linked sandbox accounts (one workspace each), due spread over
 * one minute. Lag = when a member's client first sees the post start (the server's publish job
 * began the platform upload and wrote "uploading", or stopped it with a reason) minus the post's
 * earliest allowed time: its due time, held back by the platform's per-account init limit
 * (6 a minute, TIKTOK_RATE_LIMITS.directPostInit) — what a person would see.
 * Duplicates = platform uploads beyond one per post (the sandbox's own record of what it got).
 */
export async function measureScheduler(
  server: ServerProcess,
  dataDir: string,
  options: { posts: number; accounts: number; spreadMs: number },
): Promise<SchedulerResult> {
  const workspaces: {
    api: ReturnType<typeof testClient>
    workspaceId: string
    accountId: string
    userId: string
    ref: string
  }[] = []
  for (let i = 0; i < options.accounts; i += 1) {
    const up = await testClient(server.url).auth.signUp.mutate({
      email: `publish-bench-${Date.now().toString(36)}-${i}@example.com`,
      password: 'correct horse battery staple',
      displayName: `Bench ${i}`,
    })
    const api = testClient(server.url, up.token)
    const { accountId } = await api.platform.linkSandbox.mutate({
      workspaceId: up.personalWorkspaceId,
      size: 'new',
      seed: 500 + i,
    })
    const video = randomBytes(64 * 1024)
    const blobs = blobClient(server.url, up.token, up.personalWorkspaceId)
    const begun = await blobs.start(video, { collection: 'posts', accountId })
    const upload = begun.body?.['upload'] as { uploadId: string } | undefined
    if (upload) {
      await blobs.put(upload.uploadId, 0, video)
      await blobs.complete(upload.uploadId)
    }
    workspaces.push({
      api,
      workspaceId: up.personalWorkspaceId,
      accountId,
      userId: up.user.id,
      ref: `sha256:${sha256(video)}`,
    })
  }
  const followers: WorkspaceFollower[] = workspaces.map((w) =>
    followWorkspace(w.api, w.workspaceId, ['posts']),
  )
  await Promise.all(followers.map((f) => f.resynced))

  const start = Date.now() + 5_000
  const due = new Map<string, number>()
  const perWorkspace = new Map<number, PostDoc[]>()
  for (let i = 0; i < options.posts; i += 1) {
    const w = i % workspaces.length
    const target = workspaces[w]!
    const at = start + Math.floor((i / options.posts) * options.spreadMs)
    const post = docOf('posts', target.workspaceId, {
      accountId: target.accountId,
      caption: `bench post ${i}`,
      hashtags: [],
      privacy: 'public',
      video: {
        fileName: 'bench.mp4',
        sizeBytes: 64 * 1024,
        durationMs: 30_000,
        width: 1080,
        height: 1920,
        sha256: target.ref.slice(7),
        ref: target.ref,
      },
      productTags: [],
      approval: { ...DRAFT_APPROVAL },
      scheduledAt: at,
      release: { by: target.userId, at: Date.now() },
    })
    due.set(post.id, at)
    perWorkspace.set(w, [...(perWorkspace.get(w) ?? []), post])
  }
  for (const [w, docs] of perWorkspace) {
    const target = workspaces[w]!
    for (let i = 0; i < docs.length; i += 200)
      await pushAll(target.api, target.workspaceId, 'posts', docs.slice(i, i + 200))
  }

  // Each post's earliest allowed time: its due time, or — when the account already started its
  // `limit` uploads in the window before — one window after the upload `limit` places earlier
  // in the account's order was allowed (the platform's per-token init limit).
  const allowed = new Map<string, number>()
  const limit = TIKTOK_RATE_LIMITS.directPostInit
  for (const docs of perWorkspace.values()) {
    const times: number[] = []
    for (const post of [...docs].sort((a, b) => (a.scheduledAt ?? 0) - (b.scheduledAt ?? 0))) {
      const earlier = times[times.length - limit.limit]
      const at = Math.max(
        post.scheduledAt ?? 0,
        earlier === undefined ? 0 : earlier + limit.windowMs,
      )
      times.push(at)
      allowed.set(post.id, at)
    }
  }
  const lastAllowed = Math.max(...allowed.values())

  const seen = new Map<string, number>()
  const finished = new Map<string, string>()
  // Long enough for the last allowed upload, its platform processing (15 s) and status polls.
  const deadline = lastAllowed + 90_000
  while (finished.size < options.posts && Date.now() < deadline) {
    const now = Date.now()
    for (const f of followers) {
      for (const v of f.versions('posts') as PostDoc[]) {
        if (!due.has(v.id)) continue
        // Started: the platform upload began (or the post stopped with a reason). "queued" — the
        // post waiting for its slot, saying when — is not a start.
        if (STARTED.has(v.publish.state) && !seen.has(v.id)) seen.set(v.id, now)
        if (v.publish.state === 'published' || v.publish.state === 'failed')
          finished.set(v.id, v.publish.state)
      }
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  for (const f of followers) f.stop()

  const database = openSqlite(dataDir)
  const rows = await database.db
    .selectFrom('sandbox_publishes')
    .select(['title', 'account_key', 'created_at'])
    .where('title', 'like', 'bench post %')
    .execute()
  await database.close()
  const byTitle = new Map<string, number>()
  for (const r of rows) byTitle.set(r.title, (byTitle.get(r.title) ?? 0) + 1)
  const duplicates = [...byTitle.values()].reduce((n, c) => n + Math.max(0, c - 1), 0)
  const initsByAccount = new Map<string, number[]>()
  for (const r of rows)
    initsByAccount.set(r.account_key, [
      ...(initsByAccount.get(r.account_key) ?? []),
      Number(r.created_at),
    ])
  let maxInitsPerWindow = 0
  for (const times of initsByAccount.values()) {
    times.sort((a, b) => a - b)
    for (let i = 0; i < times.length; i += 1) {
      let j = i
      while (j < times.length && times[j]! < times[i]! + limit.windowMs) j += 1
      maxInitsPerWindow = Math.max(maxInitsPerWindow, j - i)
    }
  }
  const lagsMs = [...seen].map(([id, at]) => Math.max(0, at - (allowed.get(id) ?? at)))
  // A post never seen starting counts with its lag at the end of the wait (not left out).
  for (const id of due.keys())
    if (!seen.has(id)) lagsMs.push(Math.max(0, Date.now() - (allowed.get(id) ?? 0)))
  return {
    posts: options.posts,
    accounts: options.accounts,
    lagsMs,
    published: [...finished.values()].filter((s) => s === 'published').length,
    failed: [...finished.values()].filter((s) => s === 'failed').length,
    duplicates,
    maxInitsPerWindow,
  }
}
