import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { detectPlatform } from './platform'
import './ui/theme.css'
import './ui/components.css'

const root = document.getElementById('root')
if (!root) throw new Error('missing #root element')

const platform = detectPlatform()
void platform.info().then(({ serverUrl }) =>
  createRoot(root).render(
    <StrictMode>
      <App platform={platform} serverUrl={serverUrl} />
    </StrictMode>,
  ),
)
