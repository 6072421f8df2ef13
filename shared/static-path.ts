/**
 * Pure helpers for serving the renderer build, shared by the desktop app:// handler and the web
 * server so both refuse the same tricks.
 */

/**
 * Turns a URL pathname into a relative path of plain segments inside the build folder, or null
 * when it tries to leave it (`..`, encoded separators, NUL, backslashes) or is malformed.
 * `/` maps to `index.html`.
 */
export function toSafeRelativePath(urlPathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:$/.test(s))) return null
  if (segments.length === 0) return 'index.html'
  return segments.join('/')
}

const MIME_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  wasm: 'application/wasm',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  cube: 'text/plain; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
}

export function mimeTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  const ext = dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase()
  return MIME_TYPES[ext] ?? 'application/octet-stream'
}

/** Paths that look like app routes (no extension) fall back to index.html: the SPA decides. */
export function isSpaRoute(relativePath: string): boolean {
  const last = relativePath.split('/').pop() ?? ''
  return !last.includes('.')
}
