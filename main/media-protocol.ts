import { open, type FileHandle } from 'node:fs/promises'
import { isUuidV7 } from '../shared/data/ids'
import { MEDIA_URL_PREFIX, mediaOriginalPath, mediaThumbnailPath } from '../shared/ipc/media-files'
import { toSafeRelativePath } from '../shared/static-path'
import { parseRange } from './http-range'
import type { LocatedFile } from './media-files'

/** What the handler needs from the media folder (MediaFiles; a fake in tests). */
export interface MediaFileSource {
  locateOriginal(id: string): Promise<LocatedFile | null>
  locateThumbnail(id: string): Promise<LocatedFile | null>
}

/**
 * Headers on every media reply. The stored bytes are whatever the user imported, so the reply
 * must never be run as a page from the app's origin: `nosniff` pins the declared media type, and
 * a sandboxed, nothing-allowed CSP covers a navigation to one of these URLs.
 */
const MEDIA_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Cache-Control': 'no-store',
} as const

/** True for URLs under the media prefix: those are this handler's, never the build's files. */
export function isMediaPath(pathname: string): boolean {
  return pathname.startsWith(MEDIA_URL_PREFIX)
}

type MediaTarget = { kind: 'original' | 'thumbnail'; id: string }

/**
 * `/@media/originals/<uuid>` or `/@media/thumbnails/<uuid>`, nothing else: the same traversal
 * checks as the build's static files (`..`, encoded separators, NUL, backslashes), then an exact
 * match on the canonical path, so no spelling of a path reaches the disk.
 */
export function parseMediaPath(pathname: string): MediaTarget | null {
  const relative = toSafeRelativePath(pathname)
  if (!relative) return null
  const [prefix, folder, id, ...rest] = relative.split('/')
  if (prefix !== MEDIA_URL_PREFIX.slice(1, -1) || rest.length > 0 || !id || !isUuidV7(id)) {
    return null
  }
  if (folder === 'originals' && pathname === mediaOriginalPath(id)) return { kind: 'original', id }
  if (folder === 'thumbnails' && pathname === mediaThumbnailPath(id)) {
    return { kind: 'thumbnail', id }
  }
  return null
}

/** Bytes read per pull: large enough for throughput, small enough that a seek wastes little. */
const READ_BYTES = 256 * 1024

/**
 * Bytes `start`..`end` (inclusive) of an open file as a web stream, read on demand (nothing is
 * read until the renderer pulls). The stream owns the handle and closes it at the end, on an
 * error, or when the reader cancels (a video element seeking away).
 */
function streamRange(handle: FileHandle, start: number, end: number): ReadableStream<Uint8Array> {
  let position = start
  const finish = () => handle.close().catch(() => undefined)
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const length = Math.min(READ_BYTES, end + 1 - position)
        const { bytesRead, buffer } =
          length > 0
            ? await handle.read(new Uint8Array(length), 0, length, position)
            : { bytesRead: 0, buffer: new Uint8Array(0) }
        if (bytesRead === 0) {
          await finish()
          controller.close()
          return
        }
        position += bytesRead
        controller.enqueue(buffer.subarray(0, bytesRead))
      } catch (error) {
        await finish()
        controller.error(error)
      }
    },
    cancel: finish,
  })
}

function reply(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { ...MEDIA_HEADERS, ...headers } })
}

/**
 * Serves stored originals and thumbnails to the renderer over app:// with HTTP Range, streamed
 * from disk (no copy in memory; playback and mediabunny read only the ranges they need). The
 * id in the URL is the only input; where the file lives is main's business.
 */
export function createMediaResponder(files: MediaFileSource) {
  return async function respond(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply(405, { Allow: 'GET, HEAD' })
    }
    const target = parseMediaPath(new URL(request.url).pathname)
    if (!target) return reply(404)
    const located =
      target.kind === 'original'
        ? await files.locateOriginal(target.id)
        : await files.locateThumbnail(target.id)
    if (!located) return reply(404)

    let handle: FileHandle
    try {
      handle = await open(located.path, 'r')
    } catch {
      return reply(404)
    }
    let streaming = false
    try {
      const size = (await handle.stat()).size
      const range = parseRange(request.headers.get('range'), size)
      if (range.kind === 'unsatisfiable') {
        return reply(416, { 'Content-Range': `bytes */${size}` })
      }
      const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1]
      const headers: Record<string, string> = {
        'Content-Type': located.contentType,
        'Accept-Ranges': 'bytes',
        'Content-Length': String(Math.max(0, end - start + 1)),
      }
      if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`
      const status = range.kind === 'partial' ? 206 : 200
      if (request.method === 'HEAD' || size === 0) return reply(status, headers)
      const body = streamRange(handle, start, end)
      streaming = true
      return new Response(body, {
        status,
        headers: { ...MEDIA_HEADERS, ...headers },
      })
    } finally {
      if (!streaming) await handle.close()
    }
  }
}
