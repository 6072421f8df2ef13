import { isAppUrl } from '../shared/app-origin'

/**
 * Permissions the renderer may be granted. Everything else (camera, microphone, geolocation,
 * notifications, MIDI, HID, serial, …) is denied: the studio does not use them, and a compromised
 * page must not gain them silently.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'clipboard-sanitized-write',
  'fullscreen',
])

export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl)
}
