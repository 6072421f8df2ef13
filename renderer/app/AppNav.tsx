import { Link } from 'react-aria-components'
import { AREAS } from './areas'
import { useNavigation } from './navigation-store'

/** The area list. Ctrl/Cmd+1…8 also switch areas (see useAreaShortcuts). */
export function AppNav() {
  const current = useNavigation((s) => s.area)
  return (
    <nav aria-label="Areas" className="app-nav">
      <ul>
        {AREAS.map(({ id, label, icon: Icon }, index) => (
          <li key={id}>
            <Link
              href={`#/${id}`}
              className="app-nav__link"
              aria-current={current === id ? 'page' : undefined}
              aria-keyshortcuts={`Control+${index + 1}`}
            >
              <Icon aria-hidden="true" size={18} />
              <span>{label}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
