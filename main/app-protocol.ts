import path from 'node:path'
import { readFile } from 'node:fs/promises'
import { protocol, type Session } from 'electron'
import { APP_HOST, APP_SCHEME } from '../shared/app-origin'
import { rendererSecurityHeaders } from '../shared/security/http-headers'
import { isSpaRoute, mimeTypeFor, toSafeRelativePath } from '../shared/static-path'
import { isMediaPath } from './media-protocol'

/** Must run before `app.ready`: gives app:// a real, secure origin with fetch and streaming. */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        codeCache: true,
      },
    },
  ])
}

/**
 * Serves the renderer build on app://reeldesk/ with the same CSP and COOP/COEP headers as the web
 * mode, so the window is `crossOriginIsolated`. Anything outside the build folder is a 404.
 * Paths under /@media/ go to `serveMedia` (stored originals and thumbnails, see media-protocol).
 */
export function handleAppProtocol(
  session: Session,
  rendererDir: string,
  connectSources: readonly string[],
  serveMedia: (request: Request) => Promise<Response>,
): void {
  const headers = rendererSecurityHeaders({ connectSources })
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.hostname === APP_HOST && isMediaPath(url.pathname)) return serveMedia(request)
    const relative = url.hostname === APP_HOST ? toSafeRelativePath(url.pathname) : null
    if (!relative) return new Response('Not found', { status: 404, headers })
    const file = isSpaRoute(relative) ? 'index.html' : relative
    try {
      const body = await readFile(path.join(rendererDir, ...file.split('/')))
      return new Response(body, {
        status: 200,
        headers: { ...headers, 'Content-Type': mimeTypeFor(file) },
      })
    } catch {
      return new Response('Not found', { status: 404, headers })
    }
  })
}
