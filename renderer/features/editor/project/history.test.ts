import { describe, expect, it } from 'vitest'
import { createHistory, record, redo, redoLabel, undo, undoLabel } from './history'

describe('undo history', () => {
  it('undoes and redoes steps in order', () => {
    let h = createHistory(0)
    h = record(h, 1, 'one', { now: 1 })
    h = record(h, 2, 'two', { now: 2 })
    expect(undoLabel(h)).toBe('two')
    h = undo(h)
    expect(h.present.state).toBe(1)
    expect(redoLabel(h)).toBe('two')
    h = redo(h)
    expect(h.present.state).toBe(2)
    expect(redo(h)).toBe(h)
  })

  it('keeps at least 100 steps (200 by default) and drops the oldest beyond the limit', () => {
    let h = createHistory(0)
    for (let i = 1; i <= 250; i++) h = record(h, i, `edit ${i}`, { now: i * 1000 })
    expect(h.past).toHaveLength(200)
    for (let i = 0; i < 200; i++) h = undo(h)
    expect(h.present.state).toBe(50)
    expect(undo(h)).toBe(h)
  })

  it('drops the redo branch when a new edit is made after undo', () => {
    let h = createHistory('a')
    h = record(h, 'b', 'b', { now: 1 })
    h = undo(h)
    h = record(h, 'c', 'c', { now: 2 })
    expect(h.future).toEqual([])
    expect(undo(h).present.state).toBe('a')
  })

  it('coalesces a burst of edits with one key into one step, but not across the window', () => {
    let h = createHistory(0)
    h = record(h, 1, 'Brightness', { coalesceKey: 'brightness', now: 1000 })
    h = record(h, 2, 'Brightness', { coalesceKey: 'brightness', now: 1200 })
    h = record(h, 3, 'Brightness', { coalesceKey: 'brightness', now: 1500 })
    expect(h.past).toHaveLength(1)
    expect(undo(h).present.state).toBe(0)
    h = record(h, 4, 'Brightness', { coalesceKey: 'brightness', now: 5000 })
    expect(undo(h).present.state).toBe(3)
  })
})
