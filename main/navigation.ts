import { isAppUrl } from '../shared/app-origin'

/**
 * In-window navigation may only move between the app's own pages; the sync server, the web and
 * file:// are never loaded into the privileged window.
 */
export function isNavigationAllowed(targetUrl: string): boolean {
  return isAppUrl(targetUrl)
}
