import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Seals platform tokens (and PKCE verifiers) with AES-256-GCM before they touch the database.
 * The key comes from REELDESK_SECRET (any length; hashed to 32 bytes) — required when several
 * instances share one PostgreSQL database — or else from `platform.key` in the data folder,
 * generated once with 0600 permissions. Sealed text: `v1.<iv>.<tag>.<ciphertext>` (base64url);
 * the associated data binds a sealed value to where it is stored, so a copied column does not
 * open under another account.
 */
export interface TokenVault {
  seal(plain: string, context: string): string
  open(sealed: string, context: string): string
}

const KEY_FILE = 'platform.key'

export function loadVaultKey(options: { secret: string | undefined; dataDir: string }): Buffer {
  if (options.secret) return createHash('sha256').update(options.secret, 'utf8').digest()
  const file = path.join(options.dataDir, KEY_FILE)
  try {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`)
    return key
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  mkdirSync(options.dataDir, { recursive: true })
  const key = randomBytes(32)
  try {
    // 'wx': never overwrite a key another process created a moment ago.
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return loadVaultKey({ secret: undefined, dataDir: options.dataDir })
    throw error
  }
  // The mode above is masked by umask; make sure it is exactly 0600.
  chmodSync(file, 0o600)
  return key
}

export function createTokenVault(key: Buffer): TokenVault {
  if (key.length !== 32) throw new Error('the token key must be 32 bytes')
  return {
    seal(plain, context) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'))
      return `v1.${parts.join('.')}`
    },
    open(sealed, context) {
      const [version, iv, tag, body] = sealed.split('.')
      if (version !== 'v1' || !iv || !tag || body === undefined)
        throw new Error('sealed value has an unknown format')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      decipher.setAAD(Buffer.from(context, 'utf8'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      try {
        return Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]).toString('utf8')
      } catch {
        // Never echo the value: the message says what happened, not what was stored.
        throw new Error('sealed value could not be opened (wrong key or tampered)')
      }
    },
  }
}
