/**
 * One definition of the security headers for the renderer, used both by the desktop app://
 * protocol handler (main) and by the web mode (server), so both ways of running the renderer get
 * the same isolation: COOP + COEP make the page `crossOriginIsolated` (SharedArrayBuffer, which
 * the multi-thread ffmpeg core needs), the CSP allows only the app's own code.
 */
export interface CspOptions {
  /** Extra origins the page may connect to (the sync server when the page is served elsewhere). */
  connectSources?: readonly string[]
  /** For a <meta> tag: browsers ignore (and warn about) frame-ancestors there. */
  forMeta?: boolean
}

/**
 * The <meta> CSP in renderer/index.html: defence in depth for any way the page is loaded without
 * our headers. It is looser only in connect-src (the desktop's sync server URL is configurable);
 * the header policy, which browsers enforce together with it, stays the strict one.
 */
export const META_CSP_CONNECT_SOURCES = [
  'http://127.0.0.1:*',
  'http://localhost:*',
  'https:',
] as const

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connectSources ?? [])]
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // wasm-unsafe-eval: ffmpeg.wasm compiles WebAssembly; no JS eval is allowed.
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'worker-src': ["'self'", 'blob:'],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'media-src': ["'self'", 'blob:'],
    'font-src': ["'self'"],
    'connect-src': connect,
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'frame-src': ["'none'"],
  }
  if (options.forMeta) delete directives['frame-ancestors']
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}

export function rendererSecurityHeaders(options: CspOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  }
}
