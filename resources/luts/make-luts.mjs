// Regenerates the .cube LUTs in this folder: `node resources/luts/make-luts.mjs`.
// They are simple analytic colour curves (no third-party data), 17³ points — the size most
// editors use; ffmpeg's lut3d interpolates between points (tetrahedral by default).
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const SIZE = 17
const clamp = (v) => Math.min(1, Math.max(0, v))

/** @type {Record<string, { title: string, map: (r: number, g: number, b: number) => number[] }>} */
const LUTS = {
  'warm.cube': {
    title: 'Reeldesk Warm',
    // Lifts red a little, trims blue, gentle S-curve on luma-ish contrast.
    map: (r, g, b) => {
      const s = (v) => v + 0.04 * Math.sin(2 * Math.PI * (v - 0.5))
      return [clamp(s(r) * 1.06 + 0.01), clamp(s(g) * 1.01), clamp(s(b) * 0.88)]
    },
  },
  'teal-orange.cube': {
    title: 'Reeldesk Teal Orange',
    // Pushes shadows towards teal and highlights towards orange (the classic split tone).
    map: (r, g, b) => {
      const y = 0.2126 * r + 0.7152 * g + 0.0722 * b
      const shadow = 1 - y
      return [
        clamp(r + 0.08 * y - 0.05 * shadow),
        clamp(g + 0.02 * y + 0.02 * shadow),
        clamp(b - 0.08 * y + 0.06 * shadow),
      ]
    },
  },
}

const dir = fileURLToPath(new URL('.', import.meta.url))
for (const [file, { title, map }] of Object.entries(LUTS)) {
  const lines = [`TITLE "${title}"`, `LUT_3D_SIZE ${SIZE}`, 'DOMAIN_MIN 0 0 0', 'DOMAIN_MAX 1 1 1']
  // .cube order: red changes fastest, then green, then blue.
  for (let bi = 0; bi < SIZE; bi++)
    for (let gi = 0; gi < SIZE; gi++)
      for (let ri = 0; ri < SIZE; ri++) {
        const rgb = map(ri / (SIZE - 1), gi / (SIZE - 1), bi / (SIZE - 1))
        lines.push(rgb.map((v) => v.toFixed(6)).join(' '))
      }
  writeFileSync(`${dir}${file}`, `${lines.join('\n')}\n`)
}
