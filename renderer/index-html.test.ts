import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, META_CSP_CONNECT_SOURCES } from '../shared/security/http-headers'

describe('renderer/index.html', () => {
  const html = readFileSync(new URL('./index.html', import.meta.url), 'utf8')

  it('carries the meta CSP generated from the shared policy', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(
      contentSecurityPolicy({ connectSources: META_CSP_CONNECT_SOURCES, forMeta: true }),
    )
  })

  it('places the CSP before any script', () => {
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'))
  })
})
