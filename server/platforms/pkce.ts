import { createHash, randomBytes } from 'node:crypto'
import type { ClientKind } from './connector'

/**
 * PKCE (RFC 7636) pieces. TikTok documents a different challenge for desktop apps: the HEX
 * SHA-256 of the verifier rather than base64url (PLATFORM-FACTS, Login Kit v2); web apps use the
 * RFC form. The verifier is 64 characters of the RFC's unreserved alphabet.
 */
const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'

export function newCodeVerifier(): string {
  const bytes = randomBytes(64)
  let out = ''
  // 66 symbols: bytes ≥ 198 (3 × 66) are skipped so every symbol is equally likely.
  for (const b of bytes) if (b < 198) out += UNRESERVED[b % 66]
  return out.length >= 43 ? out.slice(0, 64) : newCodeVerifier()
}

export function codeChallenge(verifier: string, client: ClientKind): string {
  const digest = createHash('sha256').update(verifier, 'ascii').digest()
  return client === 'desktop' ? digest.toString('hex') : digest.toString('base64url')
}

/** The OAuth `state`: 32 random bytes; only its hash is stored. */
export function newState(): string {
  return randomBytes(32).toString('base64url')
}

export function hashState(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex')
}
