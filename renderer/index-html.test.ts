import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, META_CSP_CONNECT_SOURCES } from '../shared/security/http-headers'

// Every page of the renderer build carries a <meta> CSP generated from the shared policy; the
// test-only export harness talks to no server, so it gets the policy without extra connect sources.
describe.each([
  ['./index.html', META_CSP_CONNECT_SOURCES],
  ['./features/editor/engine/harness.html', []],
] as const)('renderer %s', (file, connectSources) => {
  const html = readFileSync(new URL(file, import.meta.url), 'utf8')

  it('carries the meta CSP generated from the shared policy', () => {
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(contentSecurityPolicy({ connectSources, forMeta: true }))
  })

  it('places the CSP before any script', () => {
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'))
  })
})
