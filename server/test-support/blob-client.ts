import { createHash } from 'node:crypto'
import { request } from 'node:http'
import { blobPaths, type BlobScope } from '../../shared/blobs/protocol'

/** Raw HTTP calls to the blob routes, as a client would make them (status and parsed body). */
export function blobClient(url: string, token: string | null, workspaceId: string) {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...extra,
  })
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    }
  }
  return {
    start: (bytes: Buffer, scope: BlobScope, sha = sha256(bytes)) =>
      call('POST', blobPaths.uploads(workspaceId), { sha256: sha, size: bytes.length, scope }),
    state: (id: string) => call('GET', blobPaths.upload(workspaceId, id)),
    put: async (id: string, offset: number, bytes: Buffer) => {
      const response = await fetch(`${url}${blobPaths.upload(workspaceId, id)}?offset=${offset}`, {
        method: 'PUT',
        headers: headers({ 'Content-Type': 'application/octet-stream' }),
        // A view of the caller's bytes, not a copy (a 500 MiB upload's chunks copied is a cost
        // the app, which sends a Blob slice, does not pay).
        body: new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length),
      })
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    },
    complete: (id: string) => call('POST', blobPaths.complete(workspaceId, id)),
    cancel: (id: string) => call('DELETE', blobPaths.upload(workspaceId, id)),
    usage: () => call('GET', blobPaths.usage(workspaceId)),
    settings: (keepOriginalsLocal: boolean) =>
      call('PUT', blobPaths.settings(workspaceId), { keepOriginalsLocal }),
    download: async (hash: string, range?: string) => {
      const response = await fetch(`${url}${blobPaths.object(workspaceId, hash)}`, {
        headers: headers(range ? { Range: range } : {}),
      })
      return {
        status: response.status,
        headers: response.headers,
        bytes: Buffer.from(await response.arrayBuffer()),
      }
    },
    /**
     * Starts a PUT that sends `first` and then stalls (a network drop or a crash mid-chunk);
     * resolves once the server has received those bytes' worth of time to write them.
     */
    stalledPut(id: string, offset: number, first: Buffer, total: number): Promise<void> {
      return new Promise((resolve) => {
        const target = new URL(`${url}${blobPaths.upload(workspaceId, id)}?offset=${offset}`)
        const req = request(target, {
          method: 'PUT',
          headers: headers({
            'Content-Type': 'application/octet-stream',
            'Content-Length': String(total),
          }),
        })
        req.on('error', () => undefined)
        req.write(first, () => setTimeout(resolve, 300))
      })
    },
  }
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}
