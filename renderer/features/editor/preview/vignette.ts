/**
 * ffmpeg `vignette` (vf_vignette.c, mode=forward, aspect=1, centred): each pixel is scaled by
 * cos⁴(angle · d/dmax), d its distance from the centre. On YUV it scales Y and (U,V − 127) by
 * that factor; with limited-range luma that is, in full-range RGB, f·rgb − (1 − f)·16·255/219.
 */
export const BLACK_OFFSET = (16 * 255) / 219

export function vignetteFactor(
  x: number,
  y: number,
  width: number,
  height: number,
  angle: number,
): number {
  // vf_vignette truncates the offsets to int before measuring.
  const xx = Math.trunc(x - width / 2)
  const yy = Math.trunc(y - height / 2)
  const dnorm = Math.hypot(xx, yy) / Math.hypot(width / 2, height / 2)
  if (dnorm > 1) return 0
  const c = Math.cos(angle * dnorm)
  return c * c * (c * c)
}

/** Darkens RGBA pixels (width × height) in place. */
export function applyVignette(
  data: Uint8ClampedArray,
  width: number,
  height: number,
  angle: number,
): void {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const f = vignetteFactor(x, y, width, height, angle)
      const offset = (1 - f) * BLACK_OFFSET
      const i = (y * width + x) * 4
      data[i] = (data[i] ?? 0) * f - offset
      data[i + 1] = (data[i + 1] ?? 0) * f - offset
      data[i + 2] = (data[i + 2] ?? 0) * f - offset
    }
  }
}
