import { describe, expect, it } from 'vitest'
import { EMPTY_DETAIL, ledger, migrateLedgerV0toV1 } from './collections/ledger'
import { migrateStoredDocument } from '../test-support/migration'
import { sampleDocs } from './sample-docs'

describe('ledger schema 0 → 1', () => {
  it('adds an all-unknown `detail` and leaves every other field as it was', () => {
    const { detail: _detail, ...old } = sampleDocs().ledger
    expect(migrateLedgerV0toV1(old)).toEqual({ ...old, detail: EMPTY_DETAIL })
    // An entry that already has a detail (migrated before) is left alone.
    const current = sampleDocs().ledger
    expect(migrateLedgerV0toV1(current)).toBe(current)
  })

  it('migrates a stored version-0 document when the app opens version 1', async () => {
    const { detail: _detail, _deleted, ...old } = sampleDocs().ledger
    const stored = await migrateStoredDocument(ledger, 'detail', old)
    expect(stored).toEqual(migrateLedgerV0toV1(old))
  })
})
