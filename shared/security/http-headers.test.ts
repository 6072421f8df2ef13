import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, rendererSecurityHeaders } from './http-headers'

function directive(csp: string, name: string): string[] {
  const found = csp.split('; ').find((d) => d.startsWith(`${name} `))
  return found ? found.split(' ').slice(1) : []
}

describe('renderer security headers', () => {
  it('isolates the page cross-origin (needed for SharedArrayBuffer)', () => {
    const headers = rendererSecurityHeaders()
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin')
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp')
  })

  it('allows only own scripts, WebAssembly but never eval or inline script', () => {
    const scripts = directive(contentSecurityPolicy(), 'script-src')
    expect(scripts).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(contentSecurityPolicy()).not.toContain("'unsafe-eval'")
    expect(contentSecurityPolicy()).not.toContain("'unsafe-inline'")
  })

  it('forbids plugins, framing and base-uri rewrites', () => {
    const csp = contentSecurityPolicy()
    expect(directive(csp, 'object-src')).toEqual(["'none'"])
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"])
    expect(directive(csp, 'base-uri')).toEqual(["'none'"])
  })

  it('adds the sync server origin to connect-src only', () => {
    const csp = contentSecurityPolicy({ connectSources: ['http://127.0.0.1:4400'] })
    expect(directive(csp, 'connect-src')).toEqual(["'self'", 'http://127.0.0.1:4400'])
    expect(directive(csp, 'script-src')).not.toContain('http://127.0.0.1:4400')
  })
})
