import { describe, expect, it } from 'vitest'
import type { AnalyticsSettings } from '../data/collections/workspace-settings'
import { analyticsSettingsSchema } from '../data/collections/workspace-settings'
import { accountsOfGroup, removeGroup, saveGroup } from './account-groups'

const A = '01890a5d-ac96-774b-bcce-b30209900a01'
const B = '01890a5d-ac96-774b-bcce-b30209900a02'
const C = '01890a5d-ac96-774b-bcce-b30209900a03'
const G1 = '01890a5d-ac96-774b-bcce-b30209900b01'
const G2 = '01890a5d-ac96-774b-bcce-b30209900b02'
const R1 = '01890a5d-ac96-774b-bcce-b30209900c01'
const workspace = new Set([A, B, C])
const empty: AnalyticsSettings = { groups: [], reports: [] }

function saved(settings: AnalyticsSettings, draft: Parameters<typeof saveGroup>[1]) {
  const result = saveGroup(settings, draft, workspace)
  if (!result.ok) throw new Error(result.error)
  return result.settings
}

describe('account groups for the roll-up', () => {
  it('adds a group with a tidy name and the workspace’s accounts only, once each', () => {
    const s = saved(empty, { id: G1, name: '  Beauty   clients ', accountIds: [A, B, A, 'gone'] })
    expect(s.groups).toEqual([{ id: G1, name: 'Beauty clients', accountIds: [A, B] }])
    expect(analyticsSettingsSchema.safeParse(s).success).toBe(true)
  })

  it('edits a group in place; its own name is not a clash', () => {
    const s = saved(empty, { id: G1, name: 'Beauty', accountIds: [A] })
    const edited = saved(s, { id: G1, name: 'beauty', accountIds: [A, C] })
    expect(edited.groups).toEqual([{ id: G1, name: 'beauty', accountIds: [A, C] }])
  })

  it('refuses a blank name, a taken name, no accounts, and says what to change', () => {
    const s = saved(empty, { id: G1, name: 'Beauty', accountIds: [A] })
    expect(saveGroup(s, { id: G2, name: '   ', accountIds: [A] }, workspace)).toEqual({
      ok: false,
      error: 'Give the group a name.',
    })
    expect(saveGroup(s, { id: G2, name: 'BEAUTY', accountIds: [B] }, workspace)).toEqual({
      ok: false,
      error: 'There is already a group called “Beauty”.',
    })
    expect(saveGroup(s, { id: G2, name: 'Food', accountIds: ['gone'] }, workspace)).toEqual({
      ok: false,
      error: 'Tick at least one account.',
    })
    expect(saveGroup(s, { id: G2, name: 'x'.repeat(81), accountIds: [A] }, workspace).ok).toBe(
      false,
    )
  })

  it('removing a group sends its scheduled reports to every account', () => {
    const s: AnalyticsSettings = {
      groups: [{ id: G1, name: 'Beauty', accountIds: [A] }],
      reports: [
        {
          id: R1,
          name: 'Monthly',
          groupId: G1,
          dayOfMonth: 1,
          format: 'pdf',
          enabled: true,
          lastRunMonth: null,
        },
      ],
    }
    expect(removeGroup(s, G1)).toEqual({
      groups: [],
      reports: [{ ...s.reports[0], groupId: null }],
    })
  })

  it('the roll-up shows the group’s accounts in workspace order, or all of them', () => {
    const accounts = [{ id: A }, { id: B }, { id: C }]
    const groups = [{ id: G1, name: 'Two', accountIds: [C, A] }]
    expect(accountsOfGroup(accounts, groups, G1).map((a) => a.id)).toEqual([A, C])
    expect(accountsOfGroup(accounts, groups, null)).toBe(accounts)
    expect(accountsOfGroup(accounts, groups, G2)).toBe(accounts)
  })
})
