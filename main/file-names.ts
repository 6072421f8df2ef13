/** Names Windows refuses for a file whatever the extension (`CON.mp4` is still the console). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i

const MAX_BASE_POINTS = 120

/**
 * A default file name for the save dialog from text the renderer sent (a project title): safe
 * on Windows, macOS and Linux, never a path, always ending in `extension`. The user can still
 * type anything in the dialog; this only makes sure what we propose is valid everywhere.
 */
export function safeFileName(raw: string, extension: string, fallback = 'export'): string {
  const ext = extension.startsWith('.') ? extension : `.${extension}`
  let base = raw.normalize('NFC')
  if (base.toLowerCase().endsWith(ext.toLowerCase())) base = base.slice(0, -ext.length)
  base = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    // Leading dots hide the file (or make it `..`); trailing dots and spaces vanish on Windows.
    .replace(/^[\s.]+|[\s.]+$/g, '')
  base = [...base].slice(0, MAX_BASE_POINTS).join('').trim()
  if (base === '') base = fallback
  // Windows judges the part before the first dot: `con.final` is reserved too.
  if (WINDOWS_RESERVED.test(base.split('.')[0] ?? '')) base = `_${base}`
  return `${base}${ext}`
}
