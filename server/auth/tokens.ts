import { createHash, randomBytes } from 'node:crypto'

/** Opaque bearer secrets (session tokens, invite codes): 32 random bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** Only this hash is stored, so a database leak does not hand out live sessions or invites. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}
