import { create } from 'zustand'
import { persist } from 'zustand/middleware'

export type Theme = 'dark' | 'light'

interface ThemeState {
  theme: Theme
  toggle(): void
}

/** Dark by default, as in video editors; the choice is remembered on this device. */
export const useTheme = create<ThemeState>()(
  persist(
    (setState, getState) => ({
      theme: 'dark',
      toggle: () => setState({ theme: getState().theme === 'dark' ? 'light' : 'dark' }),
    }),
    { name: 'reeldesk-theme' },
  ),
)
