import {
  blobErrorSchema,
  blobPaths,
  blobStoredSchema,
  storageUsageSchema,
  uploadStartedSchema,
  uploadStateSchema,
  type BlobErrorCode,
  type BlobStored,
  type StartUpload,
  type StorageUsage,
  type UploadStarted,
  type UploadState,
} from '../../shared/blobs/protocol'

/**
 * The sync server's blob routes (shared/blobs/protocol.ts) over fetch. Answers are validated;
 * a refusal becomes a BlobApiError with the server's code and message, and a request that never
 * reached the server (offline, server down) a BlobNetworkError, so callers can tell "try again
 * later" from "this will not work".
 */
export class BlobApiError extends Error {
  constructor(
    readonly code: BlobErrorCode,
    message: string,
    readonly status: number,
    readonly received?: number,
  ) {
    super(message)
    this.name = 'BlobApiError'
  }
}

export class BlobNetworkError extends Error {
  constructor(cause: unknown) {
    super('The sync server cannot be reached.', { cause })
    this.name = 'BlobNetworkError'
  }
}

/** Codes worth retrying later: the server or the way to it is having a moment. */
export function isTransient(error: unknown): boolean {
  if (error instanceof BlobNetworkError) return true
  return (
    error instanceof BlobApiError &&
    (error.code === 'SHUTTING_DOWN' || error.code === 'INTERNAL' || error.status >= 500) &&
    error.code !== 'QUOTA_EXCEEDED' &&
    error.code !== 'SERVER_FULL'
  )
}

export interface BlobApiOptions {
  serverUrl: string
  token: () => string | null
  fetch?: typeof fetch
}

export type BlobApi = ReturnType<typeof createBlobApi>

export function createBlobApi({ serverUrl, token, fetch: fetchImpl = fetch }: BlobApiOptions) {
  const base = serverUrl.replace(/\/$/, '')
  const request = async (
    path: string,
    init: RequestInit & { signal?: AbortSignal | undefined },
  ): Promise<Response> => {
    const auth = token()
    const headers = new Headers(init.headers)
    if (auth) headers.set('Authorization', `Bearer ${auth}`)
    let response: Response
    try {
      response = await fetchImpl(`${base}${path}`, { ...init, headers })
    } catch (error) {
      if (init.signal?.aborted) throw error
      throw new BlobNetworkError(error)
    }
    if (response.ok) return response
    const text = await response.text().catch(() => '')
    let parsed: ReturnType<typeof blobErrorSchema.safeParse> | null
    try {
      parsed = blobErrorSchema.safeParse(JSON.parse(text))
    } catch {
      parsed = null
    }
    if (parsed?.success) {
      const { code, message, received } = parsed.data.error
      throw new BlobApiError(code, message, response.status, received)
    }
    throw new BlobApiError(
      response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
      `The sync server answered ${response.status}.`,
      response.status,
    )
  }
  const json = async <T>(
    path: string,
    init: RequestInit & { signal?: AbortSignal | undefined },
    parse: (value: unknown) => T,
  ): Promise<T> => parse(await (await request(path, init)).json())
  const body = (value: unknown): { body: string; headers: Record<string, string> } => ({
    body: JSON.stringify(value),
    headers: { 'Content-Type': 'application/json' },
  })

  return {
    startUpload: (ws: string, input: StartUpload, signal?: AbortSignal): Promise<UploadStarted> =>
      json(blobPaths.uploads(ws), { method: 'POST', ...body(input), signal }, (v) =>
        uploadStartedSchema.parse(v),
      ),
    uploadState: (ws: string, id: string, signal?: AbortSignal): Promise<UploadState> =>
      json(blobPaths.upload(ws, id), { method: 'GET', signal }, (v) => uploadStateSchema.parse(v)),
    putChunk: (
      ws: string,
      id: string,
      offset: number,
      chunk: Blob,
      signal?: AbortSignal,
    ): Promise<UploadState> =>
      json(
        `${blobPaths.upload(ws, id)}?offset=${offset}`,
        {
          method: 'PUT',
          body: chunk,
          headers: { 'Content-Type': 'application/octet-stream' },
          signal,
        },
        (v) => uploadStateSchema.parse(v),
      ),
    complete: (ws: string, id: string, signal?: AbortSignal): Promise<BlobStored> =>
      json(blobPaths.complete(ws, id), { method: 'POST', signal }, (v) =>
        blobStoredSchema.parse(v),
      ),
    cancel: async (ws: string, id: string): Promise<void> => {
      await request(blobPaths.upload(ws, id), { method: 'DELETE' })
    },
    /** Bytes [start, end) of a stored blob. */
    download: async (
      ws: string,
      hash: string,
      start: number,
      end: number,
      signal?: AbortSignal,
    ): Promise<Blob> => {
      const response = await request(blobPaths.object(ws, hash), {
        method: 'GET',
        headers: { Range: `bytes=${start}-${end - 1}` },
        signal,
      })
      return response.blob()
    },
    objectSize: async (ws: string, hash: string, signal?: AbortSignal): Promise<number> => {
      const response = await request(blobPaths.object(ws, hash), { method: 'HEAD', signal })
      return Number(response.headers.get('Content-Length') ?? '0')
    },
    usage: (ws: string, signal?: AbortSignal): Promise<StorageUsage> =>
      json(blobPaths.usage(ws), { method: 'GET', signal }, (v) => storageUsageSchema.parse(v)),
    setKeepOriginalsLocal: (ws: string, keepOriginalsLocal: boolean): Promise<StorageUsage> =>
      json(blobPaths.settings(ws), { method: 'PUT', ...body({ keepOriginalsLocal }) }, (v) =>
        storageUsageSchema.parse(v),
      ),
  }
}
