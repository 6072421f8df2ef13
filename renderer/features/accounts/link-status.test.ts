import { describe, expect, it } from 'vitest'
import { describeLink } from './link-status'

const NOW = Date.UTC(2026, 2, 2, 12, 0, 0)
const link = {
  state: 'linked' as const,
  linkedAt: NOW - 86_400_000,
  lastSyncedAt: NOW - 5 * 60_000,
  problem: null,
}

describe('describeLink', () => {
  it('says when a linked account last synced', () => {
    expect(describeLink({ platform: 'sandbox', link }, NOW)).toEqual({
      label: 'Linked',
      tone: 'ok',
      detail: 'Synced 5 minutes ago',
    })
    expect(
      describeLink({ platform: 'tiktok', link: { ...link, lastSyncedAt: null } }, NOW).detail,
    ).toBe('Not synced yet')
  })

  it('shows a sync in progress, a failed sync and a link that needs reconnecting', () => {
    expect(
      describeLink({ platform: 'tiktok', link: { ...link, state: 'syncing' } }, NOW),
    ).toMatchObject({
      label: 'Syncing…',
      tone: 'busy',
    })
    expect(
      describeLink(
        { platform: 'tiktok', link: { ...link, problem: 'The last sync failed: timeout' } },
        NOW,
      ),
    ).toEqual({ label: 'Linked', tone: 'problem', detail: 'The last sync failed: timeout' })
    expect(
      describeLink(
        { platform: 'tiktok', link: { ...link, state: 'needs_reconnect', problem: null } },
        NOW,
      ),
    ).toMatchObject({ label: 'Needs reconnect', tone: 'problem' })
  })

  it('explains an account entered by hand', () => {
    const unlinked = {
      state: 'unlinked' as const,
      linkedAt: null,
      lastSyncedAt: null,
      problem: null,
    }
    expect(describeLink({ platform: 'tiktok', link: unlinked }, NOW).label).toBe('Not linked')
  })

  it('says "just now" for a fresh sync, even one stamped a moment ahead of this clock', () => {
    for (const at of [NOW - 10_000, NOW + 3_000]) {
      const view = describeLink({ platform: 'sandbox', link: { ...link, lastSyncedAt: at } }, NOW)
      expect(view.detail).toBe('Synced just now')
    }
  })
})
