import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { SAMPLE_IDS } from '../../../../shared/data/sample-docs'
import '../../../ui/theme.css'
import '../../../ui/components.css'
import type { HarnessImport } from './harness-api'
import type { ImportedMedia } from './import-media'
import { MediaLibrary } from './MediaLibrary'
import { opfsMediaStore } from './opfs-store'

/**
 * Test-only entry (harness.html): mounts MediaLibrary alone and records what it imports on
 * window.__reeldeskMediaTest, so Playwright can check the values behind the rows.
 */

const imports: HarnessImport[] = []
let last = performance.now()

async function record({ doc, probe, previews }: ImportedMedia): Promise<void> {
  let thumbnailSize = null
  if (previews.thumbnail) {
    const bitmap = await createImageBitmap(previews.thumbnail)
    thumbnailSize = { width: bitmap.width, height: bitmap.height }
    bitmap.close()
  }
  const now = performance.now()
  imports.push({
    doc,
    displayWidth: probe.displayWidth,
    displayHeight: probe.displayHeight,
    thumbnail: previews.thumbnail
      ? { type: previews.thumbnail.type, bytes: previews.thumbnail.size }
      : null,
    thumbnailSize,
    peaksLength: previews.peaks?.length ?? null,
    maxPeak: previews.peaks ? Math.max(...previews.peaks) : null,
    elapsedMs: Math.round(now - last),
  })
  last = now
}

window.__reeldeskMediaTest = {
  imported: () => [...imports],
  async original(id, fileName) {
    const file = await opfsMediaStore.loadOriginal(id, fileName)
    return { name: file.name, bytes: file.size }
  },
}

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MediaLibrary
        target={{ workspaceId: SAMPLE_IDS.workspace, accountId: null }}
        onImported={record}
      />
    </StrictMode>,
  )
}
