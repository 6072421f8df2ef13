/**
 * Which implementation draws the per-pixel effects (colour ops and vignette): the CPU pass over
 * getImageData pixels, or the WebGL2 shader (gl-pixel-pass.ts). Both give the same picture
 * (within 1–2 code values). `auto` takes WebGL2 only where a GPU runs it, as the editor issue
 * asks: without one, SwiftShader rasterizes on the same two cores that decode video (DESIGN §4
 * measured ~280 ms per 1080×1920 frame for whole-frame WebGL2 compositing there). For the colour
 * passes alone it measured faster than the CPU pass on this machine (40 vs 100 ms a frame,
 * e2e/preview-webgl), so that default deserves a re-measure under playback load. Plain types, so
 * Node-side tests and the worker protocol can share them.
 */
export type ColorPathPreference = 'auto' | 'cpu' | 'gl'

export type ColorPathReason =
  /** The preference named this path. */
  | 'forced'
  /** `auto` found a hardware WebGL2 context. */
  | 'gpu'
  /** `auto`: no context with failIfMajorPerformanceCaveat (or no WebGL2 at all). */
  | 'performance-caveat'
  /** `auto`: the context exists but a software rasterizer draws it (see isSoftwareRenderer). */
  | 'software-renderer'
  /** `gl` was asked for but this browser has no WebGL2. */
  | 'no-webgl2'
  /** The context was lost; the CPU path took over for the rest of the session. */
  | 'context-lost'
  /** A shader failed to build or a GL call threw; the CPU path took over. */
  | 'gl-failed'

export interface ColorPathReport {
  readonly path: 'cpu' | 'gl'
  readonly reason: ColorPathReason
  /** The WebGL renderer string, when a context was created. */
  readonly renderer?: string
  /** What failed, for `gl-failed`. */
  readonly detail?: string
}

/**
 * Software rasterizers that failIfMajorPerformanceCaveat does not always refuse: Chromium 156
 * hands out ANGLE-on-SwiftShader (Vulkan) contexts with the flag set when the GPU is disabled
 * or absent, so the renderer name is checked as well.
 */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render/i

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERERS.test(renderer)
}
