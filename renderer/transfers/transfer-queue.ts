import { createStore } from 'zustand/vanilla'
import { UPLOAD_CHUNK_BYTES, UPLOAD_CHUNKS_IN_FLIGHT } from '../../shared/blobs/protocol'
import { sendChunks } from '../../shared/blobs/send-chunks'
import { createLogger } from '../../shared/logger'
import { BlobApiError, isTransient, type BlobApi } from './blob-api'
import { sha256OfBlob } from './hash-file'
import {
  downloadJobId,
  isActive,
  reviveJob,
  uploadJobId,
  type DownloadRequest,
  type TransferJob,
  type UploadRequest,
} from './transfer-job'
import { addSample, etaMs, speedOf, type ProgressSample } from './transfer-progress'
import type { PartialStore, TransferPersistence } from './transfer-storage'

const log = createLogger('transfers')

/**
 * What the queue does with a file at either end. An endpoint type is registered once (the
 * editor registers media originals and thumbnails; publishing can register post videos).
 */
export interface TransferEndpoint {
  /** Upload: the file to send, read when the upload (re)starts. */
  read?(job: TransferJob): Promise<Blob>
  /** Upload: the server holds the file now (record `sha256:<hash>` on the document). */
  uploaded?(job: TransferJob, stored: { sha256: string; size: number }): Promise<void>
  /** Download: keep the finished file, already checked against its SHA-256. */
  write?(job: TransferJob, file: Blob): Promise<void>
}

export interface TransferProgress {
  readonly bytesPerSecond: number | null
  readonly etaMs: number | null
}

export interface TransferQueueState {
  readonly jobs: readonly TransferJob[]
  readonly progress: Readonly<Record<string, TransferProgress>>
  enqueueUpload(request: UploadRequest): TransferJob
  enqueueDownload(request: DownloadRequest): TransferJob
  pause(jobId: string): void
  resume(jobId: string): void
  /** Stops and forgets a job (an upload in progress is cancelled on the server too). */
  cancel(jobId: string): void
  retry(jobId: string): void
  /** Forgets finished jobs. */
  clearDone(): void
}

export interface TransferQueueOptions {
  workspaceId: string
  api: BlobApi
  persistence: TransferPersistence
  partials: PartialStore
  endpoints: Readonly<Record<string, TransferEndpoint>>
  /** Transfers running at once (the network is shared; two keep it busy without starving). */
  concurrency?: number
  now?: () => number
  /** Backoff after a network or server problem: 1 s, 2 s, 4 s … capped. */
  retryDelayMs?: (attempt: number) => number
}

const MAX_RETRY_MS = 30_000
/** A file the server keeps refusing as damaged is not sent a third time. */
const MAX_CHECKSUM_RETRIES = 2

class Paused extends Error {}

/**
 * The upload/download queue of one workspace: persistent, resumable, with progress, speed and
 * time left, pause/resume, and retries that wait for the network instead of failing.
 */
export function createTransferQueue(options: TransferQueueOptions) {
  const { workspaceId, api, persistence, partials, endpoints } = options
  const concurrency = options.concurrency ?? 2
  const now = options.now ?? Date.now
  const retryDelay =
    options.retryDelayMs ?? ((attempt: number) => Math.min(MAX_RETRY_MS, 1000 * 2 ** attempt))
  const running = new Map<string, AbortController>()
  const attempts = new Map<string, number>()
  const retryTimers = new Map<string, ReturnType<typeof setTimeout>>()
  const samples = new Map<string, ProgressSample[]>()
  let saving: Promise<void> = Promise.resolve()
  let stopped = false
  let loaded = false

  const store = createStore<TransferQueueState>()((set, get) => {
    const enqueue = (job: TransferJob): TransferJob => {
      const existing = get().jobs.find((j) => j.id === job.id)
      // Asked again (a project opened again): raise its priority, keep its progress. A failed
      // job stays failed with its reason until the person retries it (no silent retry loops).
      if (existing && existing.status !== 'done') {
        if (job.priority > existing.priority) update(existing.id, { priority: job.priority })
        return existing
      }
      set((s) => ({ jobs: [...s.jobs.filter((j) => j.id !== job.id), job] }))
      persist()
      pump()
      return job
    }
    return {
      jobs: [],
      progress: {},
      enqueueUpload(request) {
        return enqueue({
          id: uploadJobId(request.workspaceId, request.endpoint),
          direction: 'upload',
          workspaceId: request.workspaceId,
          label: request.label,
          endpoint: request.endpoint,
          scope: request.scope,
          sha256: request.sha256 ?? null,
          size: request.size,
          status: 'queued',
          bytesDone: 0,
          message: null,
          priority: request.priority ?? 0,
          createdAt: now(),
        })
      },
      enqueueDownload(request) {
        return enqueue({
          id: downloadJobId(request.workspaceId, request.endpoint),
          direction: 'download',
          workspaceId: request.workspaceId,
          label: request.label,
          endpoint: request.endpoint,
          scope: null,
          sha256: request.sha256,
          size: request.size,
          status: 'queued',
          bytesDone: 0,
          message: null,
          priority: request.priority ?? 0,
          createdAt: now(),
        })
      },
      pause(jobId) {
        const job = find(jobId)
        if (!job || !isActive(job)) return
        clearTimeout(retryTimers.get(jobId))
        running.get(jobId)?.abort(new Paused())
        update(jobId, { status: 'paused', message: null })
      },
      resume(jobId) {
        const job = find(jobId)
        if (job?.status !== 'paused') return
        update(jobId, { status: 'queued' })
        pump()
      },
      cancel(jobId) {
        const job = find(jobId)
        if (!job) return
        clearTimeout(retryTimers.get(jobId))
        running.get(jobId)?.abort(new Paused())
        set((s) => ({ jobs: s.jobs.filter((j) => j.id !== jobId) }))
        persist()
        if (job.direction === 'download') void partials.remove(jobId)
      },
      retry(jobId) {
        const job = find(jobId)
        if (job?.status !== 'failed' && job?.status !== 'waiting') return
        clearTimeout(retryTimers.get(jobId))
        attempts.delete(jobId)
        update(jobId, { status: 'queued', message: null })
        pump()
      },
      clearDone() {
        set((s) => ({ jobs: s.jobs.filter((j) => j.status !== 'done') }))
        persist()
      },
    }
  })

  const find = (id: string) => store.getState().jobs.find((j) => j.id === id)

  function update(id: string, patch: Partial<TransferJob>): void {
    store.setState((s) => ({ jobs: s.jobs.map((j) => (j.id === id ? { ...j, ...patch } : j)) }))
    if (patch.status !== undefined || patch.sha256 !== undefined) persist()
  }

  function persist(): void {
    if (!loaded) return
    const jobs = store.getState().jobs
    saving = saving
      .then(() => persistence.save(workspaceId, jobs))
      .catch((error: unknown) =>
        log.warn('could not save the transfer queue', { error: String(error) }),
      )
  }

  function progress(id: string, bytes: number, total: number): void {
    const list = addSample(samples.get(id) ?? [], { at: now(), bytes })
    samples.set(id, list)
    const speed = speedOf(list)
    store.setState((s) => ({
      jobs: s.jobs.map((j) => (j.id === id ? { ...j, bytesDone: bytes } : j)),
      progress: {
        ...s.progress,
        [id]: { bytesPerSecond: speed, etaMs: etaMs(total - bytes, speed) },
      },
    }))
  }

  function pump(): void {
    if (stopped || !loaded) return
    while (running.size < concurrency) {
      const next = store
        .getState()
        .jobs.filter((j) => j.status === 'queued' && !running.has(j.id))
        .sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt)[0]
      if (!next) return
      const controller = new AbortController()
      running.set(next.id, controller)
      void run(next, controller.signal).finally(() => {
        running.delete(next.id)
        samples.delete(next.id)
        pump()
      })
    }
  }

  async function run(job: TransferJob, signal: AbortSignal): Promise<void> {
    try {
      if (job.direction === 'upload') await upload(job, signal)
      else await download(job, signal)
      attempts.delete(job.id)
      update(job.id, { status: 'done', bytesDone: find(job.id)?.size ?? job.size, message: null })
    } catch (error) {
      if (signal.aborted) return // paused, cancelled or stopped: already recorded
      if (isTransient(error)) {
        const attempt = attempts.get(job.id) ?? 0
        attempts.set(job.id, attempt + 1)
        update(job.id, {
          status: 'waiting',
          message:
            error instanceof BlobApiError
              ? 'The sync server is busy or restarting: trying again shortly.'
              : 'Waiting for the connection to the sync server…',
        })
        const timer = setTimeout(() => {
          retryTimers.delete(job.id)
          if (find(job.id)?.status === 'waiting') {
            update(job.id, { status: 'queued' })
            pump()
          }
        }, retryDelay(attempt))
        retryTimers.set(job.id, timer)
        return
      }
      const message =
        error instanceof BlobApiError
          ? error.message
          : `The transfer failed: ${error instanceof Error ? error.message : String(error)}`
      log.warn('transfer failed', { id: job.id, error: String(error) })
      update(job.id, { status: 'failed', message })
    }
  }

  const endpointOf = (job: TransferJob): TransferEndpoint => {
    const endpoint = endpoints[job.endpoint.type]
    if (!endpoint) throw new Error(`nothing handles "${job.endpoint.type}" transfers here`)
    return endpoint
  }

  async function upload(job: TransferJob, signal: AbortSignal): Promise<void> {
    const endpoint = endpointOf(job)
    if (!endpoint.read || !job.scope) throw new Error('this transfer cannot be uploaded')
    const scope = job.scope
    let checksumRetries = 0
    for (;;) {
      const file = await endpoint.read(job)
      let hash = find(job.id)?.sha256 ?? null
      if (!hash || file.size !== find(job.id)?.size) {
        update(job.id, { status: 'hashing', size: file.size, bytesDone: 0 })
        hash = await sha256OfBlob(file, (bytes) => progress(job.id, bytes, file.size), signal)
        update(job.id, { sha256: hash })
      }
      update(job.id, { status: 'running', message: null })
      const started = await api.startUpload(
        workspaceId,
        { sha256: hash, size: file.size, scope },
        signal,
      )
      if (started.status === 'stored') {
        await endpoint.uploaded?.(find(job.id) ?? job, started)
        return
      }
      const { uploadId } = started.upload
      let offset = started.upload.received
      progress(job.id, offset, file.size)
      try {
        for (;;) {
          signal.throwIfAborted()
          // The next chunk travels while the server makes the one before durable.
          offset = await sendChunks(
            {
              size: file.size,
              chunkBytes: UPLOAD_CHUNK_BYTES,
              inFlight: UPLOAD_CHUNKS_IN_FLIGHT,
              put: async (from, end) =>
                (await api.putChunk(workspaceId, uploadId, from, file.slice(from, end), signal))
                  .received,
              resumeAt: (error) =>
                error instanceof BlobApiError && error.code === 'OFFSET_MISMATCH'
                  ? (error.received ?? null)
                  : null,
              progress: (received) => progress(job.id, received, file.size),
              signal,
            },
            offset,
          )
          try {
            const stored = await api.complete(workspaceId, uploadId, signal)
            await endpoint.uploaded?.(find(job.id) ?? job, stored)
            return
          } catch (error) {
            if (
              error instanceof BlobApiError &&
              error.code === 'INCOMPLETE' &&
              error.received !== undefined
            ) {
              offset = error.received
              continue
            }
            throw error
          }
        }
      } catch (error) {
        // The file changed on disk or was damaged on the way: hash it again and start over.
        if (
          error instanceof BlobApiError &&
          error.code === 'CHECKSUM_MISMATCH' &&
          checksumRetries < MAX_CHECKSUM_RETRIES
        ) {
          checksumRetries += 1
          update(job.id, { sha256: null })
          continue
        }
        // The server forgot the upload (abandoned, or cancelled elsewhere): start it again.
        if (
          error instanceof BlobApiError &&
          error.code === 'NOT_FOUND' &&
          checksumRetries < MAX_CHECKSUM_RETRIES
        ) {
          checksumRetries += 1
          continue
        }
        throw error
      }
    }
  }

  async function download(queued: TransferJob, signal: AbortSignal): Promise<void> {
    let job = queued
    const endpoint = endpointOf(job)
    const hash = job.sha256
    if (!endpoint.write || !hash) throw new Error('this transfer cannot be downloaded')
    update(job.id, { status: 'running', message: null })
    const size = job.size > 0 ? job.size : await api.objectSize(workspaceId, hash, signal)
    if (size !== job.size) update(job.id, { size })
    job = { ...job, size }
    let have = await partials.size(job.id)
    if (have > job.size) {
      await partials.remove(job.id)
      have = 0
    }
    progress(job.id, have, job.size)
    while (have < job.size) {
      signal.throwIfAborted()
      const end = Math.min(job.size, have + UPLOAD_CHUNK_BYTES)
      const bytes = await api.download(workspaceId, hash, have, end, signal)
      if (bytes.size !== end - have) throw new Error('the server sent a piece of the wrong length')
      await partials.append(job.id, bytes)
      have += bytes.size
      progress(job.id, have, job.size)
    }
    const file = await partials.read(job.id)
    update(job.id, { status: 'hashing' })
    if ((await sha256OfBlob(file, undefined, signal)) !== hash) {
      await partials.remove(job.id)
      throw new Error('the downloaded file does not match its checksum; it will be fetched again')
    }
    await endpoint.write(find(job.id) ?? job, file)
    await partials.remove(job.id)
  }

  return {
    store,
    /** Reads the saved jobs and starts working; call once. */
    async start(): Promise<void> {
      const saved = await persistence.load(workspaceId).catch(() => [])
      const revived = saved.filter((j) => j.status !== 'done').map(reviveJob)
      store.setState((s) => ({
        jobs: [...revived.filter((r) => !s.jobs.some((j) => j.id === r.id)), ...s.jobs],
      }))
      loaded = true
      persist()
      pump()
    },
    /** The network is back: retry what was waiting for it now rather than at its next try. */
    networkBack(): void {
      for (const job of store.getState().jobs) {
        if (job.status === 'waiting') {
          clearTimeout(retryTimers.get(job.id))
          update(job.id, { status: 'queued', message: null })
        }
      }
      pump()
    },
    /** Stops working (the workspace is closing); jobs stay saved and resume next time. */
    async stop(): Promise<void> {
      stopped = true
      for (const timer of retryTimers.values()) clearTimeout(timer)
      for (const controller of running.values()) controller.abort(new Paused())
      await saving
    },
    /** Resolves when the job is done or failed (tests, and callers that wait for a file). */
    settled(jobId: string): Promise<TransferJob | undefined> {
      return new Promise((resolve) => {
        const check = () => {
          const job = find(jobId)
          if (!job || job.status === 'done' || job.status === 'failed') {
            unsubscribe()
            resolve(job)
          }
        }
        const unsubscribe = store.subscribe(check)
        check()
      })
    },
  }
}

export type TransferQueue = ReturnType<typeof createTransferQueue>
