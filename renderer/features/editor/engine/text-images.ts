import { canvasSize, type Timeline } from '../../../../shared/timeline'
import { contextFonts, loadResources, type ResourceUrlMap } from '../preview/resources'
import { renderText } from '../preview/text-raster'

/**
 * The timeline's text overlays as PNGs, for the ffmpeg.wasm path: the compositor's own rendering
 * (text-raster.ts, the same fonts), so the fallback shows exactly the glyphs the preview and the
 * WebCodecs export show. Rendered on the page, whose FontFaceSet gets the shipped fonts.
 */
export interface TextImageFile {
  readonly textId: string
  readonly png: Blob
  readonly x: number
  readonly y: number
}

export async function renderTextImages(
  timeline: Timeline,
  resources: ResourceUrlMap,
): Promise<TextImageFile[]> {
  if (timeline.texts.length === 0) return []
  await loadResources(timeline, resources, contextFonts())
  const canvas = canvasSize(timeline.canvas)
  return Promise.all(
    timeline.texts.map(async (text) => {
      const rendered = renderText(text, canvas)
      const png = await rendered.image.convertToBlob({ type: 'image/png' })
      return { textId: text.id, png, x: rendered.x, y: rendered.y }
    }),
  )
}

/** Maps of file name → URL, as the workers take them. */
export function resourceRecords(resources: {
  readonly fonts: ReadonlyMap<string, string>
  readonly luts: ReadonlyMap<string, string>
}): ResourceUrlMap {
  return { fonts: Object.fromEntries(resources.fonts), luts: Object.fromEntries(resources.luts) }
}
