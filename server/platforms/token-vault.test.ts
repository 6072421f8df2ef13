import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTokenVault, loadVaultKey } from './token-vault'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-vault-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('token vault (AES-256-GCM)', () => {
  it('seals so that only the same key and place can open, and never shows the plain text', () => {
    const vault = createTokenVault(
      loadVaultKey({ secret: 'a secret of some length', dataDir: tempDir() }),
    )
    const sealed = vault.seal('act.very-secret-token', 'platform-link/w/a')
    expect(sealed).toMatch(/^v1\./)
    expect(sealed).not.toContain('very-secret')
    expect(vault.seal('act.very-secret-token', 'platform-link/w/a')).not.toBe(sealed)
    expect(vault.open(sealed, 'platform-link/w/a')).toBe('act.very-secret-token')
    // Copied to another account's row: refused.
    expect(() => vault.open(sealed, 'platform-link/w/b')).toThrow(/could not be opened/)
    const other = createTokenVault(
      loadVaultKey({ secret: 'another secret entirely', dataDir: tempDir() }),
    )
    expect(() => other.open(sealed, 'platform-link/w/a')).toThrow(/could not be opened/)
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA')
    expect(() => vault.open(tampered, 'platform-link/w/a')).toThrow(/could not be opened/)
  })

  it('without REELDESK_SECRET, generates a key once into the data folder, readable only by its owner', () => {
    const dir = tempDir()
    const first = loadVaultKey({ secret: undefined, dataDir: dir })
    const file = path.join(dir, 'platform.key')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64').equals(first)).toBe(true)
    expect(loadVaultKey({ secret: undefined, dataDir: dir }).equals(first)).toBe(true)
    expect(first).toHaveLength(32)
  })
})
