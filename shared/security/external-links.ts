import { parseUrl } from '../app-origin'

/**
 * Hosts the app may open in the user's browser. Kept short on purpose: every entry is a place a
 * link inside the app legitimately points to (help pages, the platform's own consoles).
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = Object.freeze([
  'reeldesk.app',
  'www.tiktok.com',
  'developers.tiktok.com',
  'support.tiktok.com',
  'www.electronjs.org',
])

export type ExternalLinkVerdict = { ok: true; url: string } | { ok: false; reason: string }

/**
 * Decides whether a URL may be handed to the operating system. Only https, only allowlisted
 * hosts (exact match or a subdomain of one), no credentials, no custom port.
 */
export function checkExternalLink(
  raw: string,
  allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS,
): ExternalLinkVerdict {
  const url = parseUrl(raw)
  if (!url) return { ok: false, reason: 'not a valid URL' }
  if (url.protocol !== 'https:')
    return { ok: false, reason: `scheme ${url.protocol} is not allowed` }
  if (url.username || url.password)
    return { ok: false, reason: 'URLs with credentials are not allowed' }
  if (url.port !== '') return { ok: false, reason: 'URLs with a custom port are not allowed' }
  const host = url.hostname.toLowerCase()
  const allowed = allowedHosts.some((h) => host === h || host.endsWith(`.${h}`))
  if (!allowed) return { ok: false, reason: `host ${host} is not on the allowlist` }
  return { ok: true, url: url.toString() }
}
