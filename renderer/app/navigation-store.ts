import { create } from 'zustand'
import { areaFromHash, type AreaId } from './areas'

interface NavigationState {
  area: AreaId
  go(area: AreaId): void
}

/**
 * The current area mirrors the URL hash, so reload, back/forward and deep links all work in the
 * desktop window and in the web mode alike.
 */
export const useNavigation = create<NavigationState>((setState) => ({
  area: areaFromHash(window.location.hash),
  go(area) {
    if (window.location.hash !== `#/${area}`) window.location.hash = `/${area}`
    setState({ area })
  },
}))

window.addEventListener('hashchange', () => {
  useNavigation.setState({ area: areaFromHash(window.location.hash) })
})
