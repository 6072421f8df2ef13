/**
 * RGB ↔ limited-range Y'CbCr (BT.709), 8-bit code values. ffmpeg's eq, hue and vignette filters
 * work on the decoded YUV planes; the preview sees RGB (the browser has already converted the
 * frame), so it goes back to YUV to apply them with ffmpeg's exact formulas. BT.709 is the matrix
 * Chromium uses for HD frames without colour tags, so the round trip is close to lossless.
 */
/** BT.709 luma weights (gl-shader.ts writes the same constants into GLSL). */
export const KR = 0.2126
export const KB = 0.0722
const KG = 1 - KR - KB
const Y_SCALE = 219 / 255
const C_SCALE = 224 / 255

/** Writes [Y, U, V] (code values, unclamped) for full-range R, G, B into `out`. */
export function rgbToYuv(r: number, g: number, b: number, out: Float64Array): void {
  const luma = KR * r + KG * g + KB * b
  out[0] = 16 + Y_SCALE * luma
  out[1] = 128 + (C_SCALE * (b - luma)) / (2 * (1 - KB))
  out[2] = 128 + (C_SCALE * (r - luma)) / (2 * (1 - KR))
}

/** Writes [R, G, B] (full range, unclamped) for code values Y, U, V into `out`. */
export function yuvToRgb(y: number, u: number, v: number, out: Float64Array): void {
  const luma = (y - 16) / Y_SCALE
  const pb = (u - 128) / C_SCALE
  const pr = (v - 128) / C_SCALE
  const r = luma + 2 * (1 - KR) * pr
  const b = luma + 2 * (1 - KB) * pb
  out[0] = r
  out[1] = (luma - KR * r - KB * b) / KG
  out[2] = b
}
