import { describe, expect, it } from 'vitest'
import { collections } from '../../shared/data/registry'
import { sampleDocs } from '../../shared/data/sample-docs'
import { conflictHandlerFor } from './conflict-handler'

describe('conflictHandlerFor', () => {
  const handler = conflictHandlerFor(collections.deals)
  const base = { ...sampleDocs().deals, deliverables: [] }

  it('ignores RxDB bookkeeping when comparing', () => {
    expect(handler.isEqual({ ...base, _attachments: {} } as typeof base, { ...base }, 'test')).toBe(
      true,
    )
    expect(handler.isEqual(base, { ...base, title: 'other' }, 'test')).toBe(false)
  })

  it('keeps both sides through the three-way merge instead of taking the server copy', async () => {
    const local = { ...base, title: 'local title', updatedAt: base.updatedAt + 2 }
    const remote = { ...base, notes: 'remote notes', updatedAt: base.updatedAt + 1 }
    const merged = await handler.resolve(
      { assumedMasterState: base, newDocumentState: local, realMasterState: remote },
      'test',
    )
    expect(merged).toMatchObject({
      title: 'local title',
      notes: 'remote notes',
      updatedAt: base.updatedAt + 2,
    })
  })
})
