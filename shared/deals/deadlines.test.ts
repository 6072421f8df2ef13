import { describe, expect, it } from 'vitest'
import type { DealDoc } from '../data/collections/deals'
import { sampleDocs } from '../data/sample-docs'
import {
  captionLockWarning,
  dealDeadlines,
  lockedCaptionOf,
  sparkStatus,
  urgencyOf,
} from './deadlines'
import { exclusivityConflicts } from './exclusivity'
import { DAY_MS, HOUR_MS } from './deal-facts'

const NOW = 1_800_000_000_000
const ID = (n: number) => `01890a5d-ac96-774b-bcce-b302099a8${String(n).padStart(3, '0')}`

function deal(fields: Partial<DealDoc>): DealDoc {
  return { ...sampleDocs().deals, id: ID(900), ...fields }
}

describe('deadlines and reminders', () => {
  it.each([
    [-1, 'overdue'],
    [0, 'within2h'],
    [2 * HOUR_MS, 'within2h'],
    [2 * HOUR_MS + 1, 'within48h'],
    [48 * HOUR_MS, 'within48h'],
    [48 * HOUR_MS + 1, 'later'],
  ] as const)('%i ms before the deadline is %s', (left, urgency) => {
    expect(urgencyOf(NOW + left, NOW)).toBe(urgency)
  })

  it('lists the invitation expiry, open deliverables and Spark codes; closed deals have none', () => {
    const d = deal({
      state: 'invitation',
      invitation: { id: 'inv', expiresAt: NOW + HOUR_MS },
      deliverables: [
        {
          id: ID(1),
          kind: 'video',
          description: 'Main video',
          dueAt: NOW - 1,
          postId: null,
          projectId: null,
          done: false,
        },
        {
          id: ID(2),
          kind: 'video',
          description: 'Done one',
          dueAt: NOW,
          postId: null,
          projectId: null,
          done: true,
        },
      ],
      dueAt: NOW + 3 * DAY_MS,
      sparkCodes: [
        {
          id: ID(3),
          code: 'SPARK1',
          postId: null,
          durationDays: 7,
          issuedAt: NOW - 6 * DAY_MS,
          revokedAt: null,
          caption: null,
        },
      ],
    })
    const list = dealDeadlines(d, NOW)
    expect(list.map((x) => [x.label, x.urgency])).toEqual([
      ['Main video due', 'overdue'],
      ['Invitation expires', 'within2h'],
      ['Spark code SPARK1 expires', 'within48h'],
      ['Campaign deadline', 'later'],
    ])
    // Each reminder stage has its own key, so the 48 h and the 2 h notifications both fire once.
    expect(list[1]?.reminderKey).toBe(`${d.id}:invitation:within2h`)
    expect(dealDeadlines({ ...d, state: 'declined' }, NOW)).toEqual([])
  })

  it('Spark codes: active, expiring within 3 days, expired, revoked; caption lock warning', () => {
    const code = {
      id: ID(4),
      code: 'ABC',
      postId: ID(5),
      durationDays: 30 as const,
      issuedAt: NOW,
      revokedAt: null,
      caption: 'Launch day #ad',
    }
    expect(sparkStatus(code, NOW)).toBe('active')
    expect(sparkStatus(code, NOW + 28 * DAY_MS)).toBe('expiring')
    expect(sparkStatus(code, NOW + 30 * DAY_MS)).toBe('expired')
    expect(sparkStatus({ ...code, revokedAt: NOW + 1 }, NOW + 2)).toBe('revoked')
    const d = deal({ sparkCodes: [code] })
    expect(captionLockWarning([d], ID(5), NOW + DAY_MS)).toContain('locked')
    expect(captionLockWarning([d], ID(5), NOW + 31 * DAY_MS)).toBeNull()
    expect(captionLockWarning([d], ID(6), NOW)).toBeNull()
  })

  it('the locked caption is the authorized code’s; none once it ends or when it is unknown', () => {
    const code = {
      id: ID(4),
      code: 'ABC',
      postId: ID(5),
      durationDays: 7 as const,
      issuedAt: NOW,
      revokedAt: null,
      caption: 'Launch day #ad',
    }
    const d = deal({ sparkCodes: [code] })
    expect(lockedCaptionOf([d], ID(5), NOW + DAY_MS)).toBe('Launch day #ad')
    expect(lockedCaptionOf([d], ID(6), NOW + DAY_MS)).toBeNull()
    expect(lockedCaptionOf([d], ID(5), NOW + 8 * DAY_MS)).toBeNull()
    const revoked = deal({ sparkCodes: [{ ...code, revokedAt: NOW + 1 }] })
    expect(lockedCaptionOf([revoked], ID(5), NOW + 2)).toBeNull()
    const unknown = deal({ sparkCodes: [{ ...code, caption: null }] })
    expect(lockedCaptionOf([unknown], ID(5), NOW + 2)).toBeNull()
  })
})

describe('exclusivity conflicts', () => {
  const holder = deal({
    id: ID(10),
    brand: 'FizzCo',
    state: 'contracted',
    exclusivity: { category: 'Energy drinks', until: NOW + 30 * DAY_MS },
  })
  it('warns when a new deal in the same category (any case) meets a running exclusivity', () => {
    const fresh = { id: ID(11), accountId: holder.accountId, category: ' energy DRINKS ' }
    expect(exclusivityConflicts(fresh, [holder], NOW)).toEqual([
      { dealId: ID(10), brand: 'FizzCo', category: 'Energy drinks', until: NOW + 30 * DAY_MS },
    ])
  })
  it('no warning: other category, other account, exclusivity over, deal not agreed, itself', () => {
    const fresh = { id: ID(11), accountId: holder.accountId, category: 'energy drinks' }
    expect(exclusivityConflicts({ ...fresh, category: 'skincare' }, [holder], NOW)).toEqual([])
    expect(exclusivityConflicts({ ...fresh, accountId: ID(12) }, [holder], NOW)).toEqual([])
    expect(exclusivityConflicts(fresh, [holder], NOW + 31 * DAY_MS)).toEqual([])
    expect(exclusivityConflicts(fresh, [{ ...holder, state: 'negotiating' }], NOW)).toEqual([])
    expect(exclusivityConflicts({ ...fresh, id: ID(10) }, [holder], NOW)).toEqual([])
    expect(exclusivityConflicts({ ...fresh, category: '' }, [holder], NOW)).toEqual([])
  })
})
