import { rgbToYuv } from './color-space'

/**
 * Text and image overlays for the export's Y'CbCr path: an overlay's RGBA pixels (drawn once:
 * text-raster.ts, the scaled image) become limited-range BT.709 Y'CbCr with alpha, luma at full
 * resolution and chroma per 2×2 block (alpha-weighted, as blending then subsampling would give),
 * and every frame blends them over the picture's planes inside their bounding box only. Blending
 * in Y'CbCr is the same as in R'G'B' (one is a linear map of the other), except at 4:2:0's chroma
 * resolution, where ffmpeg's overlay and drawtext blend too.
 */
export interface RgbaPixels {
  readonly data: Uint8ClampedArray | Uint8Array
  readonly width: number
  readonly height: number
}

export interface YuvOverlay {
  /** Top-left on the canvas, both even (chroma blocks line up with the picture's). */
  readonly x: number
  readonly y: number
  /** Even sizes. */
  readonly width: number
  readonly height: number
  /** Per luma sample: alpha 0–255 and Y'·alpha. */
  readonly alpha: Uint8Array
  readonly luma: Uint16Array
  /** Per 2×2 block: mean alpha, and the mean Cb·alpha, Cr·alpha. */
  readonly chromaAlpha: Uint8Array
  readonly cb: Uint16Array
  readonly cr: Uint16Array
}

/**
 * `pixels` (straight, not premultiplied, alpha) placed with their top-left at (x, y), whole
 * pixels, with `opacity` applied, in limited- or full-range code values (`fullRange`, the
 * picture's). The result starts on the even pixel at or before (x, y).
 */
export function yuvOverlay(
  pixels: RgbaPixels,
  x: number,
  y: number,
  opacity = 1,
  fullRange = false,
): YuvOverlay {
  const ox = Math.floor(x / 2) * 2
  const oy = Math.floor(y / 2) * 2
  const dx = x - ox
  const dy = y - oy
  const width = Math.ceil((pixels.width + dx) / 2) * 2
  const height = Math.ceil((pixels.height + dy) / 2) * 2
  const alpha = new Uint8Array(width * height)
  const luma = new Uint16Array(width * height)
  const cbFull = new Float64Array(width * height)
  const crFull = new Float64Array(width * height)
  const yuv = new Float64Array(3)
  const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v)
  const { data } = pixels
  for (let row = 0; row < pixels.height; row++) {
    for (let col = 0; col < pixels.width; col++) {
      const i = (row * pixels.width + col) * 4
      const a = Math.round((data[i + 3] ?? 0) * opacity)
      if (a === 0) continue
      rgbToYuv(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, yuv)
      if (fullRange) {
        yuv[0] = (((yuv[0] ?? 16) - 16) * 255) / 219
        yuv[1] = (((yuv[1] ?? 128) - 128) * 255) / 224 + 128
        yuv[2] = (((yuv[2] ?? 128) - 128) * 255) / 224 + 128
      }
      const at = (row + dy) * width + col + dx
      alpha[at] = a
      luma[at] = Math.round(clamp(yuv[0] ?? 0) * a)
      cbFull[at] = clamp(yuv[1] ?? 0) * a
      crFull[at] = clamp(yuv[2] ?? 0) * a
    }
  }
  const cw = width / 2
  const ch = height / 2
  const chromaAlpha = new Uint8Array(cw * ch)
  const cb = new Uint16Array(cw * ch)
  const cr = new Uint16Array(cw * ch)
  for (let row = 0; row < ch; row++) {
    for (let col = 0; col < cw; col++) {
      let a = 0
      let u = 0
      let v = 0
      for (const [r, c] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const) {
        const at = (row * 2 + r) * width + col * 2 + c
        a += alpha[at] ?? 0
        u += cbFull[at] ?? 0
        v += crFull[at] ?? 0
      }
      const k = row * cw + col
      chromaAlpha[k] = Math.round(a / 4)
      cb[k] = Math.round(u / 4)
      cr[k] = Math.round(v / 4)
    }
  }
  return { x: ox, y: oy, width, height, alpha, luma, chromaAlpha, cb, cr }
}

/** out = (dst·(255 − a) + src·a) / 255, rounded, from src·a (`pre`). */
function blend(dst: number, a: number, pre: number): number {
  return ((dst * (255 - a) + pre) * 257 + 32896) >>> 16
}

/**
 * Blends `overlay` over a packed I420 picture of width × height (both even) in `planes`, clipped
 * to the picture.
 */
export function blitOverlay(
  planes: Uint8Array,
  width: number,
  height: number,
  overlay: YuvOverlay,
): void {
  const x0 = Math.max(0, overlay.x)
  const y0 = Math.max(0, overlay.y)
  const x1 = Math.min(width, overlay.x + overlay.width)
  const y1 = Math.min(height, overlay.y + overlay.height)
  if (x0 >= x1 || y0 >= y1) return
  for (let y = y0; y < y1; y++) {
    const src = (y - overlay.y) * overlay.width - overlay.x
    const dst = y * width
    for (let x = x0; x < x1; x++) {
      const a = overlay.alpha[src + x] ?? 0
      if (a === 0) continue
      const at = dst + x
      planes[at] = blend(planes[at] ?? 0, a, overlay.luma[src + x] ?? 0)
    }
  }
  const cwPicture = width / 2
  const uBase = width * height
  const vBase = uBase + cwPicture * (height / 2)
  const cwOverlay = overlay.width / 2
  for (let y = y0 / 2; y < y1 / 2; y++) {
    const src = (y - overlay.y / 2) * cwOverlay - overlay.x / 2
    const dst = y * cwPicture
    for (let x = x0 / 2; x < x1 / 2; x++) {
      const a = overlay.chromaAlpha[src + x] ?? 0
      if (a === 0) continue
      const u = uBase + dst + x
      const v = vBase + dst + x
      planes[u] = blend(planes[u] ?? 0, a, overlay.cb[src + x] ?? 0)
      planes[v] = blend(planes[v] ?? 0, a, overlay.cr[src + x] ?? 0)
    }
  }
}
