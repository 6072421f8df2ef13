import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { setLogSink } from '../shared/logger'
import { TokenStore, type TokenCipher } from './token-store'

// A stand-in for safeStorage: reversible but visibly not plaintext.
const xorCipher = (strong: boolean): TokenCipher => ({
  isStrong: () => strong,
  encrypt: (plain) => Buffer.from(Buffer.from(plain).map((b) => b ^ 0x5a)),
  decrypt: (cipher) => Buffer.from(cipher.map((b) => b ^ 0x5a)).toString(),
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reeldesk-tokens-'))
  setLogSink(() => undefined)
})

describe('TokenStore', () => {
  it('round-trips a token and never writes it in the clear', async () => {
    const store = new TokenStore(dir, xorCipher(true))
    await store.set('session:main', 'tok_very_secret')
    expect(await store.get('session:main')).toBe('tok_very_secret')
    const onDisk = await readFile(path.join(dir, 'tokens.json'), 'utf8')
    expect(onDisk).not.toContain('tok_very_secret')
    // A new store (next app start) reads it back.
    expect(await new TokenStore(dir, xorCipher(true)).get('session:main')).toBe('tok_very_secret')
  })

  it('deletes tokens', async () => {
    const store = new TokenStore(dir, xorCipher(true))
    await store.set('a', '1')
    await store.set('b', '2')
    await store.delete('a')
    expect(await store.get('a')).toBeNull()
    expect(await store.get('b')).toBe('2')
  })

  it('keeps concurrent writes (serialised read-modify-write)', async () => {
    const store = new TokenStore(dir, xorCipher(true))
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)))
    for (let i = 0; i < 20; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`)
  })

  it('keeps tokens in memory only when the OS cannot encrypt', async () => {
    const store = new TokenStore(dir, xorCipher(false))
    await store.set('session:main', 'tok')
    expect(await store.get('session:main')).toBe('tok')
    await expect(readFile(path.join(dir, 'tokens.json'))).rejects.toThrow()
    expect(await new TokenStore(dir, xorCipher(false)).get('session:main')).toBeNull()
  })

  it('survives a corrupt file and undecryptable entries', async () => {
    await writeFile(path.join(dir, 'tokens.json'), '{not json')
    const store = new TokenStore(dir, xorCipher(true))
    expect(await store.get('x')).toBeNull()
    await store.set('x', 'ok')
    expect(await store.get('x')).toBe('ok')
    const broken: TokenCipher = {
      ...xorCipher(true),
      decrypt: () => {
        throw new Error('keychain locked')
      },
    }
    expect(await new TokenStore(dir, broken).get('x')).toBeNull()
  })
})
