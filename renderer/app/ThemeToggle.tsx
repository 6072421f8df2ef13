import { Moon, Sun } from 'lucide-react'
import { ToggleButton } from 'react-aria-components'
import { useTheme } from './theme-store'

export function ThemeToggle() {
  const { theme, toggle } = useTheme()
  return (
    <ToggleButton
      className="icon-button"
      aria-label="Light theme"
      isSelected={theme === 'light'}
      onChange={toggle}
    >
      {theme === 'light' ? (
        <Sun aria-hidden="true" size={18} />
      ) : (
        <Moon aria-hidden="true" size={18} />
      )}
    </ToggleButton>
  )
}
