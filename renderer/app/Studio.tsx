import type { ComponentType } from 'react'
import { AccountsPage } from '../features/accounts/AccountsPage'
import { AnalyticsPage } from '../features/analytics/AnalyticsPage'
import { DealsPage } from '../features/deals/DealsPage'
import { EarningsPage } from '../features/earnings/EarningsPage'
import { EditorPage } from '../features/editor/EditorPage'
import { EligibilityPage } from '../features/eligibility/EligibilityPage'
import { PublishPage } from '../features/publish/PublishPage'
import { ShopPage } from '../features/shop/ShopPage'
import type { Platform } from '../platform'
import { UserMenu } from '../session/UserMenu'
import { WorkspaceSwitcher } from '../session/WorkspaceSwitcher'
import { SyncIndicator } from '../sync/SyncIndicator'
import { AppNav } from './AppNav'
import { Notices } from './Notices'
import { AREAS, type AreaId } from './areas'
import { useNavigation } from './navigation-store'
import { ThemeToggle } from './ThemeToggle'
import { useAreaShortcuts } from './use-area-shortcuts'

const PAGES: Record<AreaId, ComponentType> = {
  editor: EditorPage,
  publish: PublishPage,
  analytics: AnalyticsPage,
  earnings: EarningsPage,
  eligibility: EligibilityPage,
  deals: DealsPage,
  shop: ShopPage,
  accounts: AccountsPage,
}

/** The signed-in studio frame: areas on the left, workspace and sync state on top. */
export function Studio({ platform }: { platform: Platform }) {
  const area = useNavigation((s) => s.area)
  useAreaShortcuts()
  const label = AREAS.find((a) => a.id === area)?.label ?? ''
  const Page = PAGES[area]
  return (
    <div className="app-shell">
      <aside className="app-sidebar">
        <div className="app-brand">
          <img src="/icon.svg" alt="" width={28} height={28} />
          <span>Reeldesk</span>
        </div>
        <WorkspaceSwitcher />
        <AppNav />
        <p className="app-shell-kind">{platform.kind === 'electron' ? 'Desktop' : 'Web'}</p>
      </aside>
      <div className="app-main">
        <header className="app-header">
          <h1>{label}</h1>
          <div className="app-header__tools">
            <SyncIndicator />
            <ThemeToggle />
            <UserMenu />
          </div>
        </header>
        <main className="app-content" id="content">
          <Page />
        </main>
        <Notices />
      </div>
    </div>
  )
}
