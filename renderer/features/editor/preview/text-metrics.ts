import type { TextOverlay } from '../../../../shared/timeline/model'
import { bundledResources } from '../engine/bundled-resources'
import { cssFont, fontFamily } from './text-layout'

/**
 * Measures texts in the page with the very font files the compositor draws with (loaded into
 * document.fonts under the same family names), so the handles drawn over the preview fit the
 * words on it.
 */
const loading = new Map<string, Promise<void>>()

export function ensureFont(file: string): Promise<void> {
  const known = loading.get(file)
  if (known) return known
  const url = bundledResources.fonts.get(file)
  const loaded = url
    ? new FontFace(fontFamily(file), `url(${url})`).load().then((face) => {
        document.fonts.add(face)
      })
    : Promise.resolve()
  loading.set(
    file,
    loaded.catch(() => undefined),
  )
  return loading.get(file) ?? loaded
}

let context: CanvasRenderingContext2D | null = null

export interface TextMetricsBox {
  width: number
  ascent: number
  descent: number
}

export function measureText(text: Pick<TextOverlay, 'text' | 'size' | 'font'>): TextMetricsBox {
  context ??= document.createElement('canvas').getContext('2d')
  if (!context)
    return {
      width: text.text.length * text.size * 0.55,
      ascent: text.size * 0.8,
      descent: text.size * 0.2,
    }
  context.font = cssFont(text)
  const m = context.measureText(text.text)
  return { width: m.width, ascent: m.actualBoundingBoxAscent, descent: m.actualBoundingBoxDescent }
}
