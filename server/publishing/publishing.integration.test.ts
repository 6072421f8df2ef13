import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRAFT_APPROVAL, type PostDoc } from '../../shared/data/collections/posts'
import { setMusic } from '../../shared/timeline/edit'
import { createTimeline } from '../../shared/timeline/model'
import { createAgency, docOf, pushAll, type Agency, type TestUser } from '../test-support/agency'
import { blobClient, sha256 } from '../test-support/blob-client'
import { testBackends, useHarness, type BackendStore } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'
import { followWorkspace } from '../test-support/workspace-follower'

/**
 * Server-side publishing through a real server process and its job runner, against the sandbox
 * platform: a released post is published with nobody connected, its state changes reach a
 * follower live, the server's checks stop a bad post with a reason, approvals gate releases by
 * role, and a server killed mid-publish resumes the same platform upload (one platform post).
 */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000) {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(value).slice(0, 800)}`)
    await new Promise((r) => setTimeout(r, 150))
  }
}

describe.each(testBackends())('publishing through a real server on %s', (kind) => {
  const harness = useHarness(kind)
  let store: BackendStore
  let server: ServerProcess
  let agency: Agency
  let editor: TestUser
  let accountId: string
  let ref: string
  const video = randomBytes(700_000)

  /** Starts the server (again on the same port, so the members' clients reach it). */
  const start = (port?: number) =>
    harness
      .start(store, { env: { REELDESK_JOB_POLL_MS: '100' }, ...(port ? { port } : {}) })
      .then((s) => (server = s))
  const fetchPost = async (id: string) => {
    const page = await agency.owner.api.sync.pull.query({
      workspaceId: agency.workspaceId,
      collection: 'posts',
      checkpoint: null,
      limit: 1000,
    })
    return page.documents.find((d) => d['id'] === id) as PostDoc | undefined
  }
  const post = (fields: Partial<PostDoc>): PostDoc =>
    docOf('posts', agency.workspaceId, {
      accountId,
      caption: 'Morning run #fitness',
      hashtags: ['fitness'],
      privacy: 'public',
      video: {
        fileName: 'run.mp4',
        sizeBytes: video.length,
        durationMs: 75_000,
        width: 1080,
        height: 1920,
        sha256: sha256(video),
        ref,
      },
      productTags: [],
      approval: { ...DRAFT_APPROVAL },
      ...fields,
    })

  beforeAll(async () => {
    store = await harness.newStore()
    await start()
    agency = await createAgency(server.url)
    editor = await agency.join('editor')
    const linked = await agency.owner.api.platform.linkSandbox.mutate({
      workspaceId: agency.workspaceId,
      size: 'new',
      seed: 7,
    })
    accountId = linked.accountId
    // The video reaches the server through the resumable upload routes, SHA-256 checked.
    const blobs = blobClient(server.url, agency.owner.token, agency.workspaceId)
    const started = await blobs.start(video, { collection: 'posts', accountId })
    if (started.body?.['status'] !== 'stored') {
      const uploadId = (started.body?.['upload'] as { uploadId: string }).uploadId
      expect((await blobs.put(uploadId, 0, video)).status).toBe(200)
      expect((await blobs.complete(uploadId)).status).toBe(200)
    }
    ref = `sha256:${sha256(video)}`
  })

  afterAll(() => server?.kill())

  it('publishes a released post with nobody connected; every step reaches followers live', async () => {
    const follower = followWorkspace(agency.owner.api, agency.workspaceId, ['posts'])
    try {
      await follower.resynced
      const now = Date.now()
      const doc = post({ release: { by: agency.owner.userId, at: now }, scheduledAt: now + 1000 })
      await pushAll(agency.owner.api, agency.workspaceId, 'posts', [doc])
      const done = await eventually(
        () => fetchPost(doc.id),
        (p) => p?.publish.state === 'published' || p?.publish.state === 'failed',
      )
      expect(done?.publish).toMatchObject({ state: 'published', releaseAt: now, error: null })
      expect(done?.publish.platformPostId).toMatch(/^\d{19}$/)
      expect(done?.publish.publishedAt).toBeGreaterThanOrEqual(now + 1000)
      // The follower hears of the last write through the stream, a moment after the pull above.
      const states = () =>
        (follower.versions('posts') as PostDoc[])
          .filter((p) => p.id === doc.id)
          .map((p) => p.publish.state)
      await eventually(
        () => Promise.resolve(states()),
        (s) => s.includes('published'),
        30_000,
      )
      // A client pulls the latest version when told of a change: two writes landing between its
      // pulls reach it as one (uploading → processing can), so it sees some of the steps live.
      expect(states().some((s) => s === 'uploading' || s === 'processing')).toBe(true)
      expect(states()).toContain('published')
      // Never a second time: a new release of a published post is refused.
      const again = { ...done!, release: { by: agency.owner.userId, at: Date.now() } }
      const out = await agency.owner.api.sync.push.mutate({
        workspaceId: agency.workspaceId,
        collection: 'posts',
        rows: [{ assumedMasterState: done!, newDocumentState: again }],
      })
      expect(out.refused[0]?.reason).toContain('already published')
    } finally {
      follower.stop()
    }
  })

  it('stops a post the checks refuse, with the reason and what to do', async () => {
    const now = Date.now()
    const tooLong = post({
      release: { by: agency.owner.userId, at: now },
      video: {
        fileName: 'long.mp4',
        sizeBytes: video.length,
        durationMs: 700_000,
        width: 1080,
        height: 1920,
        sha256: sha256(video),
        ref,
      },
    })
    const branded = post({
      release: { by: agency.owner.userId, at: now },
      privacy: 'private',
      disclosure: { commercial: true, yourBrand: false, brandedContent: true },
    })
    const forDeal = post({ release: { by: agency.owner.userId, at: now }, caption: 'Deal post' })
    const deal = docOf('deals', agency.workspaceId, {
      accountId,
      deliverables: [
        {
          id: forDeal.id,
          kind: 'video',
          description: 'one video',
          dueAt: null,
          postId: forDeal.id,
          projectId: null,
          done: false,
        },
      ],
    })
    await pushAll(agency.owner.api, agency.workspaceId, 'deals', [deal])
    // A paid partnership whose project's music is licensed for personal use only.
    const song = docOf('media', agency.workspaceId, {
      accountId,
      kind: 'audio',
      fileName: 'summer-hit.mp3',
      musicLicence: 'personal',
    })
    const project = docOf('projects', agency.workspaceId, {
      accountId,
      timeline: setMusic(createTimeline(), { mediaId: song.id }),
    })
    await pushAll(agency.owner.api, agency.workspaceId, 'media', [song])
    await pushAll(agency.owner.api, agency.workspaceId, 'projects', [project])
    const withSong = post({
      release: { by: agency.owner.userId, at: now },
      projectId: project.id,
      disclosure: { commercial: true, yourBrand: false, brandedContent: true },
    })
    // A post whose caption was edited after the brand's Spark code locked it.
    const sparked = post({ release: { by: agency.owner.userId, at: now }, caption: 'Edited later' })
    const sparkDeal = docOf('deals', agency.workspaceId, {
      accountId,
      state: 'posted',
      sparkCodes: [
        {
          id: sparked.id,
          code: 'SPARK-LOCK',
          postId: sparked.id,
          durationDays: 30,
          issuedAt: now - 1000,
          revokedAt: null,
          caption: 'Launch day',
        },
      ],
    })
    await pushAll(agency.owner.api, agency.workspaceId, 'deals', [sparkDeal])
    await pushAll(agency.owner.api, agency.workspaceId, 'posts', [
      tooLong,
      branded,
      forDeal,
      withSong,
      sparked,
    ])
    const failed = (id: string) =>
      eventually(
        () => fetchPost(id),
        (p) => p?.publish.state === 'failed',
      )
    expect((await failed(tooLong.id))?.publish).toMatchObject({
      code: 'duration_over_max',
      error: expect.stringContaining('up to 600 s'),
      action: expect.any(String),
    })
    expect((await failed(forDeal.id))?.publish).toMatchObject({
      code: 'disclosure_missing',
      error: expect.stringContaining('delivers a brand deal'),
    })
    expect((await failed(branded.id))?.publish).toMatchObject({
      code: 'branded_private',
      error: 'Branded content visibility cannot be set to private.',
    })
    expect((await failed(withSong.id))?.publish).toMatchObject({
      code: 'sound_not_commercial',
      error: expect.stringContaining('personal use only'),
    })
    expect((await failed(sparked.id))?.publish).toMatchObject({
      code: 'caption_locked',
      error: expect.stringContaining('caption is locked'),
    })
  })

  it('an editor releases only an approved post; a manager approves; edits send it back', async () => {
    const draft = post({ caption: 'Editor cut' })
    await pushAll(editor.api, agency.workspaceId, 'posts', [draft])
    const release = { by: editor.userId, at: Date.now() }
    const early = await editor.api.sync.push.mutate({
      workspaceId: agency.workspaceId,
      collection: 'posts',
      rows: [{ assumedMasterState: draft, newDocumentState: { ...draft, release } }],
    })
    expect(early.refused[0]?.reason).toContain('submit this post for approval')

    const pending: PostDoc = {
      ...draft,
      approval: { ...draft.approval, state: 'pending', submittedBy: editor.userId },
      updatedAt: draft.updatedAt + 1,
    }
    await editor.api.sync.push.mutate({
      workspaceId: agency.workspaceId,
      collection: 'posts',
      rows: [{ assumedMasterState: draft, newDocumentState: pending }],
    })
    // The editor cannot approve their own post.
    const selfApproved: PostDoc = {
      ...pending,
      approval: { ...pending.approval, state: 'approved', by: editor.userId, at: Date.now() },
    }
    const self = await editor.api.sync.push.mutate({
      workspaceId: agency.workspaceId,
      collection: 'posts',
      rows: [{ assumedMasterState: pending, newDocumentState: selfApproved }],
    })
    expect(self.refused[0]?.reason).toContain('only an owner or manager')
    // A request for changes needs a comment.
    const bare: PostDoc = {
      ...pending,
      approval: { ...pending.approval, state: 'rejected', by: agency.owner.userId, at: Date.now() },
    }
    const noNote = await agency.owner.api.sync.push.mutate({
      workspaceId: agency.workspaceId,
      collection: 'posts',
      rows: [{ assumedMasterState: pending, newDocumentState: bare }],
    })
    expect(noNote.refused[0]?.reason).toContain('say what should change')

    const approved: PostDoc = {
      ...pending,
      approval: { ...pending.approval, state: 'approved', by: agency.owner.userId, at: Date.now() },
      updatedAt: pending.updatedAt + 1,
    }
    const ok = await agency.owner.api.sync.push.mutate({
      workspaceId: agency.workspaceId,
      collection: 'posts',
      rows: [{ assumedMasterState: pending, newDocumentState: approved }],
    })
    expect(ok.refused).toEqual([])
    // An edit of the approved caption sends it back to pending (server-side).
    const edited = { ...approved, caption: 'Editor cut v2', updatedAt: approved.updatedAt + 1 }
    await editor.api.sync.push.mutate({
      workspaceId: agency.workspaceId,
      collection: 'posts',
      rows: [{ assumedMasterState: approved, newDocumentState: edited }],
    })
    expect((await fetchPost(draft.id))?.approval).toMatchObject({ state: 'pending', by: null })
  })

  it('creator info for the composer: per role, and never a token', async () => {
    const analyst = await agency.join('analyst')
    const creatorB = await agency.join('creator', [agency.accountB])
    const input = { workspaceId: agency.workspaceId, accountId, postId: null }
    const info = await editor.api.publishing.creatorInfo.query(input)
    expect(info).toMatchObject({
      linked: true,
      platform: 'sandbox',
      appAudited: true,
      creator: { maxVideoPostDurationSec: 600, postingBlocked: null },
    })
    expect(JSON.stringify(info)).not.toMatch(/token/i)
    await expect(analyst.api.publishing.creatorInfo.query(input)).rejects.toThrow(
      /cannot post for this account/,
    )
    await expect(creatorB.api.publishing.creatorInfo.query(input)).rejects.toThrow(
      /cannot post for this account/,
    )
    expect(
      await creatorB.api.publishing.creatorInfo.query({ ...input, accountId: agency.accountB }),
    ).toEqual({ linked: false })
  })

  it('a server killed mid-publish resumes the same upload: exactly one platform post', async () => {
    const now = Date.now()
    const doc = post({ caption: 'Crash test', release: { by: agency.owner.userId, at: now } })
    await pushAll(agency.owner.api, agency.workspaceId, 'posts', [doc])
    // Killed while the platform processes the upload (after init, upload and checkpoint).
    await eventually(
      () => fetchPost(doc.id),
      (p) => p?.publish.state === 'processing',
    )
    await server.kill()
    await start(server.port)
    const done = await eventually(
      () => fetchPost(doc.id),
      (p) => p?.publish.state === 'published' || p?.publish.state === 'failed',
      90_000,
    )
    expect(done?.publish.state).toBe('published')
    // The sandbox platform lists what was published through it: the caption appears once.
    const videos = await agency.owner.api.sync.pull.query({
      workspaceId: agency.workspaceId,
      collection: 'posts',
      checkpoint: null,
      limit: 1000,
    })
    const published = (videos.documents as PostDoc[]).filter(
      (p) => p.publish.platformPostId === done?.publish.platformPostId,
    )
    expect(published).toHaveLength(1)
  })
})
