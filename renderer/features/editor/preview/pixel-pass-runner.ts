import type { ColorPathPreference, ColorPathReason, ColorPathReport } from './color-path'
import { GlPixelPass, type GlCreateResult, type GlPass } from './gl-pixel-pass'
import { pixelShader } from './gl-shader'
import type { Lut3d } from './lut'
import { applyPixelPasses, pixelPassesFor, type PerPixelEffectPass } from './pixel-passes'

/**
 * Draws runs of per-pixel passes on a 2D canvas with the path chosen once, up front: WebGL2
 * where `auto` finds a GPU (or where `gl` forces it), the CPU otherwise. If the GL path fails
 * — context lost, a shader that will not build — this frame and every later one are drawn on
 * the CPU: the 2D canvas is untouched until the GL result is complete, so nothing is lost.
 * There is no switching back after a restore: a picture that changes path mid-session could
 * flicker by a code value, and a GPU that lost its context once may well lose it again.
 */
export type CreateGlPixelPass = (options: { readonly requireGpu: boolean }) => GlCreateResult

export class PixelPassRunner {
  private gl: GlPass | null = null
  private current: ColorPathReport

  constructor(
    readonly preference: ColorPathPreference,
    createGl: CreateGlPixelPass = (options) => GlPixelPass.create(options),
  ) {
    if (preference === 'cpu') {
      this.current = { path: 'cpu', reason: 'forced' }
      return
    }
    const made = createGl({ requireGpu: preference === 'auto' })
    if ('pass' in made) {
      this.gl = made.pass
      const reason = preference === 'gl' ? 'forced' : 'gpu'
      this.current = { path: 'gl', reason, renderer: made.pass.renderer }
    } else {
      this.current = { path: 'cpu', reason: made.refused, renderer: made.renderer }
    }
  }

  /** The path frames are drawn with now. */
  get report(): ColorPathReport {
    return this.current
  }

  /** Applies colour and vignette passes, in order, to the whole of `ctx`'s canvas. */
  apply(
    ctx: OffscreenCanvasRenderingContext2D,
    passes: readonly PerPixelEffectPass[],
    luts: ReadonlyMap<string, Lut3d>,
  ): void {
    const pixel = pixelPassesFor(passes, luts)
    if (pixel.length === 0) return
    const gl = this.gl
    if (gl) {
      const shader = pixelShader(pixel)
      // No shader (more LUTs than texture units): this run only goes through the CPU.
      if (shader) {
        try {
          const outcome = gl.run(ctx, shader)
          if (outcome === 'done') return
          if (outcome === 'lost') this.fallBack('context-lost')
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error)
          this.fallBack(gl.lost ? 'context-lost' : 'gl-failed', detail)
        }
      }
    }
    const { width, height } = ctx.canvas
    const data = ctx.getImageData(0, 0, width, height)
    applyPixelPasses(data.data, width, height, pixel)
    ctx.putImageData(data, 0, 0)
  }

  dispose(): void {
    this.gl?.dispose()
    this.gl = null
  }

  private fallBack(reason: ColorPathReason, detail?: string): void {
    const renderer = this.gl?.renderer
    this.gl?.dispose()
    this.gl = null
    this.current = {
      path: 'cpu',
      reason,
      ...(renderer === undefined ? {} : { renderer }),
      ...(detail === undefined ? {} : { detail }),
    }
  }
}
