import { describe, expect, it } from 'vitest'
import type { RefusedChange } from '../data/refusal-store'
import { describeRefusal, labelOf } from './describe-refusal'

const change = (over: Partial<RefusedChange>): RefusedChange => ({
  collection: 'projects',
  id: '01a2',
  kind: 'forbidden',
  reason: 'document 01a2: your role (analyst) cannot change this projects document',
  at: 0,
  doc: { title: 'Sunset teaser' },
  ...over,
})

describe('refusals in the user’s words', () => {
  it('drops the document id and names the collection as the UI does', () => {
    expect(describeRefusal(change({}))).toBe('Your role (analyst) cannot change this project.')
    expect(
      describeRefusal(
        change({
          collection: 'posts',
          reason: 'document 01a2: only an owner or manager can approve posts (your role: editor)',
        }),
      ),
    ).toBe('Only an owner or manager can approve posts (your role: editor).')
  })

  it('explains schema refusals as a version mismatch', () => {
    expect(
      describeRefusal(
        change({ kind: 'invalid', reason: 'document 01a2: title: must be 1–120 characters' }),
      ),
    ).toBe(
      'This version of Reeldesk saved something the server does not accept (title: must be 1–120 characters); update the app.',
    )
  })

  it('labels a document by handle, title, caption or kind', () => {
    expect(labelOf(change({}))).toBe('Sunset teaser')
    expect(labelOf(change({ collection: 'accounts', doc: { handle: 'ana' } }))).toBe('@ana')
    expect(labelOf(change({ collection: 'posts', doc: { caption: 'x'.repeat(60) } }))).toHaveLength(
      48,
    )
    expect(labelOf(change({ collection: 'deals', doc: {} }))).toBe('this brand deal')
  })
})
