/**
 * ffmpeg `colortemperature`'s black-body tint (libavfilter/vf_colortemperature.c): each channel
 * is multiplied by the colour of a black body at `kelvin` (mix=1, pl=0, its defaults). The
 * constants are ffmpeg's, to double precision.
 */
const saturate = (v: number) => Math.min(1, Math.max(0, v))

export function kelvinToRgbGain(kelvin: number): [number, number, number] {
  const k = kelvin / 100
  let r: number
  let g: number
  if (k <= 66) {
    r = 1
    g = saturate(0.3900815787690196 * Math.log(k) - 0.6318414437886275)
  } else {
    const t = Math.max(k - 60, 0)
    r = saturate(1.292936186062745 * Math.pow(t, -0.1332047592))
    g = saturate(1.1298908608952942 * Math.pow(t, -0.0755148492))
  }
  let b: number
  if (k >= 66) b = 1
  else if (k <= 19) b = 0
  else b = saturate(0.543206789110196 * Math.log(k - 10) - 1.19625408914)
  return [r, g, b]
}
