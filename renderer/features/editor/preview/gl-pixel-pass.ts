import { isSoftwareRenderer, type ColorPathReason } from './color-path'
import { VERTEX_SHADER, type PixelShader } from './gl-shader'
import type { Lut3d } from './lut'

/**
 * Runs a generated pixel shader (gl-shader.ts) with WebGL2 on its own OffscreenCanvas: the 2D
 * canvas's picture is uploaded as a texture, drawn through the shader, and copied back with
 * drawImage. Works in a worker. Never throws for a lost context: it reports 'lost' and leaves
 * the 2D canvas as it was, so the caller can run the CPU pass on the same pixels instead.
 */
export type GlRunOutcome = 'done' | 'lost' | 'too-large'

/** What the runner needs of a GL pass (an interface, so tests can stand in for the GPU). */
export interface GlPass {
  readonly renderer: string
  readonly lost: boolean
  run(ctx: OffscreenCanvasRenderingContext2D, shader: PixelShader): GlRunOutcome
  dispose(): void
}

export type GlCreateResult<Pass extends GlPass = GlPass> =
  { readonly pass: Pass } | { readonly refused: ColorPathReason; readonly renderer?: string }

interface Program {
  readonly program: WebGLProgram
  readonly values: WebGLUniformLocation | null
  readonly size: WebGLUniformLocation | null
}

/** Few op-list shapes occur in a session; the cap only bounds a pathological one. */
const MAX_PROGRAMS = 32
const MAX_LUT_TEXTURES = 8

export class GlPixelPass implements GlPass {
  private readonly programs = new Map<string, Program>()
  private readonly lutTextures = new Map<Lut3d, WebGLTexture>()
  private readonly source: WebGLTexture
  private readonly vertexShader: WebGLShader
  private readonly maxTextureSize: number
  /** Float LUTs filter linearly only with this; half floats (RGB16F) always do. */
  private readonly floatLinear: boolean
  private disposed = false

  private constructor(
    readonly gl: WebGL2RenderingContext,
    readonly renderer: string,
  ) {
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false)
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false)
    gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE)
    this.floatLinear = gl.getExtension('OES_texture_float_linear') !== null
    this.maxTextureSize = Number(gl.getParameter(gl.MAX_TEXTURE_SIZE))
    this.source = texture(gl, gl.TEXTURE_2D, gl.NEAREST)
    this.vertexShader = compile(gl, gl.VERTEX_SHADER, VERTEX_SHADER)
    // Attribute-less drawing still wants a vertex array bound.
    gl.bindVertexArray(gl.createVertexArray())
    gl.disable(gl.BLEND)
    gl.disable(gl.DITHER)
  }

  /**
   * A pass on a new context. `requireGpu` (the automatic choice) asks for
   * failIfMajorPerformanceCaveat and also refuses known software rasterizers, which that flag
   * does not always keep out (see color-path.ts).
   */
  static create(options: { readonly requireGpu: boolean }): GlCreateResult<GlPixelPass> {
    const canvas = new OffscreenCanvas(1, 1)
    const gl = canvas.getContext('webgl2', {
      failIfMajorPerformanceCaveat: options.requireGpu,
      alpha: true,
      // The picture's alpha goes through untouched, as putImageData would store it.
      premultipliedAlpha: false,
      antialias: false,
      depth: false,
      stencil: false,
      preserveDrawingBuffer: false,
      powerPreference: 'high-performance',
    })
    if (!gl) return { refused: options.requireGpu ? 'performance-caveat' : 'no-webgl2' }
    const renderer = rendererName(gl)
    if (options.requireGpu && isSoftwareRenderer(renderer)) {
      release(gl)
      return { refused: 'software-renderer', renderer }
    }
    try {
      return { pass: new GlPixelPass(gl, renderer) }
    } catch {
      release(gl)
      return { refused: 'gl-failed', renderer }
    }
  }

  get lost(): boolean {
    return this.disposed || this.gl.isContextLost()
  }

  /**
   * Draws `shader` over the whole of `ctx`'s canvas and writes the result back into it. Throws
   * only if a shader fails to build (or a GL call throws) on a live context.
   */
  run(ctx: OffscreenCanvasRenderingContext2D, shader: PixelShader): GlRunOutcome {
    const { gl } = this
    if (this.lost) return 'lost'
    const { width, height } = ctx.canvas
    if (width > this.maxTextureSize || height > this.maxTextureSize) return 'too-large'
    const target = this.sizedFor(width, height)
    if (!target) return 'too-large'

    const program = this.program(shader.fragment, shader.luts.length)
    if (!program) return 'lost'
    gl.useProgram(program.program)
    gl.activeTexture(gl.TEXTURE0)
    gl.bindTexture(gl.TEXTURE_2D, this.source)
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, gl.RGBA, gl.UNSIGNED_BYTE, ctx.canvas)
    for (const [i, lut] of shader.luts.entries()) {
      gl.activeTexture(gl.TEXTURE1 + i)
      gl.bindTexture(gl.TEXTURE_3D, this.lutTexture(lut))
    }
    gl.uniform4fv(program.values, shader.values)
    gl.uniform2f(program.size, width, height)
    gl.viewport(0, 0, width, height)
    gl.drawArrays(gl.TRIANGLES, 0, 3)
    if (gl.isContextLost()) return 'lost'

    // The viewport is the drawing buffer's bottom-left corner: its top row is canvas row
    // (buffer height − height). 'copy' replaces the pixels, alpha included, like putImageData.
    ctx.save()
    ctx.globalCompositeOperation = 'copy'
    ctx.drawImage(target, 0, target.height - height, width, height, 0, 0, width, height)
    ctx.restore()
    return 'done'
  }

  /** Frees the context now rather than when it is collected (browsers cap live contexts). */
  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.programs.clear()
    this.lutTextures.clear()
    release(this.gl)
  }

  /** The drawing buffer, grown (never shrunk) to hold width × height; null if it cannot. */
  private sizedFor(width: number, height: number): OffscreenCanvas | null {
    const { gl } = this
    const canvas = gl.canvas
    if (!(canvas instanceof OffscreenCanvas)) return null
    if (canvas.width < width || canvas.height < height) {
      canvas.width = Math.max(canvas.width, width)
      canvas.height = Math.max(canvas.height, height)
    }
    // Browsers may give a smaller buffer than asked for when memory is short.
    if (gl.drawingBufferWidth < width || gl.drawingBufferHeight < height) return null
    return canvas
  }

  private program(fragment: string, lutCount: number): Program | null {
    const cached = this.programs.get(fragment)
    if (cached) {
      // Most recently used last, so the oldest is evicted first.
      this.programs.delete(fragment)
      this.programs.set(fragment, cached)
      return cached
    }
    const { gl } = this
    const shader = compile(gl, gl.FRAGMENT_SHADER, fragment)
    const program = gl.createProgram()
    gl.attachShader(program, this.vertexShader)
    gl.attachShader(program, shader)
    gl.linkProgram(program)
    gl.deleteShader(shader)
    if (gl.isContextLost()) return null
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
      const log = gl.getProgramInfoLog(program) ?? ''
      gl.deleteProgram(program)
      throw new Error(`pixel shader does not link: ${log}`)
    }
    gl.useProgram(program)
    gl.uniform1i(gl.getUniformLocation(program, 'u_source'), 0)
    for (let i = 0; i < lutCount; i++) {
      gl.uniform1i(gl.getUniformLocation(program, `u_lut${i}`), 1 + i)
    }
    const made: Program = {
      program,
      values: gl.getUniformLocation(program, 'u_op'),
      size: gl.getUniformLocation(program, 'u_size'),
    }
    this.programs.set(fragment, made)
    if (this.programs.size > MAX_PROGRAMS) {
      const [oldest] = this.programs
      if (oldest) {
        this.programs.delete(oldest[0])
        gl.deleteProgram(oldest[1].program)
      }
    }
    return made
  }

  /**
   * The LUT as a 3D texture. The .cube table (red fastest, then green, then blue) is already
   * GL's texel order for x = red, y = green, z = blue, so it uploads as it is.
   */
  private lutTexture(lut: Lut3d): WebGLTexture {
    const cached = this.lutTextures.get(lut)
    if (cached) return cached
    const { gl } = this
    const made = texture(gl, gl.TEXTURE_3D, gl.LINEAR)
    const format = this.floatLinear ? gl.RGB32F : gl.RGB16F
    const { size } = lut
    gl.texImage3D(gl.TEXTURE_3D, 0, format, size, size, size, 0, gl.RGB, gl.FLOAT, lut.table)
    this.lutTextures.set(lut, made)
    if (this.lutTextures.size > MAX_LUT_TEXTURES) {
      const [oldest] = this.lutTextures
      if (oldest) {
        this.lutTextures.delete(oldest[0])
        gl.deleteTexture(oldest[1])
      }
    }
    return made
  }
}

function texture(gl: WebGL2RenderingContext, target: GLenum, filter: GLenum): WebGLTexture {
  const made = gl.createTexture()
  gl.bindTexture(target, made)
  gl.texParameteri(target, gl.TEXTURE_MIN_FILTER, filter)
  gl.texParameteri(target, gl.TEXTURE_MAG_FILTER, filter)
  gl.texParameteri(target, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE)
  gl.texParameteri(target, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE)
  if (target === gl.TEXTURE_3D) gl.texParameteri(target, gl.TEXTURE_WRAP_R, gl.CLAMP_TO_EDGE)
  return made
}

function compile(gl: WebGL2RenderingContext, type: GLenum, source: string): WebGLShader {
  const shader = gl.createShader(type)
  if (!shader) throw new Error('cannot create a shader (context lost?)')
  gl.shaderSource(shader, source)
  gl.compileShader(shader)
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS) && !gl.isContextLost()) {
    const log = gl.getShaderInfoLog(shader) ?? ''
    gl.deleteShader(shader)
    throw new Error(`pixel shader does not compile: ${log}`)
  }
  return shader
}

/** The unmasked renderer where the browser exposes it ("WebKit WebGL" says nothing). */
function rendererName(gl: WebGL2RenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info')
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER))
}

function release(gl: WebGL2RenderingContext): void {
  gl.getExtension('WEBGL_lose_context')?.loseContext()
}
