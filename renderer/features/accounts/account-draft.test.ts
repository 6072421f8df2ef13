import { describe, expect, it } from 'vitest'
import { isUuidV7 } from '../../../shared/data/ids'
import { buildAccountDoc, formValuesOf } from './account-draft'

const workspaceId = '01960000-0000-7000-8000-000000000001'
const valid = {
  handle: '@ada.makes',
  displayName: 'Ada Makes',
  platform: 'tiktok' as const,
  region: 'gb',
  birthDate: '1999-04-01',
  accountType: 'personal' as const,
}

describe('buildAccountDoc', () => {
  it('creates a valid new account with server-owned fields at their defaults', () => {
    const result = buildAccountDoc(valid, { workspaceId, existing: null, now: 1000 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(isUuidV7(result.doc.id)).toBe(true)
    expect(result.doc).toMatchObject({
      accountId: result.doc.id,
      workspaceId,
      handle: 'ada.makes',
      region: 'GB',
      followerCount: null,
      ageVerified: false,
      platformAccountId: null,
      link: { state: 'unlinked', linkedAt: null, lastSyncedAt: null, problem: null },
      _deleted: false,
    })
  })

  it('keeps the id and server-owned values when editing', () => {
    const first = buildAccountDoc(valid, { workspaceId, existing: null, now: 1 })
    if (!first.ok) throw new Error('setup')
    const link = { state: 'linked' as const, linkedAt: 1, lastSyncedAt: 1, problem: null }
    const existing = { ...first.doc, followerCount: 12_000, ageVerified: true, link }
    const edited = buildAccountDoc(
      { ...valid, displayName: 'Ada' },
      { workspaceId, existing, now: 2 },
    )
    expect(edited).toMatchObject({
      ok: true,
      doc: {
        id: existing.id,
        displayName: 'Ada',
        followerCount: 12_000,
        ageVerified: true,
        link,
        updatedAt: 2,
      },
    })
  })

  it.each([
    ['handle', { handle: 'not a handle!' }, 'must be a handle without @'],
    ['region', { region: 'Britain' }, 'ISO 3166-1'],
    ['birthDate', { birthDate: '01/04/1999' }, 'YYYY-MM-DD'],
    ['displayName', { displayName: 'x'.repeat(121) }, ''],
  ])('explains a bad %s', (field, change, message) => {
    const result = buildAccountDoc({ ...valid, ...change }, { workspaceId, existing: null, now: 1 })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).toContain(message)
  })

  it('prefills the form from a document', () => {
    expect(formValuesOf(null)).toMatchObject({
      platform: 'sandbox',
      accountType: 'personal',
      birthDate: '',
    })
  })
})
