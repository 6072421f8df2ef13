import { describe, expect, it } from 'vitest'
import { accounts, migrateAccountV0toV1, UNLINKED } from './collections/accounts'
import { migrateStoredDocument } from '../test-support/migration'
import { sampleDocs } from './sample-docs'

describe('accounts schema 0 → 1', () => {
  it('adds an unlinked `link` and leaves every other field as it was', () => {
    const { link, ...old } = sampleDocs().accounts
    expect(link).toEqual(UNLINKED)
    expect(migrateAccountV0toV1(old)).toEqual({ ...old, link: UNLINKED })
    // A document that already has a link (migrated before) is left alone.
    const linked = { ...old, link: { ...UNLINKED, state: 'linked', linkedAt: 5 } }
    expect(migrateAccountV0toV1(linked)).toBe(linked)
  })

  it('migrates a stored version-0 document when the app opens version 1', async () => {
    const { link: _link, _deleted, ...old } = sampleDocs().accounts
    const stored = await migrateStoredDocument(accounts, 'link', old)
    expect(stored).toEqual(migrateAccountV0toV1(old))
  })
})
