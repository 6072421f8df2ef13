import { describe, expect, it } from 'vitest'
import { MAX_REMEMBERED, newReminders, parseSeen } from './reminder-notices'

const item = (reminderKey: string | null) => ({ reminderKey, label: reminderKey ?? 'none' })

describe('deal reminders shown once per device', () => {
  it('shows each reminder once, however often the list is checked', () => {
    const due = [item('d1:a:48h'), item('d1:a:2h'), item(null), item('d1:a:48h')]
    const first = newReminders(due, [])
    expect(first.fresh.map((x) => x.reminderKey)).toEqual(['d1:a:48h', 'd1:a:2h'])
    const second = newReminders(due, first.seen)
    expect(second.fresh).toEqual([])
    // The next step of the same deadline is new.
    expect(newReminders([item('d1:a:overdue')], second.seen).fresh).toHaveLength(1)
  })

  it('remembers a bounded number of keys, dropping the oldest', () => {
    const many = Array.from({ length: MAX_REMEMBERED + 10 }, (_, i) => `k${i}`)
    const { seen } = newReminders(many.map(item), [])
    expect(seen).toHaveLength(MAX_REMEMBERED)
    expect(seen[0]).toBe('k10')
    expect(newReminders([item('k0')], seen).fresh).toHaveLength(1)
  })

  it('reads what storage holds, treating anything broken as nothing seen', () => {
    expect(parseSeen('["a","b"]')).toEqual(['a', 'b'])
    expect(parseSeen('["a",3,null]')).toEqual(['a'])
    for (const bad of [null, '', '{', '{"a":1}', '42']) expect(parseSeen(bad)).toEqual([])
  })
})
