import { describe, expect, it } from 'vitest'
import type { ProjectDoc } from '../../../../shared/data/registry'
import { sampleDocs } from '../../../../shared/data/sample-docs'
import { addClip, setClipSpeed } from '../../../../shared/timeline/edit'
import { createTimeline, type Timeline } from '../../../../shared/timeline/model'
import { createProjectStore, openProject } from './project-store'

function setup() {
  const saved: ProjectDoc[] = []
  let t = createTimeline()
  t = addClip(t, { id: 'a', mediaId: 'm1', inMs: 0, outMs: 4000 })
  t = addClip(t, { id: 'b', mediaId: 'm2', inMs: 0, outMs: 2000 })
  let clock = 1000
  const store = createProjectStore(
    { ...sampleDocs().projects, timeline: t },
    t,
    async (doc) => {
      saved.push(doc)
    },
    () => (clock += 1000),
  )
  return { store, saved }
}

describe('project store', () => {
  it('splits at the playhead, undoes and redoes, and saves every change', async () => {
    const { store, saved } = setup()
    store.getState().seek(1500)
    expect(store.getState().splitAtPlayhead()).toBe(true)
    expect(store.getState().history.present.state.clips).toHaveLength(3)
    store.getState().undo()
    expect(store.getState().history.present.state.clips).toHaveLength(2)
    store.getState().redo()
    expect(store.getState().history.present.state.clips).toHaveLength(3)
    await store.getState().flush()
    const last = saved.at(-1)
    expect((last?.timeline as { clips: unknown[] }).clips).toHaveLength(3)
    expect(store.getState().saveState).toBe('saved')
  })

  it('refuses an impossible edit with the reason and changes nothing', () => {
    const { store } = setup()
    const before = store.getState().history
    expect(store.getState().edit('Speed', (t) => setClipSpeed(t, 'a', 9))).toBe(false)
    expect(store.getState().error).toMatch(/speed/i)
    expect(store.getState().history).toBe(before)
  })

  it('remembers which control a refused edit came from, and clears it on the next edit', () => {
    const { store } = setup()
    const refuse = (t: Timeline) => setClipSpeed(t, 'a', 9)
    expect(store.getState().edit('Speed', refuse, { scope: 'clip' })).toBe(false)
    expect(store.getState()).toMatchObject({ errorScope: 'clip', error: expect.any(String) })
    expect(store.getState().edit('Speed', refuse)).toBe(false)
    expect(store.getState().errorScope).toBeNull()
    store.getState().edit('Speed', refuse, { scope: 'clip' })
    expect(store.getState().edit('Speed', (t) => setClipSpeed(t, 'a', 2))).toBe(true)
    expect(store.getState()).toMatchObject({ error: null, errorScope: null })
  })

  it('deletes the selected clip and keeps the playhead inside the shorter timeline', () => {
    const { store } = setup()
    store.getState().seek(5900)
    store.getState().select('b')
    expect(store.getState().deleteSelection()).toBe(true)
    expect(store.getState().history.present.state.clips.map((c) => c.id)).toEqual(['a'])
    expect(store.getState().selectedClipId).toBeNull()
    expect(store.getState().playheadMs).toBe(4000)
    expect(store.getState().deleteSelection()).toBe(false)
  })

  it('does not open a project whose timeline is invalid, and says why', () => {
    const result = openProject(
      { ...sampleDocs().projects, timeline: { version: 1, clips: 'nope' } },
      async () => undefined,
    )
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(/^This project's timeline cannot be opened: /)
  })

  it('records a finished export on the project', async () => {
    const { store, saved } = setup()
    store.getState().markExported('opfs:exports/p.mp4')
    await store.getState().flush()
    expect(saved.at(-1)).toMatchObject({
      exportRef: 'opfs:exports/p.mp4',
      exportedAt: expect.any(Number),
    })
    expect(store.getState().project.exportedAt).not.toBeNull()
  })
})
