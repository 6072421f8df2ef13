// The colour emoji font every text falls back to (Noto Color Emoji, OFL, from its npm package).
import emojiFontUrl from '@fontsource/noto-color-emoji/files/noto-color-emoji-emoji-400-normal.woff2?url'
import type { ResourceUrls } from './prepare-job'

/**
 * The fonts and LUTs in the top-level resources/ folder, emitted by Vite as hashed assets of the
 * renderer build (electron.vite.config.ts keeps them from being inlined as data: URLs, which the
 * CSP's connect-src would block). The worker fetches them from the app's own origin.
 */
const fontUrls = import.meta.glob<string>('../../../../resources/fonts/*.{ttf,otf}', {
  query: '?url',
  import: 'default',
  eager: true,
})
const lutUrls = import.meta.glob<string>('../../../../resources/luts/*.cube', {
  query: '?url',
  import: 'default',
  eager: true,
})

const byFileName = (globbed: Record<string, string>) =>
  new Map(
    Object.entries(globbed).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]),
  )

export const bundledResources: ResourceUrls = {
  fonts: new Map([...byFileName(fontUrls), ['NotoColorEmoji.woff2', emojiFontUrl]]),
  luts: byFileName(lutUrls),
}
