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
import { AccountSwitcher } from './AccountSwitcher'
import { AppNav } from './AppNav'
import { Notices } from './Notices'
import { HeaderSlot, HeaderSlotProvider } from './header-slot'
import { AREAS, type AreaId } from './areas'
import { useNavigation } from './navigation-store'
import { ThemeToggle } from './ThemeToggle'
import { Toasts } from './toasts'
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

/**
 * The signed-in studio frame: areas on the left; on top the workspace and creator account the
 * studio works on, a slot the page fills (the editor's project bar), and sync state.
 */
export function Studio({ platform }: { platform: Platform }) {
  const area = useNavigation((s) => s.area)
  useAreaShortcuts()
  const label = AREAS.find((a) => a.id === area)?.label ?? ''
  const Page = PAGES[area]
  return (
    <HeaderSlotProvider>
      <div className={`app-shell app-shell--${area}`}>
        <aside className="app-sidebar">
          <div className="app-brand">
            <img src="/icon.svg" alt="" width={28} height={28} />
            <span className="app-brand__name">Reeldesk</span>
          </div>
          <AppNav />
          <p className="app-shell-kind">{platform.kind === 'electron' ? 'Desktop' : 'Web'}</p>
        </aside>
        <div className="app-main">
          <header className="app-header">
            <h1>{label}</h1>
            <nav className="app-context" aria-label="Workspace and creator account">
              <WorkspaceSwitcher />
              <span className="app-context__divider" aria-hidden="true">
                /
              </span>
              <AccountSwitcher />
            </nav>
            <HeaderSlot className="app-header__slot" />
            <div className="app-header__tools">
              <SyncIndicator />
              <ThemeToggle />
              <UserMenu />
            </div>
          </header>
          <main className="app-content" id="content">
            <Page />
          </main>
        </div>
      </div>
      <Toasts />
      <Notices />
    </HeaderSlotProvider>
  )
}
