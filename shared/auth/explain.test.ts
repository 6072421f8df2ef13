import { describe, expect, it } from 'vitest'
import { whyReadOnly } from './explain'

describe('whyReadOnly', () => {
  it('lets writers write', () => {
    expect(
      whyReadOnly({ role: 'editor', accountIds: [] }, 'projects', { accountId: 'a' }),
    ).toBeNull()
    expect(
      whyReadOnly({ role: 'creator', accountIds: ['a'] }, 'projects', { accountId: 'a' }),
    ).toBeNull()
  })

  it('tells an analyst they are read-only and what to ask for', () => {
    expect(whyReadOnly({ role: 'analyst', accountIds: [] }, 'projects')).toBe(
      'You have read-only access (analyst role): you can view projects but not change them. Ask an owner or manager for the editor role to make changes.',
    )
  })

  it('tells a creator the account is not theirs, naming it', () => {
    expect(
      whyReadOnly({ role: 'creator', accountIds: ['a'] }, 'projects', { accountId: 'b' }, '@other'),
    ).toBe(
      "This belongs to @other, which is not assigned to you: you can change only your own accounts' projects.",
    )
    expect(
      whyReadOnly({ role: 'creator', accountIds: ['a'] }, 'media', { accountId: null }),
    ).toMatch(/pick one of your accounts/)
  })

  it('waits for the membership to sync', () => {
    expect(whyReadOnly(null, 'projects')).toMatch(/not synced yet/)
  })
})
