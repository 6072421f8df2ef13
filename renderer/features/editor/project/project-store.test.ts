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
    store.getState().select([{ kind: 'clip', id: 'b' }])
    expect(store.getState().deleteSelection()).toBe(true)
    expect(store.getState().history.present.state.clips.map((c) => c.id)).toEqual(['a'])
    expect(store.getState().selection).toEqual([])
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

describe('project store: selection, drags, clipboard and read-only views', () => {
  it('records a drag as one undo step, however many moves it took', () => {
    const { store } = setup()
    const base = store.getState().history.present.state
    for (const outMs of [3900, 3500, 3000]) {
      store.getState().setDraft({
        ...base,
        clips: base.clips.map((c) => (c.id === 'a' ? { ...c, outMs } : c)),
      })
    }
    expect(store.getState().history.past).toHaveLength(0)
    expect(store.getState().commitDraft('Trim clip')).toBe(true)
    expect(store.getState().draft).toBeNull()
    expect(store.getState().history.past).toHaveLength(1)
    expect(store.getState().history.present.state.clips[0]?.outMs).toBe(3000)
    store.getState().undo()
    expect(store.getState().history.present.state.clips[0]?.outMs).toBe(4000)
  })

  it('deletes, copies and pastes the selection; selection follows what exists', () => {
    const { store } = setup()
    store.getState().select([{ kind: 'clip', id: 'a' }])
    expect(store.getState().copySelection()).toBe(true)
    store.getState().seek(5000)
    expect(store.getState().paste()).toBe(true)
    const clips = store.getState().history.present.state.clips
    expect(clips).toHaveLength(3)
    expect(store.getState().selection).toEqual([{ kind: 'clip', id: clips[2]?.id }])
    store.getState().toggleSelected({ kind: 'clip', id: 'b' })
    expect(store.getState().deleteSelection()).toBe(true)
    expect(store.getState().history.present.state.clips.map((c) => c.id)).toEqual(['a'])
    expect(store.getState().selection).toEqual([])
    store.getState().select([{ kind: 'clip', id: 'b' }])
    store.getState().undo()
    expect(store.getState().selection).toEqual([{ kind: 'clip', id: 'b' }])
  })

  it('says plainly why a split cannot happen, without function names', () => {
    const { store } = setup()
    store.getState().seek(4000)
    expect(store.getState().splitAtPlayhead()).toBe(false)
    expect(store.getState().error).toBe(
      'The playhead is on a cut between clips: move it into a clip to split it.',
    )
    expect(store.getState().error).not.toMatch(/splitClipAt/)
  })

  it('refuses every change of a read-only member with the reason, and saves nothing', async () => {
    const saved: ProjectDoc[] = []
    const t = addClip(createTimeline(), { id: 'a', mediaId: 'm', inMs: 0, outMs: 1000 })
    const store = createProjectStore(
      { ...sampleDocs().projects, timeline: t },
      t,
      async (d) => void saved.push(d),
      {
        readOnlyReason: 'Read only: analyst.',
      },
    )
    expect(store.getState().edit('Speed', (x) => setClipSpeed(x, 'a', 2))).toBe(false)
    expect(store.getState().error).toBe('Read only: analyst.')
    store.getState().rename('New name')
    store.getState().setDraft(t)
    expect(store.getState().draft).toBeNull()
    await store.getState().flush()
    expect(saved).toEqual([])
  })
})
