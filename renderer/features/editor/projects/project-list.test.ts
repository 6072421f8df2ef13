import { describe, expect, it } from 'vitest'
import type { ProjectDoc } from '../../../../shared/data/registry'
import { sampleDocs } from '../../../../shared/data/sample-docs'
import {
  copyTitle,
  daysLeftInTrash,
  duplicateProject,
  expiredTrash,
  visibleProjects,
} from './project-list'

const DAY = 24 * 60 * 60_000
const project = (id: string, extra: Partial<ProjectDoc> = {}): ProjectDoc => ({
  ...sampleDocs().projects,
  id: `0190000${id}-0000-7000-8000-000000000000`,
  ...extra,
})

describe('project list', () => {
  const docs = [
    project('1', { title: 'Beach day', updatedAt: 30, accountId: 'a' }),
    project('2', { title: 'apple review', updatedAt: 10, accountId: 'b' }),
    project('3', { title: 'Gone', updatedAt: 99, trashedAt: 5, accountId: 'a' }),
    project('4', { title: 'Deleted', _deleted: true }),
  ]
  const options = { query: '', accountId: null, sort: 'edited' as const, trash: false }
  const titles = (list: ProjectDoc[]) => list.map((p) => p.title)

  it('lists live projects by last edit, title or creation, and the trash apart', () => {
    expect(titles(visibleProjects(docs, options))).toEqual(['Beach day', 'apple review'])
    expect(titles(visibleProjects(docs, { ...options, sort: 'title' }))).toEqual([
      'apple review',
      'Beach day',
    ])
    expect(titles(visibleProjects(docs, { ...options, sort: 'created' }))).toEqual([
      'apple review',
      'Beach day',
    ])
    expect(titles(visibleProjects(docs, { ...options, trash: true }))).toEqual(['Gone'])
  })

  it('filters by account and by every word of the search, handles included', () => {
    expect(titles(visibleProjects(docs, { ...options, accountId: 'b' }))).toEqual(['apple review'])
    const handle = (id: string) => (id === 'a' ? 'sunny.cam' : 'tech.b')
    expect(
      titles(visibleProjects(docs, { ...options, query: 'BEACH', accountHandle: handle })),
    ).toEqual(['Beach day'])
    expect(
      titles(visibleProjects(docs, { ...options, query: 'review @tech', accountHandle: handle })),
    ).toEqual(['apple review'])
    expect(visibleProjects(docs, { ...options, query: 'nothing like it' })).toEqual([])
  })

  it('keeps trashed projects for 30 days', () => {
    const trashed = project('5', { trashedAt: 1_000 * DAY })
    expect(daysLeftInTrash(trashed, 1_000 * DAY)).toBe(30)
    expect(daysLeftInTrash(trashed, 1_029.5 * DAY)).toBe(1)
    expect(expiredTrash([trashed], 1_029.9 * DAY)).toEqual([])
    expect(expiredTrash([trashed], 1_030 * DAY)).toEqual([trashed])
  })

  it('duplicates with a fresh title and no export', () => {
    expect(copyTitle('Launch', ['Launch (copy)'])).toBe('Launch (copy 2)')
    expect(copyTitle('Launch (copy)', [])).toBe('Launch (copy)')
    expect([...copyTitle('x'.repeat(200), [])].length).toBe(200)
    const copy = duplicateProject(
      project('6', { title: 'Launch', exportRef: 'opfs:x', exportedAt: 5 }),
      {
        id: 'new',
        now: 7,
        takenTitles: ['Launch'],
      },
    )
    expect(copy).toMatchObject({
      id: 'new',
      title: 'Launch (copy)',
      exportRef: null,
      exportedAt: null,
      updatedAt: 7,
    })
  })
})
