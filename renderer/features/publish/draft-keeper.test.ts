import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DraftKeeper, SAVE_AFTER_MS, type Draftable } from './draft-keeper'

interface Post extends Draftable {
  readonly caption: string
  readonly tags: readonly string[]
}

const post = (caption: string, updatedAt: number, tags: string[] = []): Post => ({
  id: 'p',
  caption,
  tags,
  updatedAt,
})

describe('the composer’s local copy', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000 }))
  afterEach(() => vi.useRealTimers())

  /** A keeper whose save stamps `updatedAt` like the page's and records every write. */
  function setUp() {
    let shown: Post | null = null
    const writes: Post[] = []
    const keeper = new DraftKeeper<Post>(
      (doc) => (shown = doc),
      async (doc) => void writes.push({ ...doc, updatedAt: Date.now() }),
    )
    return { keeper, writes, shown: () => shown }
  }

  it('writes once, after a pause in typing', async () => {
    const { keeper, writes, shown } = setUp()
    keeper.storedChanged(post('', 1_000))
    keeper.change(post('S', 1_000))
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS / 2)
    keeper.change(post('Sh', 1_000))
    expect(shown()?.caption).toBe('Sh')
    expect(writes).toEqual([])
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS)
    expect(writes.map((w) => w.caption)).toEqual(['Sh'])
  })

  it('keeps showing the written copy until the stored document shows the write', async () => {
    const { keeper, writes, shown } = setUp()
    keeper.storedChanged(post('', 1_000))
    keeper.change(post('Shoppable run', 1_000))
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS)
    expect(writes).toHaveLength(1)
    // The write resolved, but the live query has not delivered it yet: an older copy arrives
    // (the server's echo of the empty post) — the typed caption stays on screen.
    keeper.storedChanged(post('', 1_100))
    expect(shown()?.caption).toBe('Shoppable run')
    // An edit made now builds on what is shown, so the caption is not written back empty.
    keeper.change({ ...(shown() as Post), tags: ['socks'] })
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS)
    expect(writes.at(-1)).toMatchObject({ caption: 'Shoppable run', tags: ['socks'] })
    // The query catches up: the stored document is shown again.
    keeper.storedChanged(writes.at(-1) as Post)
    expect(shown()).toBeNull()
  })

  it('shows the stored document once it is as new as the write, whoever changed it since', async () => {
    const { keeper, shown } = setUp()
    keeper.storedChanged(post('', 1_000))
    keeper.change(post('Mine', 1_000))
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS)
    keeper.storedChanged(post('Mine, approved by the owner', Date.now() + 5_000))
    expect(shown()).toBeNull()
  })

  it('keeps the copy when the write failed (nothing the user typed is hidden)', async () => {
    let shown: Post | null = null
    const keeper = new DraftKeeper<Post>(
      (doc) => (shown = doc),
      () => Promise.resolve(), // the page's save reports its own failure and writes nothing
    )
    keeper.storedChanged(post('', 1_000))
    keeper.change(post('Unsaved', 1_000))
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS)
    keeper.storedChanged(post('', 1_000))
    expect(shown).toMatchObject({ caption: 'Unsaved' })
  })

  it('writes a waiting change at once when flushed, and not again', async () => {
    const { keeper, writes } = setUp()
    keeper.storedChanged(post('', 1_000))
    keeper.change(post('Leaving', 1_000))
    keeper.flush()
    expect(writes.map((w) => w.caption)).toEqual(['Leaving'])
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS * 2)
    keeper.flush()
    expect(writes).toHaveLength(1)
  })
})
