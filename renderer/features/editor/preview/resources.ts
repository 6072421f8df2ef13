import type { Timeline } from '../../../../shared/timeline'
import { parseCube, type Lut3d } from './lut'
import { FALLBACK_FONTS, fontFamily } from './text-layout'

/**
 * The shipped fonts and LUTs a timeline uses, loaded where the compositor runs (a worker or the
 * page): fonts are registered in that context's FontFaceSet under their reeldesk-… family, LUTs
 * parsed. URLs are the app's own (bundled-resources.ts), by file name.
 */
export interface ResourceUrlMap {
  readonly fonts: Readonly<Record<string, string>>
  readonly luts: Readonly<Record<string, string>>
}

/** Text beyond Latin (emoji, symbols, other scripts) may need the fallback fonts. */
const BEYOND_LATIN = /[^\u0020-\u024f\u2000-\u206f]/u

export async function loadResources(
  timeline: Timeline,
  urls: ResourceUrlMap,
  fonts: FontFaceSet,
): Promise<Map<string, Lut3d>> {
  const lutFiles = new Set<string>()
  for (const clip of timeline.clips) {
    for (const e of clip.effects) if (e.type === 'lut') lutFiles.add(e.file)
  }
  for (const e of timeline.effects) if (e.type === 'lut') lutFiles.add(e.file)
  const faces = new Map(timeline.texts.map((t) => [fontFamily(t.font), t.font]))
  if (timeline.texts.some((t) => BEYOND_LATIN.test(t.text))) {
    for (const fallback of FALLBACK_FONTS) faces.set(fallback.family, fallback.file)
  }
  const luts = new Map<string, Lut3d>()
  await Promise.all([
    ...[...lutFiles].map(async (file) => {
      const response = await fetchResource(urls.luts, file, 'LUT')
      luts.set(file, parseCube(await response.text()))
    }),
    ...[...faces].map(async ([family, file]) => {
      if ([...fonts].some((face) => face.family === family && face.status === 'loaded')) return
      const response = await fetchResource(urls.fonts, file, 'font')
      const face = new FontFace(family, await response.arrayBuffer())
      fonts.add(await face.load())
    }),
  ])
  return luts
}

async function fetchResource(
  urls: Readonly<Record<string, string>>,
  file: string,
  what: string,
): Promise<Response> {
  const url = Object.hasOwn(urls, file) ? urls[file] : undefined
  if (!url) throw new Error(`the ${what} "${file}" is not shipped with the app`)
  const response = await fetch(url)
  if (!response.ok)
    throw new Error(`the ${what} "${file}" could not be loaded (${response.status})`)
  return response
}

/** The FontFaceSet of this context: document.fonts, or WorkerGlobalScope.fonts in a worker. */
export function contextFonts(): FontFaceSet {
  const scope: unknown = globalThis
  if (typeof document !== 'undefined') return document.fonts
  if (typeof scope === 'object' && scope !== null && 'fonts' in scope) {
    const fonts = scope.fonts
    if (fonts instanceof FontFaceSet) return fonts
  }
  throw new Error('this context cannot register fonts')
}
