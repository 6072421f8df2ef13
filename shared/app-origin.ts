/**
 * The desktop renderer is served from a privileged custom scheme instead of file:// so that it
 * gets a real origin (needed for COOP/COEP, IndexedDB and a meaningful CSP) and so that the
 * main process can tell its own frames from anything else by parsing a URL.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'reeldesk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Parses without throwing: a string that is not a URL is simply not ours. */
export function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

/**
 * True only for URLs of the app's own origin. Compared on the parsed scheme and host, never with
 * `startsWith`, which `app://reeldesk.evil.example/` or `app://reeldesk@evil/` would fool.
 */
export function isAppUrl(raw: string): boolean {
  const url = parseUrl(raw)
  if (!url) return false
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  )
}
