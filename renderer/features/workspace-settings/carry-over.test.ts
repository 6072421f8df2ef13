import { describe, expect, it } from 'vitest'
import { emptyWorkspaceSettings } from '../../../shared/data/collections/workspace-settings'
import { DEFAULT_EARNINGS_SETTINGS } from '../../../shared/money/earnings-settings'
import {
  earningsSettingsFromDoc,
  earningsSettingsToDoc,
} from '../../../shared/money/earnings-settings-doc'
import { carriedOver, withoutWorkspace } from './carry-over'

const WS = '01890a5d-ac96-774b-bcce-b302099a8057'
const ACCOUNT = '01890a5d-ac96-774b-bcce-b302099a8058'
const persisted = (byWorkspace: Record<string, unknown>) =>
  JSON.stringify({ state: { byWorkspace }, version: 1 })
const rates = {
  ...DEFAULT_EARNINGS_SETTINGS,
  diamondRates: { default: { currency: 'USD', microsPerDiamond: 9_000 } },
}

describe('carrying this device’s settings into the workspace', () => {
  it('carries earnings and eligibility into a workspace that has none', () => {
    const next = carriedOver(
      emptyWorkspaceSettings(),
      WS,
      persisted({ [WS]: rates }),
      persisted({
        [WS]: { overrides: { 'rewards.followers': 5000 }, standing: { [ACCOUNT]: true } },
      }),
    )
    expect(earningsSettingsFromDoc(next?.earnings ?? null)).toEqual(rates)
    expect(next?.eligibility).toEqual({
      overrides: [{ key: 'rewards.followers', value: 5000 }],
      standing: [{ accountId: ACCOUNT, inGoodStanding: true }],
    })
  })

  it('never overwrites what the workspace already has, and ignores other workspaces', () => {
    const own = {
      ...emptyWorkspaceSettings(),
      earnings: earningsSettingsToDoc(DEFAULT_EARNINGS_SETTINGS),
    }
    expect(carriedOver(own, WS, persisted({ [WS]: rates }), null)).toBeNull()
    expect(carriedOver(emptyWorkspaceSettings(), WS, persisted({ other: rates }), null)).toBeNull()
  })

  it('carries nothing from unreadable or invalid device copies', () => {
    expect(carriedOver(emptyWorkspaceSettings(), WS, '{not json', 'null')).toBeNull()
    const badShare = persisted({ [WS]: { ...rates, refundShare: 3 } })
    expect(carriedOver(emptyWorkspaceSettings(), WS, badShare, null)).toBeNull()
    const badStanding = persisted({ [WS]: { overrides: {}, standing: { 'not-an-id': true } } })
    expect(carriedOver(emptyWorkspaceSettings(), WS, null, badStanding)).toBeNull()
  })

  it('clears only this workspace from the device copy', () => {
    expect(withoutWorkspace(persisted({ [WS]: rates }), WS)).toBeNull()
    const kept = withoutWorkspace(persisted({ [WS]: rates, other: rates }), WS)
    expect(JSON.parse(kept ?? '{}')).toEqual({
      state: { byWorkspace: { other: rates } },
      version: 1,
    })
  })
})
