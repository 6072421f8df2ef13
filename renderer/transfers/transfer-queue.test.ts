import { createHash, randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { UPLOAD_CHUNK_BYTES } from '../../shared/blobs/protocol'
import { testClient } from '../../server/test-support/client'
import { useHarness, type BackendStore } from '../../server/test-support/harness'
import type { ServerProcess } from '../../server/test-support/server-process'
import { createBlobApi } from './blob-api'
import { createTransferQueue, type TransferEndpoint } from './transfer-queue'
import { memoryPartials, memoryPersistence } from './test-support/memory-storage'

/**
 * The renderer's transfer queue against a real sync server process: the cases it exists for —
 * an app restart, a network drop and a server restart in the middle of a transfer.
 */
describe('transfer queue against a real server', () => {
  const harness = useHarness('sqlite')
  let store: BackendStore
  let server: ServerProcess
  let token = ''
  let workspaceId = ''
  const file = randomBytes(3 * UPLOAD_CHUNK_BYTES + 777)
  const hash = createHash('sha256').update(file).digest('hex')
  const uploaded: { sha256: string; size: number }[] = []
  const written = new Map<string, Blob>()
  const endpoints: Record<string, TransferEndpoint> = {
    original: {
      read: async () => new Blob([file]),
      uploaded: async (_job, stored) => void uploaded.push(stored),
      write: async (job, blob) => void written.set(job.endpoint.ref, blob),
    },
  }
  const api = () => createBlobApi({ serverUrl: server.url, token: () => token })
  const queue = (persistence = memoryPersistence(), partials = memoryPartials()) =>
    createTransferQueue({
      workspaceId,
      api: api(),
      persistence,
      partials,
      endpoints,
      retryDelayMs: () => 100,
    })
  const request = {
    label: 'beach.mp4',
    endpoint: { type: 'original', ref: 'media-1' },
    scope: { collection: 'media' as const, accountId: null },
    size: file.length,
  }

  beforeAll(async () => {
    store = await harness.newStore()
    server = await harness.start(store)
    const up = await testClient(server.url).auth.signUp.mutate({
      email: 'queue@example.com',
      password: 'a long enough password',
      displayName: 'Queue',
    })
    token = up.token
    workspaceId = up.personalWorkspaceId
  })

  it('carries an upload across an app restart and a server restart, ending with the same SHA-256', async () => {
    const persistence = memoryPersistence()
    const first = queue(persistence)
    await first.start()
    const job = first.store.getState().enqueueUpload({ ...request, workspaceId })
    // The app quits once a chunk is on the server.
    await new Promise<void>((resolve) => {
      const unsubscribe = first.store.subscribe((s) => {
        const current = s.jobs[0]
        if (current?.status === 'running' && current.bytesDone >= UPLOAD_CHUNK_BYTES) {
          unsubscribe()
          resolve()
        }
      })
    })
    await first.stop()
    expect(persistence.data.get(workspaceId)?.[0]).toMatchObject({ id: job.id, sha256: hash })

    // The server restarts while the app is closed; the app comes back and carries on.
    await server.kill()
    server = await harness.start(store, { port: server.port })
    const second = queue(persistence)
    await second.start()
    const state = await api()
      .uploadState(workspaceId, 'x')
      .catch((e: Error) => e)
    expect(state).toBeInstanceOf(Error)
    // Midway through, the server goes away again (a network drop, as far as the app can tell).
    await new Promise<void>((resolve) => {
      const unsubscribe = second.store.subscribe((s) => {
        const current = s.jobs[0]
        if (current?.status === 'running' && current.bytesDone >= 2 * UPLOAD_CHUNK_BYTES) {
          unsubscribe()
          resolve()
        }
      })
    })
    await server.kill()
    await new Promise<void>((resolve) => {
      const unsubscribe = second.store.subscribe((s) => {
        if (s.jobs[0]?.status === 'waiting') {
          unsubscribe()
          resolve()
        }
      })
    })
    expect(second.store.getState().jobs[0]?.message).toBe(
      'Waiting for the connection to the sync server…',
    )
    server = await harness.start(store, { port: server.port })
    const done = await second.settled(job.id)
    expect(done).toMatchObject({ status: 'done', sha256: hash, bytesDone: file.length })
    expect(uploaded.at(-1)).toMatchObject({ sha256: hash, size: file.length })
    await second.stop()
  }, 90_000)

  it('downloads on another device, resuming after a pause, and checks the SHA-256', async () => {
    const partials = memoryPartials()
    const device = queue(memoryPersistence(), partials)
    await device.start()
    const job = device.store.getState().enqueueDownload({
      workspaceId,
      label: 'beach.mp4',
      endpoint: { type: 'original', ref: 'media-1' },
      sha256: hash,
      size: file.length,
    })
    await new Promise<void>((resolve) => {
      const unsubscribe = device.store.subscribe((s) => {
        if ((s.jobs[0]?.bytesDone ?? 0) >= UPLOAD_CHUNK_BYTES) {
          unsubscribe()
          resolve()
        }
      })
    })
    device.store.getState().pause(job.id)
    const kept = await partials.size(job.id)
    expect(kept).toBeGreaterThanOrEqual(UPLOAD_CHUNK_BYTES)
    device.store.getState().resume(job.id)
    expect(await device.settled(job.id)).toMatchObject({ status: 'done' })
    const blob = written.get('media-1')
    expect(Buffer.from(await (blob as Blob).arrayBuffer()).equals(file)).toBe(true)
    expect(await partials.size(job.id)).toBe(0)
    await device.stop()
  }, 60_000)

  it('fails plainly when the server refuses, and a wrong checksum is never kept', async () => {
    const device = queue()
    await device.start()
    const job = device.store.getState().enqueueDownload({
      workspaceId,
      label: 'ghost.mp4',
      endpoint: { type: 'original', ref: 'ghost' },
      sha256: 'b'.repeat(64),
      size: 10,
    })
    expect(await device.settled(job.id)).toMatchObject({
      status: 'failed',
      message: 'This file is not stored on the server.',
    })
    expect(written.has('ghost')).toBe(false)
    await device.stop()
  })
})
