import { describe, expect, it } from 'vitest'
import { isSpaRoute, mimeTypeFor, toSafeRelativePath } from './static-path'

describe('toSafeRelativePath', () => {
  it('maps the root to index.html and keeps plain paths', () => {
    expect(toSafeRelativePath('/')).toBe('index.html')
    expect(toSafeRelativePath('/assets/index-abc.js')).toBe('assets/index-abc.js')
    expect(toSafeRelativePath('//assets//a.css')).toBe('assets/a.css')
  })

  it.each([
    ['parent segments', '/../etc/passwd'],
    ['encoded parent segments', '/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded slash to parent', '/assets/..%2f..%2fsecret'],
    ['backslashes', '/..\\..\\windows'],
    ['encoded backslash', '/%5c..%5csecret'],
    ['NUL byte', '/index.html%00.png'],
    ['drive letter', '/C:/Windows/win.ini'],
    ['broken escape', '/%E0%A4%A'],
  ])('refuses %s', (_label, pathname) => {
    expect(toSafeRelativePath(pathname)).toBeNull()
  })
})

describe('mimeTypeFor / isSpaRoute', () => {
  it('knows the types the renderer build and ffmpeg.wasm need', () => {
    expect(mimeTypeFor('assets/a.js')).toBe('text/javascript; charset=utf-8')
    expect(mimeTypeFor('ffmpeg-core.wasm')).toBe('application/wasm')
    expect(mimeTypeFor('README')).toBe('application/octet-stream')
  })

  it('treats extension-less paths as app routes', () => {
    expect(isSpaRoute('deals')).toBe(true)
    expect(isSpaRoute('assets/a.js')).toBe(false)
  })
})
