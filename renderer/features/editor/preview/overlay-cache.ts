import type { CanvasSize, TextOverlay } from '../../../../shared/timeline'
import type { ImageLayer } from './frame-plan'
import { renderText, type RenderedText } from './text-raster'

/**
 * Overlay pictures made once per loaded timeline and blitted on every frame: image overlays
 * decoded and scaled to their placed size, text overlays rendered (text-raster.ts).
 */
export class OverlayCache {
  private readonly images = new Map<string, Promise<ImageBitmap>>()
  private readonly texts = new Map<string, RenderedText>()

  constructor(
    private readonly canvas: CanvasSize,
    private readonly file: (mediaId: string) => Blob,
  ) {}

  image(layer: ImageLayer): Promise<ImageBitmap> {
    const { width, height } = layer.placement
    const key = `${layer.mediaId}:${width}x${height}`
    const cached = this.images.get(key)
    if (cached) return cached
    const made = Promise.resolve()
      .then(() =>
        createImageBitmap(this.file(layer.mediaId), {
          resizeWidth: width,
          resizeHeight: height,
          resizeQuality: 'high',
        }),
      )
      .catch((error: unknown) => {
        this.images.delete(key)
        throw new Error(`image "${layer.mediaId}" cannot be read: ${String(error)}`)
      })
    this.images.set(key, made)
    return made
  }

  text(text: TextOverlay): RenderedText {
    // Keyed by everything that shapes the picture, so an edited text is rendered anew.
    const key = JSON.stringify([
      text.text,
      text.font,
      text.size,
      text.color,
      text.outlineColor,
      text.outlineWidth,
      text.x,
      text.y,
    ])
    const cached = this.texts.get(key)
    if (cached) return cached
    const rendered = renderText(text, this.canvas)
    this.texts.set(key, rendered)
    return rendered
  }

  dispose(): void {
    for (const image of this.images.values()) {
      image.then((i) => i.close()).catch(() => undefined)
    }
    this.images.clear()
    this.texts.clear()
  }
}
