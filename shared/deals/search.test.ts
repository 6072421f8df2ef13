import { describe, expect, it } from 'vitest'
import { sampleDocs } from '../data/sample-docs'
import { markRead, unreadCount } from './deal-edits'
import { searchDeals } from './search'

const s = sampleDocs()
const A = {
  ...s.deals,
  id: '01890a5d-ac96-774b-bcce-b302099a8701',
  brand: 'Café Crème',
  title: 'Spring',
}
const B = {
  ...s.deals,
  id: '01890a5d-ac96-774b-bcce-b302099a8702',
  brand: 'FizzCo',
  title: 'Summer',
}
const msg = (dealId: string, body: string, userId: string | null, sentAt: number) => ({
  dealId,
  body,
  sentAt,
  author: { userId, name: userId ?? 'Brand' },
})

describe('search across deals and their messages', () => {
  const messages = [msg(B.id, 'Can you add a LIVE mention?', null, 5)]
  it('matches every word, in the deal or its thread, ignoring case and accents', () => {
    expect(searchDeals([A, B], messages, 'cafe').map((d) => d.id)).toEqual([A.id])
    expect(searchDeals([A, B], messages, 'live MENTION').map((d) => d.id)).toEqual([B.id])
    expect(searchDeals([A, B], messages, 'fizzco live').map((d) => d.id)).toEqual([B.id])
    expect(searchDeals([A, B], messages, 'fizzco spring')).toEqual([])
    expect(searchDeals([A, B], messages, '  ')).toHaveLength(2)
  })
})

describe('unread counts per member', () => {
  it('counts others’ messages after the member’s own read mark', () => {
    const thread = [msg(A.id, 'a', null, 10), msg(A.id, 'b', 'u1', 20), msg(A.id, 'c', 'u2', 30)]
    expect(unreadCount(A, thread, 'u1')).toBe(2)
    const read = markRead(A, 'u1', 20)
    expect(unreadCount(read, thread, 'u1')).toBe(1)
    expect(unreadCount(read, thread, 'u2')).toBe(2)
  })
})
