import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isSpaRoute, mimeTypeFor, toSafeRelativePath } from '../../shared/static-path'

/**
 * Serves the renderer's web build. Hashed assets are cached for a year; index.html never, so a
 * new build is picked up on reload. Unknown extension-less paths are app routes: index.html.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  rootDir: string,
  headers: Record<string, string>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const relative = toSafeRelativePath(url.pathname)
  if (!relative) return sendText(res, 400, 'Bad path', headers)
  const candidates = isSpaRoute(relative) ? ['index.html'] : [relative]
  for (const candidate of candidates) {
    const file = path.join(rootDir, ...candidate.split('/'))
    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) continue
    const immutable = candidate.startsWith('assets/')
    res.writeHead(200, {
      ...headers,
      'Content-Type': mimeTypeFor(candidate),
      'Content-Length': String(info.size),
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file).pipe(res)
    return
  }
  sendText(res, 404, 'Not found', headers)
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
  })
  res.end(JSON.stringify(body))
}
