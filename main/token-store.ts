import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createLogger } from '../shared/logger'

const log = createLogger('tokens')

/** What the store needs from Electron's safeStorage; injected so the store is testable in Node. */
export interface TokenCipher {
  /** False when the OS offers no real protection (e.g. Linux without a keyring). */
  isStrong(): boolean
  encrypt(plain: string): Buffer
  decrypt(cipher: Buffer): string
}

/**
 * Secrets (session tokens) encrypted with the OS keychain through safeStorage and kept in one
 * JSON file of base64 blobs. When the OS cannot encrypt, tokens live in memory only, for this run:
 * the user signs in again next time rather than have a token written to disk in the clear.
 */
export class TokenStore {
  private readonly file: string
  private readonly memory = new Map<string, string>()
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    dir: string,
    private readonly cipher: TokenCipher,
  ) {
    this.file = path.join(dir, 'tokens.json')
  }

  async get(key: string): Promise<string | null> {
    if (!this.cipher.isStrong()) return this.memory.get(key) ?? null
    const blob = (await this.readAll())[key]
    if (!blob) return null
    try {
      return this.cipher.decrypt(Buffer.from(blob, 'base64'))
    } catch {
      log.warn('a stored token could not be decrypted and was ignored', { key })
      return null
    }
  }

  set(key: string, value: string): Promise<void> {
    if (!this.cipher.isStrong()) {
      log.warn('OS encryption is not available: the token is kept in memory for this run only')
      this.memory.set(key, value)
      return Promise.resolve()
    }
    return this.update((all) => {
      all[key] = this.cipher.encrypt(value).toString('base64')
    })
  }

  delete(key: string): Promise<void> {
    this.memory.delete(key)
    if (!this.cipher.isStrong()) return Promise.resolve()
    return this.update((all) => {
      delete all[key]
    })
  }

  private async readAll(): Promise<Record<string, string>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'))
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return Object.fromEntries(
          Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
        )
      }
      return {}
    } catch {
      return {}
    }
  }

  /** Serialised read-modify-write with an atomic rename, so a crash never leaves half a file. */
  private update(change: (all: Record<string, string>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const all = await this.readAll()
      change(all)
      await mkdir(path.dirname(this.file), { recursive: true })
      const tmp = `${this.file}.${process.pid}.tmp`
      await writeFile(tmp, JSON.stringify(all), { mode: 0o600 })
      await rename(tmp, this.file)
    })
    this.queue = next.catch(() => undefined)
    return next
  }
}
