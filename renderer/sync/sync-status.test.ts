import { describe, expect, it } from 'vitest'
import { initialSyncStatus, reduceSyncStatus, syncBadge, type SyncEvent } from './sync-status'

const run = (events: SyncEvent[]) => events.reduce(reduceSyncStatus, initialSyncStatus)

describe('sync status', () => {
  it('is idle before the first sync and synced after a clean round', () => {
    expect(syncBadge(initialSyncStatus)).toBe('idle')
    const state = run([
      { type: 'active', active: true, at: 1 },
      { type: 'active', active: false, at: 5 },
    ])
    expect(syncBadge(state)).toBe('synced')
    expect(state.lastSyncedAt).toBe(5)
  })

  it('counts pending changes per document until the server acknowledges them', () => {
    const state = run([
      { type: 'local-write', key: 'accounts/a' },
      { type: 'local-write', key: 'accounts/a' },
      { type: 'local-write', key: 'posts/b' },
    ])
    expect(state.pending.size).toBe(2)
    expect(syncBadge(state)).toBe('pending')
    const after = reduceSyncStatus(reduceSyncStatus(state, { type: 'sent', key: 'accounts/a' }), {
      type: 'sent',
      key: 'posts/b',
    })
    expect(after.pending.size).toBe(0)
  })

  it('shows offline when the network drops or the server is unreachable, with edits still pending', () => {
    const offline = run([
      { type: 'network', online: false },
      { type: 'local-write', key: 'accounts/a' },
    ])
    expect(syncBadge(offline)).toBe('offline')
    expect(offline.pending.size).toBe(1)
    const unreachable = run([{ type: 'error', message: 'fetch failed', unreachable: true }])
    expect(syncBadge(unreachable)).toBe('offline')
  })

  it('says offline when the network drops after an error, keeping the error in the details', () => {
    const state = run([
      { type: 'error', message: 'The server refused a change', unreachable: false },
      { type: 'network', online: false },
    ])
    expect(syncBadge(state)).toBe('offline')
    expect(state.error).toBe('The server refused a change')
  })

  it('stays offline while the browser says so, whatever a round that was in flight reports', () => {
    const state = run([
      { type: 'active', active: true, at: 1 },
      { type: 'network', online: false },
      { type: 'active', active: false, at: 2 },
      { type: 'local-write', key: 'accounts/a' },
      { type: 'sent', key: 'accounts/b' },
    ])
    expect(syncBadge(state)).toBe('offline')
    expect(state.lastSyncedAt).toBeNull()
    const back = reduceSyncStatus(state, { type: 'network', online: true })
    expect(back.connection).toBe('online')
    expect(reduceSyncStatus(back, { type: 'active', active: false, at: 3 }).lastSyncedAt).toBe(3)
  })

  it('comes back online when a push is acknowledged', () => {
    const state = run([
      { type: 'error', message: 'fetch failed', unreachable: true },
      { type: 'local-write', key: 'accounts/a' },
      { type: 'sent', key: 'accounts/a' },
    ])
    expect(state.connection).toBe('online')
    expect(syncBadge(state)).toBe('idle')
  })

  it('keeps a refusal visible as an error, and does not call that round synced', () => {
    const state = run([
      { type: 'active', active: true, at: 1 },
      {
        type: 'error',
        message: 'accounts/x: handle: must be a handle without @',
        unreachable: false,
      },
      { type: 'active', active: false, at: 2 },
    ])
    expect(syncBadge(state)).toBe('error')
    expect(state.lastSyncedAt).toBeNull()
  })
})
