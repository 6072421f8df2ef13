/**
 * Area-average downscaling of one 8-bit plane (Y, U or V of an I420 frame): each output sample is
 * the mean of the source samples its box covers, rounded. Working on the planes keeps the frame
 * in the decoder's own Y'CbCr, so the compositor colours a smaller frame exactly as it colours a
 * decoded one (chroma fix and plane tables included) — a canvas round trip would convert to RGB.
 */
export interface Plane {
  readonly data: Uint8Array
  /** Byte offset of the first sample and bytes per row in `data`. */
  readonly offset: number
  readonly stride: number
  readonly width: number
  readonly height: number
}

/** Box edges: `edges[i]` is the first source index of output sample i (floor(i·from/to)). */
function boxEdges(from: number, to: number): Int32Array {
  const edges = new Int32Array(to + 1)
  for (let i = 0; i <= to; i++) edges[i] = Math.floor((i * from) / to)
  return edges
}

/** Writes `source` scaled to width × height (each at most the source's) into `out` (tightly packed). */
export function downscalePlane(
  source: Plane,
  width: number,
  height: number,
  out: Uint8Array,
  outOffset = 0,
): void {
  if (width < 1 || height < 1 || width > source.width || height > source.height) {
    throw new Error(`cannot scale a ${source.width}×${source.height} plane to ${width}×${height}`)
  }
  const xs = boxEdges(source.width, width)
  const ys = boxEdges(source.height, height)
  const sums = new Uint32Array(width)
  const { data, offset, stride } = source
  for (let oy = 0; oy < height; oy++) {
    sums.fill(0)
    const y0 = ys[oy] ?? 0
    const y1 = ys[oy + 1] ?? y0 + 1
    for (let y = y0; y < y1; y++) {
      const row = offset + y * stride
      for (let ox = 0; ox < width; ox++) {
        const x1 = xs[ox + 1] ?? 0
        let sum = 0
        for (let x = xs[ox] ?? 0; x < x1; x++) sum += data[row + x] ?? 0
        sums[ox] = (sums[ox] ?? 0) + sum
      }
    }
    const rows = y1 - y0
    const target = outOffset + oy * width
    for (let ox = 0; ox < width; ox++) {
      const count = ((xs[ox + 1] ?? 0) - (xs[ox] ?? 0)) * rows
      out[target + ox] = Math.floor(((sums[ox] ?? 0) + count / 2) / count)
    }
  }
}
