import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { detectPlatform } from './platform'
import './ui/theme.css'

const root = document.getElementById('root')
if (!root) throw new Error('missing #root element')

createRoot(root).render(
  <StrictMode>
    <App platform={detectPlatform()} />
  </StrictMode>,
)
