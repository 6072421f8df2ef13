import type { BlobScope } from '../../shared/blobs/protocol'

/**
 * One file moving between this device and the workspace's storage on the sync server. Jobs are
 * kept on the device (see persistence.ts), so an upload or a download carries on after the app
 * restarts, the network drops or the server restarts: the server keeps what it received, and a
 * download keeps what it fetched.
 */
export type TransferDirection = 'upload' | 'download'

export type TransferStatus =
  | 'queued'
  | 'hashing'
  | 'running'
  | 'paused'
  /** Held back by the network or the server; retried by itself. */
  | 'waiting'
  | 'done'
  | 'failed'

/**
 * Where the bytes come from (upload) or go (download): an endpoint type registered with the
 * queue ('media-original', 'media-thumbnail'; publishing adds its own) and what it needs to find
 * the file (a media id, a project id).
 */
export interface TransferEndpointRef {
  readonly type: string
  readonly ref: string
}

export interface TransferJob {
  readonly id: string
  readonly direction: TransferDirection
  readonly workspaceId: string
  /** What the person sees: the file's name. */
  readonly label: string
  readonly endpoint: TransferEndpointRef
  /** Whose file it is on the server (uploads); decides who may read it. */
  readonly scope: BlobScope | null
  /** Known for downloads; worked out by hashing for uploads. */
  readonly sha256: string | null
  readonly size: number
  readonly status: TransferStatus
  readonly bytesDone: number
  /** Why it failed or waits, in plain words. */
  readonly message: string | null
  /** Higher first: what the open project needs goes before background uploads. */
  readonly priority: number
  readonly createdAt: number
}

export interface UploadRequest {
  workspaceId: string
  label: string
  endpoint: TransferEndpointRef
  scope: BlobScope
  /** When the caller already knows it (e.g. stored on the document). */
  sha256?: string | null
  size: number
  priority?: number
}

export interface DownloadRequest {
  workspaceId: string
  label: string
  endpoint: TransferEndpointRef
  sha256: string
  size: number
  priority?: number
}

/** One job per file and endpoint: asking twice finds the same job. */
export function uploadJobId(workspaceId: string, endpoint: TransferEndpointRef): string {
  return `up:${workspaceId}:${endpoint.type}:${endpoint.ref}`
}

export function downloadJobId(workspaceId: string, endpoint: TransferEndpointRef): string {
  return `down:${workspaceId}:${endpoint.type}:${endpoint.ref}`
}

export const ACTIVE_STATUSES: readonly TransferStatus[] = [
  'queued',
  'hashing',
  'running',
  'waiting',
]

export function isActive(job: TransferJob): boolean {
  return ACTIVE_STATUSES.includes(job.status)
}

/**
 * A job read back after a restart: work in flight starts over from what the server (or the
 * partial download) holds; pauses and failures stay as the person left them.
 */
export function reviveJob(job: TransferJob): TransferJob {
  return job.status === 'hashing' || job.status === 'running' || job.status === 'waiting'
    ? { ...job, status: 'queued', message: null }
    : job
}
