import { describe, expect, it } from 'vitest'
import { validateTimeline } from '../../../../shared/timeline/model'
import { newProjectDoc } from './new-project'

const ids = {
  workspaceId: '01960000-0000-7000-8000-000000000001',
  accountId: '01960000-0000-7000-8000-000000000002',
}

describe('newProjectDoc', () => {
  it('creates a valid empty 9:16 project', () => {
    const doc = newProjectDoc({ ...ids, title: '  Launch teaser ', now: 5 })
    expect(doc).toMatchObject({ ...ids, title: 'Launch teaser', updatedAt: 5, exportedAt: null })
    const timeline = validateTimeline(doc.timeline)
    expect(timeline.ok && timeline.timeline.canvas).toBe('1080x1920')
  })

  it('names an untitled project', () => {
    expect(newProjectDoc({ ...ids, title: ' ', now: 1 }).title).toBe('Untitled project')
  })

  it('refuses ids that are not UUIDv7', () => {
    expect(() => newProjectDoc({ ...ids, accountId: 'nope', title: 'x', now: 1 })).toThrow()
  })
})
