import { applyColorOps, colorOpFor, type ColorOp } from './color-ops'
import type { EffectPass } from './effect-passes'
import type { Lut3d } from './lut'
import { applyVignette } from './vignette'

/**
 * A run of consecutive per-pixel passes (colour and vignette; blur needs neighbours and is drawn
 * by the canvas). Between passes the picture is stored as 8-bit RGBA — what the CPU path's
 * pixel array holds and what ffmpeg's separate filters pass on — so the GPU path rounds there
 * too, and only there.
 */
export type PerPixelEffectPass = Exclude<EffectPass, { kind: 'blur' }>

export type PixelPass =
  | { readonly kind: 'color'; readonly ops: readonly ColorOp[] }
  | { readonly kind: 'vignette'; readonly angle: number }

/** The passes as ops; colour passes that change nothing are dropped (ffmpeg emits no filter). */
export function pixelPassesFor(
  passes: readonly PerPixelEffectPass[],
  luts: ReadonlyMap<string, Lut3d>,
): PixelPass[] {
  const out: PixelPass[] = []
  for (const pass of passes) {
    if (pass.kind === 'vignette') {
      out.push(pass)
      continue
    }
    const ops = pass.effects
      .map((e) => colorOpFor(e, luts))
      .filter((op): op is ColorOp => op !== null)
    if (ops.length > 0) out.push({ kind: 'color', ops })
  }
  return out
}

/** The CPU path: applies the passes in order to RGBA pixels (width × height) in place. */
export function applyPixelPasses(
  data: Uint8ClampedArray,
  width: number,
  height: number,
  passes: readonly PixelPass[],
): void {
  for (const pass of passes) {
    if (pass.kind === 'color') applyColorOps(data, pass.ops)
    else applyVignette(data, width, height, pass.angle)
  }
}
