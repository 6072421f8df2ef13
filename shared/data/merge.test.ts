import { describe, expect, it } from 'vitest'
import { jsonEqual, mergeDocuments } from './merge'

const doc = (fields: Record<string, unknown>) => ({
  id: 'd1',
  updatedAt: 100,
  _deleted: false,
  ...fields,
})

describe('mergeDocuments: fields', () => {
  it('keeps a field changed on one side only, from either side', () => {
    const base = doc({ title: 'a', caption: 'x' })
    const local = doc({ title: 'b', caption: 'x', updatedAt: 200 })
    const remote = doc({ title: 'a', caption: 'y', updatedAt: 300 })
    expect(mergeDocuments(base, local, remote)).toEqual(
      doc({ title: 'b', caption: 'y', updatedAt: 300 }),
    )
  })

  it('takes the later updatedAt when both sides changed a field; ties go to remote', () => {
    const base = doc({ title: 'a' })
    expect(
      mergeDocuments(base, doc({ title: 'L', updatedAt: 300 }), doc({ title: 'R', updatedAt: 200 }))
        .title,
    ).toBe('L')
    expect(
      mergeDocuments(base, doc({ title: 'L', updatedAt: 200 }), doc({ title: 'R', updatedAt: 300 }))
        .title,
    ).toBe('R')
    expect(
      mergeDocuments(base, doc({ title: 'L', updatedAt: 200 }), doc({ title: 'R', updatedAt: 200 }))
        .title,
    ).toBe('R')
  })

  it('sets updatedAt to the later of the two sides', () => {
    const base = doc({ a: 1, b: 1 })
    expect(
      mergeDocuments(base, doc({ a: 2, b: 1, updatedAt: 500 }), doc({ a: 1, b: 2, updatedAt: 400 }))
        .updatedAt,
    ).toBe(500)
  })

  it('merges nested plain objects key by key', () => {
    const base = doc({ disclosure: { commercial: false, kind: null } })
    const local = doc({ disclosure: { commercial: true, kind: null }, updatedAt: 200 })
    const remote = doc({ disclosure: { commercial: false, kind: 'promotional' }, updatedAt: 150 })
    expect(mergeDocuments(base, local, remote).disclosure).toEqual({
      commercial: true,
      kind: 'promotional',
    })
  })

  it('merges objects that were null in the base field by field', () => {
    const base = doc({ o: null })
    const local = doc({ o: { a: 1, b: 1 }, updatedAt: 200 })
    const remote = doc({ o: { a: 1, b: 2, c: 3 }, updatedAt: 300 })
    expect(mergeDocuments(base, local, remote).o).toEqual({ a: 1, b: 2, c: 3 })
  })

  it('treats arrays of values as values (later side wins whole)', () => {
    const base = doc({ hashtags: ['a'] })
    const local = doc({ hashtags: ['a', 'b'], updatedAt: 200 })
    const remote = doc({ hashtags: ['c'], updatedAt: 300 })
    expect(mergeDocuments(base, local, remote).hashtags).toEqual(['c'])
  })

  it('keeps a key removed on one side removed', () => {
    const base = doc({ extra: 1, keep: 1 })
    const local = doc({ keep: 2, updatedAt: 200 })
    const remote = doc({ extra: 1, keep: 1, other: true, updatedAt: 150 })
    const merged = mergeDocuments(base, local, remote)
    expect('extra' in merged).toBe(false)
    expect(merged).toMatchObject({ keep: 2, other: true })
  })

  it('treats a missing base (created on both sides) as an empty document', () => {
    const local = doc({ title: 'L', caption: 'same', updatedAt: 200 })
    const remote = doc({ title: 'R', caption: 'same', updatedAt: 100 })
    expect(mergeDocuments(undefined, local, remote)).toEqual(
      doc({ title: 'L', caption: 'same', updatedAt: 200 }),
    )
  })

  it('compares JSON ignoring key order (jsonb reorders keys)', () => {
    expect(
      jsonEqual({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    ).toBe(true)
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true)
    expect(jsonEqual([1, 2], [2, 1])).toBe(false)
    expect(jsonEqual({ a: null }, {})).toBe(false)
  })

  it('always takes remote-owned fields from remote', () => {
    const base = doc({ publish: { state: 'idle' }, caption: 'a' })
    const local = doc({ publish: { state: 'published' }, caption: 'b', updatedAt: 900 })
    const remote = doc({ publish: { state: 'queued' }, caption: 'a', updatedAt: 200 })
    const merged = mergeDocuments(base, local, remote, { remoteOwnedFields: ['publish'] })
    expect(merged).toMatchObject({ publish: { state: 'queued' }, caption: 'b' })
    // Even when remote did not change it and the short-cut path takes local whole.
    const untouchedRemote = mergeDocuments(base, local, base, { remoteOwnedFields: ['publish'] })
    expect(untouchedRemote.publish).toEqual({ state: 'idle' })
  })

  it('does not mutate its inputs', () => {
    const base = doc({ o: { a: 1 }, list: [{ id: 'x', v: 1 }] })
    const local = doc({ o: { a: 2 }, list: [{ id: 'x', v: 2 }], updatedAt: 200 })
    const remote = doc({
      o: { a: 1, b: 1 },
      list: [
        { id: 'x', v: 1 },
        { id: 'y', v: 1 },
      ],
      updatedAt: 300,
    })
    const snapshot = JSON.stringify([base, local, remote])
    mergeDocuments(base, local, remote)
    expect(JSON.stringify([base, local, remote])).toBe(snapshot)
  })
})

describe('mergeDocuments: arrays of objects with id', () => {
  const tag = (id: string, atMs: number, extra: Record<string, unknown> = {}) => ({
    id,
    productId: 'p',
    atMs,
    ...extra,
  })

  it('keeps elements added on either side: remote order, then local additions', () => {
    const base = doc({ tags: [tag('a', 1)] })
    const local = doc({ tags: [tag('l1', 5), tag('a', 1), tag('l2', 6)], updatedAt: 200 })
    const remote = doc({ tags: [tag('r1', 7), tag('a', 1)], updatedAt: 300 })
    expect(mergeDocuments(base, local, remote).tags).toEqual([
      tag('r1', 7),
      tag('a', 1),
      tag('l1', 5),
      tag('l2', 6),
    ])
  })

  it('removes an element removed on one side when the other side did not change it', () => {
    const base = doc({ tags: [tag('a', 1), tag('b', 2)] })
    const local = doc({ tags: [tag('b', 2)], updatedAt: 200 })
    const remote = doc({ tags: [tag('a', 1), tag('b', 2), tag('c', 3)], updatedAt: 300 })
    expect(mergeDocuments(base, local, remote).tags).toEqual([tag('b', 2), tag('c', 3)])
  })

  it('keeps an element removed on one side when the other side edited it', () => {
    const base = doc({ tags: [tag('a', 1), tag('b', 2)] })
    const localRemovesEditedByRemote = mergeDocuments(
      base,
      doc({ tags: [tag('b', 2)], updatedAt: 300 }),
      doc({ tags: [tag('a', 9), tag('b', 2)], updatedAt: 200 }),
    )
    expect(localRemovesEditedByRemote.tags).toEqual([tag('a', 9), tag('b', 2)])
    const remoteRemovesEditedByLocal = mergeDocuments(
      base,
      doc({ tags: [tag('a', 9), tag('b', 3)], updatedAt: 200 }),
      doc({ tags: [tag('b', 2)], updatedAt: 300 }),
    )
    expect(remoteRemovesEditedByLocal.tags).toEqual([tag('b', 3), tag('a', 9)])
  })

  it('merges the fields of an element edited on both sides', () => {
    const base = doc({ tags: [tag('a', 1, { note: 'n' })] })
    const local = doc({ tags: [tag('a', 5, { note: 'n' })], updatedAt: 200 })
    const remote = doc({ tags: [tag('a', 1, { note: 'remote' })], updatedAt: 300 })
    expect(mergeDocuments(base, local, remote).tags).toEqual([tag('a', 5, { note: 'remote' })])
  })

  it('drops an element removed on both sides', () => {
    const base = doc({ tags: [tag('a', 1), tag('b', 2)] })
    const local = doc({ tags: [tag('b', 2), tag('l', 3)], updatedAt: 200 })
    const remote = doc({ tags: [tag('b', 2), tag('r', 4)], updatedAt: 300 })
    expect(mergeDocuments(base, local, remote).tags).toEqual([
      tag('b', 2),
      tag('r', 4),
      tag('l', 3),
    ])
  })

  it('merges by id in nested arrays too (e.g. timeline tracks and clips)', () => {
    const base = doc({ timeline: { tracks: [{ id: 't1', clips: [{ id: 'c1', in: 0 }] }] } })
    const local = doc({
      timeline: {
        tracks: [
          {
            id: 't1',
            clips: [
              { id: 'c1', in: 0 },
              { id: 'c2', in: 5 },
            ],
          },
        ],
      },
      updatedAt: 200,
    })
    const remote = doc({
      timeline: { tracks: [{ id: 't1', clips: [{ id: 'c1', in: 2 }] }] },
      updatedAt: 300,
    })
    expect(mergeDocuments(base, local, remote).timeline).toEqual({
      tracks: [
        {
          id: 't1',
          clips: [
            { id: 'c1', in: 2 },
            { id: 'c2', in: 5 },
          ],
        },
      ],
    })
  })

  it('treats arrays with duplicate or missing ids as plain values', () => {
    const base = doc({ list: [{ id: 'a' }] })
    const local = doc({ list: [{ id: 'a' }, { id: 'a' }], updatedAt: 200 })
    const remote = doc({ list: [{ id: 'a' }, { v: 1 }], updatedAt: 300 })
    expect(mergeDocuments(base, local, remote).list).toEqual([{ id: 'a' }, { v: 1 }])
  })
})

describe('mergeDocuments: tombstones', () => {
  it('a delete wins over an edit made before it', () => {
    const base = doc({ title: 'a' })
    const local = doc({ title: 'edited', updatedAt: 200 })
    const remote = doc({ title: 'a', _deleted: true, updatedAt: 300 })
    expect(mergeDocuments(base, local, remote)._deleted).toBe(true)
    expect(mergeDocuments(base, remote, local)._deleted).toBe(true)
  })

  it('an edit made after the delete resurrects the document, with both sides fields', () => {
    const base = doc({ title: 'a', caption: 'c' })
    const deleted = doc({ title: 'a', caption: 'deleter-edit', _deleted: true, updatedAt: 200 })
    const edited = doc({ title: 'edited', caption: 'c', updatedAt: 300 })
    expect(mergeDocuments(base, deleted, edited)).toEqual(
      doc({ title: 'edited', caption: 'deleter-edit', updatedAt: 300 }),
    )
    expect(mergeDocuments(base, edited, deleted)).toEqual(
      doc({ title: 'edited', caption: 'deleter-edit', updatedAt: 300 }),
    )
  })

  it('on equal timestamps the remote side decides', () => {
    const base = doc({ title: 'a' })
    const deleted = doc({ title: 'a', _deleted: true, updatedAt: 300 })
    const edited = doc({ title: 'edited', updatedAt: 300 })
    expect(mergeDocuments(base, deleted, edited)._deleted).toBe(false)
    expect(mergeDocuments(base, edited, deleted)._deleted).toBe(true)
  })

  it('a touch without a field change does not resurrect', () => {
    const base = doc({ title: 'a', other: 1 })
    const deleted = doc({ title: 'a', other: 2, _deleted: true, updatedAt: 200 })
    const touched = doc({ title: 'a', other: 1, updatedAt: 300 })
    expect(mergeDocuments(base, touched, deleted)._deleted).toBe(true)
  })

  it('a delete on one side with no change on the other is taken as is', () => {
    const base = doc({ title: 'a' })
    const deleted = doc({ title: 'a', _deleted: true, updatedAt: 200 })
    expect(mergeDocuments(base, deleted, base)).toEqual(deleted)
    expect(mergeDocuments(base, base, deleted)).toEqual(deleted)
  })

  it('restoring a tombstone both sides had seen is an ordinary one-sided change', () => {
    const base = doc({ title: 'a', _deleted: true })
    const restored = doc({ title: 'a', _deleted: false, updatedAt: 200 })
    const editedTombstone = doc({ title: 'b', _deleted: true, updatedAt: 300 })
    expect(mergeDocuments(base, restored, editedTombstone)).toEqual(
      doc({ title: 'b', _deleted: false, updatedAt: 300 }),
    )
  })
})
