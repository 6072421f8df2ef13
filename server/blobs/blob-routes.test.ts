import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  blobRef,
  MAX_BLOB_BYTES,
  UPLOAD_CHUNK_BYTES,
  UPLOAD_CHUNKS_IN_FLIGHT,
  type BlobScope,
} from '../../shared/blobs/protocol'
import { sendChunks } from '../../shared/blobs/send-chunks'
import { uuidv7 } from '../../shared/data/ids'
import { sampleDocs } from '../../shared/data/sample-docs'
import { openDatabase } from '../db/connect'
import { blobClient, sha256 } from '../test-support/blob-client'
import { testClient, type TestClient } from '../test-support/client'
import { testBackends, useHarness, type BackendStore } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'
import { createFsBlobStore } from './blob-store'
import { collectGarbage } from './garbage'

const PASSWORD = 'a long enough password'

describe.each(testBackends())('blob storage on %s', (kind) => {
  const harness = useHarness(kind)
  let store: BackendStore
  let server: ServerProcess
  let owner: TestClient
  let ownerToken: string
  let workspaceId: string
  let accountA: string
  let accountB: string
  let n = 0
  const shared = { collection: 'media' as const, accountId: null }
  const forA = () => ({ collection: 'media' as const, accountId: accountA })
  const forB = () => ({ collection: 'media' as const, accountId: accountB })

  const signUp = async (name: string) => {
    n += 1
    const up = await testClient(server.url).auth.signUp.mutate({
      email: `blob-${name}-${n}-${kind}@example.com`,
      password: PASSWORD,
      displayName: name,
    })
    return { ...up, api: testClient(server.url, up.token) }
  }
  const member = async (role: 'analyst' | 'creator' | 'editor') => {
    const user = await signUp(role)
    const invite = await owner.workspaces.createInvite.mutate({
      workspaceId,
      role,
      accountIds: role === 'creator' ? [accountA] : [],
    })
    await user.api.workspaces.acceptInvite.mutate({ code: invite.code })
    return { ...user, blobs: blobClient(server.url, user.token, workspaceId) }
  }
  /** Uploads in UPLOAD_CHUNK_BYTES pieces; returns the completion's answer. */
  const upload = async (
    client: ReturnType<typeof blobClient>,
    bytes: Buffer,
    scope: BlobScope = shared,
  ) => {
    const started = await client.start(bytes, scope)
    if (started.body?.['status'] === 'stored') return started
    const id = (started.body?.['upload'] as { uploadId: string }).uploadId
    for (let at = 0; at < bytes.length; at += UPLOAD_CHUNK_BYTES) {
      const put = await client.put(id, at, bytes.subarray(at, at + UPLOAD_CHUNK_BYTES))
      expect(put.status).toBe(200)
    }
    return client.complete(id)
  }

  beforeAll(async () => {
    store = await harness.newStore()
    server = await harness.start(store)
    const up = await signUp('owner')
    owner = up.api
    ownerToken = up.token
    workspaceId = (await owner.workspaces.create.mutate({ name: 'Agency' })).workspaceId
    accountA = uuidv7()
    accountB = uuidv7()
    const account = (id: string) => ({
      ...sampleDocs().accounts,
      id,
      accountId: id,
      workspaceId,
      updatedAt: 1,
    })
    await owner.sync.push.mutate({
      collection: 'accounts',
      workspaceId,
      rows: [{ newDocumentState: account(accountA) }, { newDocumentState: account(accountB) }],
    })
  })

  it('takes a file in chunks, verifies it, and serves it back whole and by range', async () => {
    const ownerBlobs = blobClient(server.url, ownerToken, workspaceId)
    const bytes = randomBytes(UPLOAD_CHUNK_BYTES + 123_457)
    const started = await ownerBlobs.start(bytes, shared)
    expect(started.status).toBe(201)
    const id = (started.body?.['upload'] as { uploadId: string }).uploadId
    // Completing early is refused with where the server is.
    expect((await ownerBlobs.complete(id)).body).toMatchObject({
      error: { code: 'INCOMPLETE', received: 0 },
    })
    const first = await ownerBlobs.put(id, 0, bytes.subarray(0, UPLOAD_CHUNK_BYTES))
    expect(first.body).toMatchObject({ received: UPLOAD_CHUNK_BYTES })
    // A retried chunk (its answer lost) is told where to continue, and nothing is written twice.
    const again = await ownerBlobs.put(id, 0, bytes.subarray(0, UPLOAD_CHUNK_BYTES))
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({
      error: { code: 'OFFSET_MISMATCH', received: UPLOAD_CHUNK_BYTES },
    })
    await ownerBlobs.put(id, UPLOAD_CHUNK_BYTES, bytes.subarray(UPLOAD_CHUNK_BYTES))
    const done = await ownerBlobs.complete(id)
    expect(done.body).toEqual({ status: 'stored', sha256: sha256(bytes), size: bytes.length })

    const whole = await ownerBlobs.download(sha256(bytes))
    expect(whole.status).toBe(200)
    expect(whole.bytes.equals(bytes)).toBe(true)
    const part = await ownerBlobs.download(sha256(bytes), 'bytes=100-199')
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`)
    expect(part.bytes.equals(bytes.subarray(100, 200))).toBe(true)

    // The same bytes again: deduplicated, nothing sent, counted once.
    expect((await ownerBlobs.start(bytes, shared)).body).toMatchObject({ status: 'stored' })
    const usage = await ownerBlobs.usage()
    expect(usage.body).toMatchObject({ usedBytes: bytes.length, blobCount: 1, reservedBytes: 0 })
  })

  it('refuses bytes that do not match the declared SHA-256, and keeps nothing of them', async () => {
    const ownerBlobs = blobClient(server.url, ownerToken, workspaceId)
    const bytes = randomBytes(5000)
    const claimed = sha256(randomBytes(10))
    const started = await ownerBlobs.start(bytes, shared, claimed)
    const id = (started.body?.['upload'] as { uploadId: string }).uploadId
    await ownerBlobs.put(id, 0, bytes)
    const done = await ownerBlobs.complete(id)
    expect(done.status).toBe(422)
    expect(done.body).toMatchObject({ error: { code: 'CHECKSUM_MISMATCH' } })
    expect((await ownerBlobs.download(claimed)).status).toBe(404)
    expect((await ownerBlobs.state(id)).status).toBe(404)
  })

  it('resumes after the server is killed mid-chunk, from the last byte it made durable', async () => {
    const ownerBlobs = blobClient(server.url, ownerToken, workspaceId)
    const bytes = randomBytes(2 * UPLOAD_CHUNK_BYTES + 10)
    const started = await ownerBlobs.start(bytes, forA())
    const id = (started.body?.['upload'] as { uploadId: string }).uploadId
    await ownerBlobs.put(id, 0, bytes.subarray(0, UPLOAD_CHUNK_BYTES))
    // Half of the second chunk is on its way when the server dies.
    const second = bytes.subarray(UPLOAD_CHUNK_BYTES, 2 * UPLOAD_CHUNK_BYTES)
    await ownerBlobs.stalledPut(
      id,
      UPLOAD_CHUNK_BYTES,
      second.subarray(0, 1_000_000),
      second.length,
    )
    await server.kill()
    server = await harness.start(store, { port: server.port })
    const resumed = blobClient(server.url, ownerToken, workspaceId)
    expect((await resumed.state(id)).body).toMatchObject({ received: UPLOAD_CHUNK_BYTES })
    // Starting the same file again finds the same upload.
    const restart = await resumed.start(bytes, forA())
    expect(restart.body).toMatchObject({
      status: 'uploading',
      upload: { uploadId: id, received: UPLOAD_CHUNK_BYTES },
    })
    expect((await resumed.download(sha256(bytes))).status).toBe(404)
    await resumed.put(id, UPLOAD_CHUNK_BYTES, bytes.subarray(UPLOAD_CHUNK_BYTES))
    expect((await resumed.complete(id)).body).toMatchObject({
      status: 'stored',
      sha256: sha256(bytes),
    })
    expect((await resumed.download(sha256(bytes))).bytes.equals(bytes)).toBe(true)
  }, 60_000)

  /** Sends bytes [from, size) with two chunks in flight (the app's loop); returns what is held. */
  const sendRest = (
    client: ReturnType<typeof blobClient>,
    id: string,
    bytes: Buffer,
    from: number,
  ) =>
    sendChunks(
      {
        size: bytes.length,
        chunkBytes: UPLOAD_CHUNK_BYTES,
        inFlight: UPLOAD_CHUNKS_IN_FLIGHT,
        put: async (offset, end) => {
          const put = await client.put(id, offset, bytes.subarray(offset, end))
          if (put.status !== 200) throw Object.assign(new Error('refused'), { body: put.body })
          return Number(put.body['received'])
        },
        resumeAt: (error) => {
          const body = (error as { body?: { error?: { code?: string; received?: number } } }).body
          return body?.error?.code === 'OFFSET_MISMATCH' ? (body.error.received ?? null) : null
        },
      },
      from,
    )

  it('takes the next chunk while the one before is made durable, acknowledging each in order, and refuses chunks out of order', async () => {
    const ownerBlobs = blobClient(server.url, ownerToken, workspaceId)
    const bytes = randomBytes(4 * UPLOAD_CHUNK_BYTES + 5)
    const id = ((await ownerBlobs.start(bytes, shared)).body?.['upload'] as { uploadId: string })
      .uploadId
    const chunk = (i: number) =>
      bytes.subarray(i * UPLOAD_CHUNK_BYTES, (i + 1) * UPLOAD_CHUNK_BYTES)
    // A chunk that skips ahead is refused with what the server holds.
    const ahead = await ownerBlobs.put(id, UPLOAD_CHUNK_BYTES, chunk(1))
    expect(ahead.status).toBe(409)
    expect(ahead.body).toMatchObject({ error: { code: 'OFFSET_MISMATCH', received: 0 } })
    // Three at once, in order: each answer is its own chunk's end, durable.
    const three = await Promise.all(
      [0, 1, 2].map((i) => ownerBlobs.put(id, i * UPLOAD_CHUNK_BYTES, chunk(i))),
    )
    for (const [i, put] of three.entries()) {
      // Requests on separate connections may arrive out of order: one that came too early is
      // refused with a durable offset, never taken.
      if (put.status === 200) expect(put.body['received']).toBe((i + 1) * UPLOAD_CHUNK_BYTES)
      else expect(put.body).toMatchObject({ error: { code: 'OFFSET_MISMATCH' } })
    }
    const held = Number((await ownerBlobs.state(id)).body?.['received'])
    expect(held % UPLOAD_CHUNK_BYTES).toBe(0)
    expect(held).toBeGreaterThanOrEqual(UPLOAD_CHUNK_BYTES)
    // A chunk sent again (its answer lost) is refused with the offset to go on from.
    const again = await ownerBlobs.put(id, 0, chunk(0))
    expect(again.body).toMatchObject({ error: { code: 'OFFSET_MISMATCH', received: held } })
    // Completing while chunks are missing says how far it got.
    expect((await ownerBlobs.complete(id)).body).toMatchObject({
      error: { code: 'INCOMPLETE', received: held },
    })
    expect(await sendRest(ownerBlobs, id, bytes, held)).toBe(bytes.length)
    expect((await ownerBlobs.complete(id)).body).toMatchObject({
      status: 'stored',
      sha256: sha256(bytes),
    })
    expect((await ownerBlobs.download(sha256(bytes))).bytes.equals(bytes)).toBe(true)
  }, 60_000)

  it('resumes after the server is killed with two chunks in flight, never having acknowledged bytes it lost', async () => {
    const ownerBlobs = blobClient(server.url, ownerToken, workspaceId)
    const bytes = randomBytes(4 * UPLOAD_CHUNK_BYTES)
    const id = ((await ownerBlobs.start(bytes, forA())).body?.['upload'] as { uploadId: string })
      .uploadId
    const chunk = (i: number) =>
      bytes.subarray(i * UPLOAD_CHUNK_BYTES, (i + 1) * UPLOAD_CHUNK_BYTES)
    expect((await ownerBlobs.put(id, 0, chunk(0))).status).toBe(200)
    // Chunks 1 and 2 on the wire together; the server dies while they are written and synced.
    const acked: number[] = []
    const inFlight = [1, 2].map((i) =>
      ownerBlobs
        .put(id, i * UPLOAD_CHUNK_BYTES, chunk(i))
        .then((put) => {
          if (put.status === 200) acked.push(Number(put.body['received']))
        })
        .catch(() => undefined),
    )
    await new Promise((r) => setTimeout(r, 20))
    await server.kill()
    await Promise.all(inFlight)
    server = await harness.start(store, { port: server.port })
    const resumed = blobClient(server.url, ownerToken, workspaceId)
    const held = Number((await resumed.state(id)).body?.['received'])
    // Whatever was acknowledged survived; what survived is whole chunks.
    expect(held).toBeGreaterThanOrEqual(Math.max(UPLOAD_CHUNK_BYTES, ...acked))
    expect(held % UPLOAD_CHUNK_BYTES).toBe(0)
    expect(await sendRest(resumed, id, bytes, held)).toBe(bytes.length)
    // Verified against the declared SHA-256 (re-read from disk: the running hash died with it).
    expect((await resumed.complete(id)).body).toMatchObject({
      status: 'stored',
      sha256: sha256(bytes),
    })
    expect((await resumed.download(sha256(bytes))).bytes.equals(bytes)).toBe(true)
  }, 60_000)

  it('authorizes every read and write by role and account', async () => {
    const ownerBlobs = blobClient(server.url, ownerToken, workspaceId)
    const bOnly = randomBytes(3000)
    await upload(ownerBlobs, bOnly, forB())
    const library = randomBytes(3000)
    await upload(ownerBlobs, library, shared)

    const analyst = await member('analyst')
    const refused = await analyst.blobs.start(randomBytes(10), shared)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({
      error: {
        code: 'FORBIDDEN',
        message: 'Your role (analyst) cannot upload files to this workspace.',
      },
    })
    // Read-only members read everything.
    expect((await analyst.blobs.download(sha256(bOnly))).status).toBe(200)
    expect((await analyst.blobs.settings(true)).status).toBe(403)

    const creator = await member('creator')
    expect((await creator.blobs.start(randomBytes(10), forB())).status).toBe(403)
    expect((await creator.blobs.start(randomBytes(10), shared)).status).toBe(403)
    // Account B's file and the shared library are not theirs: absent as far as they can tell.
    expect((await creator.blobs.download(sha256(bOnly))).status).toBe(404)
    expect((await creator.blobs.download(sha256(library))).status).toBe(404)
    // Knowing the hash is not enough: they must send the bytes to get a copy for account A.
    const claim = await creator.blobs.start(bOnly, forA())
    expect(claim.body).toMatchObject({ status: 'uploading' })
    const mine = randomBytes(4000)
    expect((await upload(creator.blobs, mine, forA())).body).toMatchObject({ status: 'stored' })
    expect((await creator.blobs.download(sha256(mine))).bytes.equals(mine)).toBe(true)
    // Someone else's upload id is not found, whoever owns it.
    const id = (claim.body?.['upload'] as { uploadId: string }).uploadId
    expect((await ownerBlobs.state(id)).status).toBe(404)

    const stranger = await signUp('stranger')
    const outside = blobClient(server.url, stranger.token, workspaceId)
    expect((await outside.download(sha256(mine))).status).toBe(403)
    expect((await blobClient(server.url, null, workspaceId).usage()).status).toBe(401)
  })

  it('refuses files over the size limit and past the quota with what to do, reserving uploads', async () => {
    const big = await fetch(`${server.url}/blobs/v1/${workspaceId}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ sha256: 'a'.repeat(64), size: MAX_BLOB_BYTES + 1, scope: shared }),
    })
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ error: { code: 'FILE_TOO_BIG' } })

    const small = await harness.start(await harness.newStore(), {
      env: { REELDESK_WORKSPACE_QUOTA_BYTES: '100000' },
    })
    const up = await testClient(small.url).auth.signUp.mutate({
      email: `quota-${kind}@example.com`,
      password: PASSWORD,
      displayName: 'Quota',
    })
    const limited = blobClient(small.url, up.token, up.personalWorkspaceId)
    const started = await limited.start(randomBytes(60_000), shared)
    expect(started.status).toBe(201)
    // The first upload's 60 kB are reserved: a second one does not fit beside it.
    const full = await limited.start(randomBytes(50_000), shared)
    expect(full.status).toBe(507)
    expect(full.body).toMatchObject({ error: { code: 'QUOTA_EXCEEDED' } })
    expect(String((full.body?.['error'] as { message: string }).message)).toMatch(
      /storage is full: 59 KiB of 98 KiB used, and this file needs 49 KiB/,
    )
    await limited.cancel((started.body?.['upload'] as { uploadId: string }).uploadId)
    expect((await limited.start(randomBytes(50_000), shared)).status).toBe(201)
    await small.stop()
  })

  it('keeps originals on devices when an owner says so, and only owners and managers may', async () => {
    const ownerBlobs = blobClient(server.url, ownerToken, workspaceId)
    expect((await ownerBlobs.usage()).body).toMatchObject({
      keepOriginalsLocal: false,
      mayChangeSettings: true,
    })
    expect((await ownerBlobs.settings(true)).body).toMatchObject({ keepOriginalsLocal: true })
    const log = await owner.workspaces.auditLog.query({ workspaceId })
    expect(log.map((e) => e.action)).toContain('storage.settings_changed')
    await ownerBlobs.settings(false)
  })

  it('collects blobs nothing references, and keeps referenced ones', async () => {
    const ownerBlobs = blobClient(server.url, ownerToken, workspaceId)
    const kept = randomBytes(2000)
    const dropped = randomBytes(2000)
    await upload(ownerBlobs, kept, shared)
    await upload(ownerBlobs, dropped, shared)
    await owner.sync.push.mutate({
      collection: 'media',
      workspaceId,
      rows: [
        {
          newDocumentState: {
            ...sampleDocs().media,
            id: uuidv7(),
            workspaceId,
            accountId: null,
            sha256: sha256(kept),
            remoteRef: blobRef(sha256(kept)),
          },
        },
      ],
    })
    const database = openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })
    const blobStore = createFsBlobStore(path.join(store.dataDir, 'blobs'))
    try {
      // Within the grace period nothing goes.
      const early = await collectGarbage(database, blobStore, {
        unreferencedGraceMs: 60_000,
        abandonedUploadMs: 60_000,
        orphanFileGraceMs: 60_000,
      })
      expect(early.releasedBlobs).toBe(0)
      const later = Date.now() + 2 * 60_000
      const report = await collectGarbage(database, blobStore, {
        unreferencedGraceMs: 60_000,
        abandonedUploadMs: 60_000,
        orphanFileGraceMs: 0,
        now: later,
      })
      expect(report.releasedBlobs).toBeGreaterThanOrEqual(1)
      expect(report.removedUploads).toBeGreaterThanOrEqual(1)
    } finally {
      await database.close()
    }
    expect((await ownerBlobs.download(sha256(kept))).status).toBe(200)
    expect((await ownerBlobs.download(sha256(dropped))).status).toBe(404)
    const objects = path.join(store.dataDir, 'blobs', 'objects', sha256(dropped).slice(0, 2))
    expect(existsSync(path.join(objects, sha256(dropped)))).toBe(false)
    expect(readdirSync(path.join(store.dataDir, 'blobs', 'objects')).length).toBeGreaterThan(0)
  })
})
