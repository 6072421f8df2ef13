import { describe, expect, it } from 'vitest'
import { initialsOf, resolveCurrentAccount, sortAccounts } from './current-account'

describe('current account', () => {
  const accounts = [{ id: 'a' }, { id: 'b' }]

  it('keeps the remembered account while it is visible, else shows all', () => {
    expect(resolveCurrentAccount('b', accounts)).toBe('b')
    expect(resolveCurrentAccount('gone', accounts)).toBeNull()
    expect(resolveCurrentAccount(null, accounts)).toBeNull()
  })

  it('picks the only account there is', () => {
    expect(resolveCurrentAccount(null, [{ id: 'a' }])).toBe('a')
    expect(resolveCurrentAccount(null, [])).toBeNull()
  })

  it('sorts by handle and makes initials', () => {
    expect(
      sortAccounts([{ handle: 'zed' }, { handle: 'Amy' }, { handle: 'bob' }]).map((a) => a.handle),
    ).toEqual(['Amy', 'bob', 'zed'])
    expect(initialsOf({ displayName: 'Cam Creates', handle: 'cam' })).toBe('CC')
    expect(initialsOf({ displayName: '', handle: 'studio.one' })).toBe('SO')
    expect(initialsOf({ displayName: 'Mono', handle: 'm' })).toBe('MO')
    expect(initialsOf({ displayName: 'Ada (sandbox)', handle: 'ada' })).toBe('AS')
    expect(initialsOf({ displayName: 'Émile Ōno', handle: 'e' })).toBe('ÉŌ')
  })
})
