import { describe, expect, it } from 'vitest'
import { createUuidV7Generator, isUuidV7, uuidv7, uuidV7Timestamp } from './ids'

describe('uuidv7', () => {
  it('produces canonical UUIDv7 strings carrying the current time', () => {
    const before = Date.now()
    const id = uuidv7()
    expect(isUuidV7(id)).toBe(true)
    expect(id).toHaveLength(36)
    expect(uuidV7Timestamp(id)).toBeGreaterThanOrEqual(before)
    expect(uuidV7Timestamp(id)).toBeLessThanOrEqual(Date.now())
  })

  it('is unique and strictly increasing, even within one millisecond', () => {
    const next = createUuidV7Generator({
      now: () => 1_700_000_000_000,
      fillRandom: (b) => crypto.getRandomValues(b),
    })
    const ids = Array.from({ length: 10_000 }, next)
    expect(new Set(ids).size).toBe(ids.length)
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]! > ids[i - 1]!).toBe(true)
    expect(ids.every(isUuidV7)).toBe(true)
  })

  it('never goes backwards when the clock does', () => {
    const times = [5_000, 4_000, 4_000, 6_000]
    const next = createUuidV7Generator({
      now: () => times.shift() ?? 0,
      fillRandom: (b) => b.fill(0xff),
    })
    const ids = [next(), next(), next(), next()]
    expect([...ids].sort()).toEqual(ids)
    expect(uuidV7Timestamp(ids[3]!)).toBe(6_000)
  })

  it('encodes the timestamp big-endian in the first 48 bits', () => {
    const next = createUuidV7Generator({ now: () => 0x0123456789ab, fillRandom: (b) => b.fill(0) })
    const id = next()
    expect(id.startsWith('01234567-89ab-7')).toBe(true)
    expect(id[19]).toBe('8')
    expect(uuidV7Timestamp(id)).toBe(0x0123456789ab)
  })

  it('rejects other UUID versions and non-canonical forms', () => {
    expect(isUuidV7('01890a5d-ac96-474b-bcce-b302099a8057')).toBe(false)
    expect(isUuidV7('01890A5D-AC96-774B-BCCE-B302099A8057')).toBe(false)
    expect(isUuidV7('01890a5d-ac96-774b-7cce-b302099a8057')).toBe(false)
    expect(isUuidV7(42)).toBe(false)
    expect(() => uuidV7Timestamp('nope')).toThrow()
  })
})
