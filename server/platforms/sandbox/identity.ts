import { SANDBOX_SIZES, type SandboxSize } from './profiles'

/**
 * A sandbox account is fully described by its size, its seed and the UTC day it was linked: the
 * simulation is a pure function of these and the clock (plus the videos published through it).
 * They travel as the account's platform id, `sandbox.<size>.<seed>.<linkDay>`, which is not a
 * secret (the same way a TikTok open_id is not).
 */
export interface SandboxIdentity {
  size: SandboxSize
  seed: number
  /** Days since 1970-01-01 (UTC) of the link. */
  linkDay: number
}

export const DAY_MS = 86_400_000

export function sandboxAccountId(identity: SandboxIdentity): string {
  return `sandbox.${identity.size}.${identity.seed}.${identity.linkDay}`
}

export function parseSandboxAccountId(id: string): SandboxIdentity | null {
  const match = /^sandbox\.(new|9k|12k|250k)\.(\d{1,10})\.(\d{1,6})$/.exec(id)
  if (!match) return null
  const size = match[1] as SandboxSize
  if (!(SANDBOX_SIZES as readonly string[]).includes(size)) return null
  const seed = Number(match[2])
  if (seed > 0xffffffff) return null
  return { size, seed, linkDay: Number(match[3]) }
}

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS)
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export function dayOfIso(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS)
}
