import { describe, expect, it, vi } from 'vitest'
import { APP_ENTRY_URL } from '../../shared/app-origin'
import { createIpcDispatcher, type IpcHandlers } from './dispatcher'

function handlers(overrides: Partial<IpcHandlers> = {}): IpcHandlers {
  return {
    'app.info': () => ({
      version: '1.0.0',
      platform: 'linux',
      electron: '41.0.0',
      serverUrl: 'http://127.0.0.1:4400',
    }),
    'shell.openExternal': vi.fn(async () => undefined),
    'notify.show': vi.fn(() => ({ shown: true })),
    'tokens.get': vi.fn(async () => 'secret'),
    'tokens.set': vi.fn(async () => undefined),
    'tokens.delete': vi.fn(async () => undefined),
    'oauth.begin': vi.fn(async () => ({
      loginId: crypto.randomUUID(),
      redirectUri: 'http://127.0.0.1:1/callback',
    })),
    'oauth.finish': vi.fn(async () => ({ code: 'c', state: 's' })),
    'media.pick': vi.fn(async () => ({ files: [], refusals: [] })),
    'media.saveChunk': vi.fn(async () => undefined),
    'media.saveEnd': vi.fn(async () => undefined),
    'media.saveThumbnail': vi.fn(async () => undefined),
    'media.remove': vi.fn(async () => undefined),
    'media.available': vi.fn(async () => 1024),
    'export.keepChunk': vi.fn(async () => undefined),
    'export.keepEnd': vi.fn(async () => undefined),
    'export.save': vi.fn(async () => ({ saved: false as const })),
    'report.savePdf': vi.fn(async () => ({ saved: false as const })),
    ...overrides,
  }
}

describe('IPC dispatcher', () => {
  it('runs a valid call from the app window', async () => {
    const h = handlers()
    const dispatch = createIpcDispatcher(h)
    const result = await dispatch(APP_ENTRY_URL, {
      method: 'tokens.get',
      input: { key: 'session:main' },
    })
    expect(result).toEqual({ ok: true, value: 'secret' })
    expect(h['tokens.get']).toHaveBeenCalledWith({ key: 'session:main' }, { window: null })
  })

  it.each([
    ['no frame (subframe or destroyed)', undefined],
    ['a remote page', 'https://evil.example/'],
    ['a look-alike app host', 'app://reeldesk.evil/index.html'],
    ['a file page', 'file:///tmp/index.html'],
    ['the web mode origin', 'http://127.0.0.1:4400/'],
  ])('refuses a sender that is %s and never calls the handler', async (_label, sender) => {
    const h = handlers()
    const result = await createIpcDispatcher(h)(sender, {
      method: 'tokens.set',
      input: { key: 'session:main', value: 'x' },
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect(h['tokens.set']).not.toHaveBeenCalled()
  })

  it('refuses an unknown method, including prototype names', async () => {
    const dispatch = createIpcDispatcher(handlers())
    for (const method of ['fs.readFile', 'constructor', '__proto__', 'toString']) {
      const result = await dispatch(APP_ENTRY_URL, { method, input: undefined })
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    }
  })

  it.each([
    ['not an envelope', 'tokens.get'],
    ['envelope with extra keys', { method: 'tokens.get', input: { key: 'a' }, extra: 1 }],
    ['missing payload field', { method: 'tokens.set', input: { key: 'a' } }],
    ['extra payload field', { method: 'tokens.get', input: { key: 'a', path: '/etc' } }],
    ['bad key characters', { method: 'tokens.get', input: { key: '../../etc/passwd' } }],
    ['wrong type', { method: 'shell.openExternal', input: { url: 42 } }],
    ['oversized value', { method: 'tokens.set', input: { key: 'a', value: 'x'.repeat(9000) } }],
    ['payload where none is taken', { method: 'app.info', input: { x: 1 } }],
    ['a path to pick from', { method: 'media.pick', input: { path: '/etc/passwd' } }],
    [
      'a path-like media name',
      {
        method: 'media.saveEnd',
        input: { id: '01890a5d-ac96-774b-bcce-b302099a8057', name: '../../x', size: 1 },
      },
    ],
  ])('refuses a bad payload: %s', async (_label, request) => {
    const h = handlers()
    const result = await createIpcDispatcher(h)(APP_ENTRY_URL, request)
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(h['tokens.get']).not.toHaveBeenCalled()
    expect(h['tokens.set']).not.toHaveBeenCalled()
  })

  it('names the method and the field in a bad-input message', async () => {
    const result = await createIpcDispatcher(handlers())(APP_ENTRY_URL, {
      method: 'tokens.set',
      input: { key: 'ok', value: '' },
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/^tokens\.set: value: /)
  })

  it('hands the calling window to the handler (dialogs are parented to it)', async () => {
    const h = handlers()
    const window = { id: 7 }
    const dispatch = createIpcDispatcher<typeof window>(h)
    await dispatch(APP_ENTRY_URL, { method: 'media.pick', input: undefined }, { window })
    expect(h['media.pick']).toHaveBeenCalledWith(undefined, { window })
  })

  it('reports a full disk as NO_SPACE so the renderer can say so', async () => {
    const dispatch = createIpcDispatcher(
      handlers({
        'media.saveEnd': async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
            syscall: 'write',
          })
        },
      }),
    )
    const result = await dispatch(APP_ENTRY_URL, {
      method: 'media.saveEnd',
      input: { id: '01890a5d-ac96-774b-bcce-b302099a8057', name: 'a.mp4', size: 10 },
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'NO_SPACE' } })
  })

  it('never names a path from a file-system error', async () => {
    const dispatch = createIpcDispatcher(
      handlers({
        'media.remove': async () => {
          const { rename } = await import('node:fs/promises')
          await rename('/nonexistent/reeldesk/userData/media/a', '/nonexistent/b')
        },
      }),
    )
    const result = await dispatch(APP_ENTRY_URL, {
      method: 'media.remove',
      input: { id: '01890a5d-ac96-774b-bcce-b302099a8057' },
    })
    expect(result).toEqual({
      ok: false,
      error: { code: 'FAILED', message: 'media.remove: a file operation failed (ENOENT)' },
    })
  })

  it('turns a handler failure into an error envelope without a stack', async () => {
    const dispatch = createIpcDispatcher(
      handlers({
        'shell.openExternal': async () => {
          throw new Error('link refused: host evil.example is not on the allowlist')
        },
      }),
    )
    const result = await dispatch(APP_ENTRY_URL, {
      method: 'shell.openExternal',
      input: { url: 'https://evil.example' },
    })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'FAILED',
        message: 'shell.openExternal: link refused: host evil.example is not on the allowlist',
      },
    })
  })
})
