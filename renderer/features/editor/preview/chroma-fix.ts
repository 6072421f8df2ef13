/**
 * Chromium's software YUV→RGB conversion for drawing a BT.709 frame (libyuv's fixed-point
 * constants) scales Cb's contribution to blue by 2.0 per code value where BT.709 says 2.112
 * (1.8556 · 255/224): blues come out ~5 % weak, so a saturated blue source loses 8–10 levels,
 * and the export's Cb plane disagrees with ffmpeg's. The compositor measures the conversion
 * once (drawing one known frame) and, where it is off, stretches Cb by the missing factor on the
 * decoded planes before drawing: the drawn RGB is then BT.709's. On a browser that converts
 * exactly, the measured factor is 1 and nothing is done.
 */

/** BT.709: blue = Y' + 1.8556·Pb, with Pb in limited-range code values (224 steps for 255). */
const BLUE_PER_CB = (1.8556 * 255) / 224
const PROBE_CB_STEP = 32

/** The factor that makes the browser's blue right (1 when it already is). */
export function measureCbFactor(): number {
  try {
    const size = 16
    const data = new Uint8Array((size * size * 3) / 2)
    data.fill(126, 0, size * size)
    data.fill(128 + PROBE_CB_STEP, size * size, (size * size * 5) / 4)
    data.fill(128, (size * size * 5) / 4)
    const frame = new VideoFrame(data, {
      format: 'I420',
      codedWidth: size,
      codedHeight: size,
      timestamp: 0,
      colorSpace: { matrix: 'bt709', primaries: 'bt709', transfer: 'bt709', fullRange: false },
    })
    const canvas = new OffscreenCanvas(size, size)
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    if (!ctx) return 1
    ctx.drawImage(frame, 0, 0)
    frame.close()
    const [r = 0, , b = 0] = ctx.getImageData(8, 8, 1, 1).data
    return cbFactorFrom(r, b)
  } catch {
    return 1
  }
}

/** From the probe's drawn red (no Cr: the luma level) and blue. */
export function cbFactorFrom(red: number, blue: number): number {
  const measured = (blue - red) / PROBE_CB_STEP
  if (!(measured > 0)) return 1
  const factor = BLUE_PER_CB / measured
  // Within rounding of exact, or implausibly far off: leave the picture alone.
  return Math.abs(factor - 1) < 0.015 || factor > 1.25 || factor < 0.8 ? 1 : factor
}

/** The Cb table that pre-compensates the browser's conversion by `factor`. */
export function cbTable(factor: number): Uint8Array | null {
  if (factor === 1) return null
  const table = new Uint8Array(256)
  for (let x = 0; x < 256; x++) {
    const v = Math.round(128 + (x - 128) * factor)
    table[x] = v < 0 ? 0 : v > 255 ? 255 : v
  }
  return table
}

/** Frames the fix applies to: BT.709 ones, and untagged ones (taken as BT.709, like HD). */
export function needsCbFix(frame: VideoFrame): boolean {
  const matrix = frame.colorSpace.matrix
  return matrix === null || matrix === 'bt709'
}
