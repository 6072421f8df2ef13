import type { ColorOp } from './color-ops'
import { KB, KR } from './color-space'
import type { Lut3d } from './lut'
import type { PixelPass } from './pixel-passes'
import { BLACK_OFFSET } from './vignette'

/**
 * The WebGL2 fragment shader for a run of per-pixel passes, generated from the op list: one
 * straight line of GLSL per op, in the user's order. Generated rather than one uber-shader
 * looping over uniforms because (a) the CPU path's structure — where it enters and leaves YUV,
 * which eq planes it touches, where it clips and rounds — is fixed by the op list, so it becomes
 * plain code with no per-pixel branching; (b) GLSL ES 3.00 can only index sampler arrays with
 * constants, so a looped shader could not pick "the LUT of op i". The op *values* are uniforms,
 * so the source text depends only on the list's shape: dragging a slider reuses the compiled
 * program, and the source text is the program cache's key.
 *
 * Arithmetic mirrors color-ops.ts, color-space.ts, lut.ts and vignette.ts on 0..255 values in
 * highp floats: eq's curve on YUV code values (256·v, clipped), BT.709 limited-range
 * conversions, clip8 where the CPU clips, round-half-to-even (Uint8ClampedArray's rounding)
 * where the CPU stores 8-bit pixels — between passes and at the end, nowhere else.
 */

/** WebGL2 guarantees 16 fragment texture units; unit 0 is the picture. */
export const MAX_LUTS = 15
/** WebGL2 guarantees 224 fragment uniform vectors; a few are the shader's own. */
export const MAX_SLOTS = 200

export interface PixelShader {
  /** GLSL ES 3.00 source; a function of the passes' shape only (the program cache's key). */
  readonly fragment: string
  /** `u_op[]`, four floats per slot. */
  readonly values: Float32Array
  /** Bound to `u_lut0`, `u_lut1`, … in this order. */
  readonly luts: readonly Lut3d[]
}

/** A full-viewport triangle from gl_VertexID: no vertex buffers. */
export const VERTEX_SHADER = `#version 300 es
void main() {
  vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
`

/** A JS number as a GLSL float literal (GLSL needs the point or exponent). */
export function glslFloat(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`)
  const text = String(value)
  return /[.e]/.test(text) ? text : `${text}.0`
}

/**
 * Where a LUT's grid lands in texture coordinates. lut.ts samples grid position
 * p = clamp((v − lo)/span, 0, 1)·(size − 1); a TEXTURE_3D with LINEAR filtering and
 * CLAMP_TO_EDGE interpolates between texel centres, grid node i sitting at (i + ½)/size. So
 * t = clamp(…)·scale + offset with scale = (size − 1)/size and offset = ½/size: the first and
 * last nodes are the edge texels' centres, and nothing past them is ever blended in.
 */
export function lutCoordinates(lut: Lut3d): { readonly scale: number; readonly offset: number } {
  return { scale: (lut.size - 1) / lut.size, offset: 0.5 / lut.size }
}

const PRELUDE = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
precision highp sampler3D;

uniform sampler2D u_source;
/** The picture's width and height in pixels. */
uniform vec2 u_size;
out vec4 fragColor;

const float KR = ${glslFloat(KR)};
const float KB = ${glslFloat(KB)};
const float KG = 1.0 - KR - KB;
const float Y_SCALE = 219.0 / 255.0;
const float C_SCALE = 224.0 / 255.0;
const float BLACK_OFFSET = ${glslFloat(BLACK_OFFSET)};

vec3 clip8(vec3 v) { return clamp(v, 0.0, 255.0); }

// What a Uint8ClampedArray stores: clamped, rounded half to even.
vec3 store8(vec3 v) { return clamp(roundEven(v), 0.0, 255.0); }

vec3 rgbToYuv(vec3 c) {
  float luma = KR * c.r + KG * c.g + KB * c.b;
  return vec3(
    16.0 + Y_SCALE * luma,
    128.0 + (C_SCALE * (c.b - luma)) / (2.0 * (1.0 - KB)),
    128.0 + (C_SCALE * (c.r - luma)) / (2.0 * (1.0 - KR)));
}

vec3 yuvToRgb(vec3 yuv) {
  float luma = (yuv.x - 16.0) / Y_SCALE;
  float pb = (yuv.y - 128.0) / C_SCALE;
  float pr = (yuv.z - 128.0) / C_SCALE;
  float r = luma + 2.0 * (1.0 - KR) * pr;
  float b = luma + 2.0 * (1.0 - KB) * pb;
  return vec3(r, (luma - KR * r - KB * b) / KG, b);
}

// vf_eq's curve: 256·v stored, clipped to 0..255 (v just under 1 gives just under 256).
float eqCurve(float x, float contrast, float brightness) {
  float v = contrast * (x / 255.0 - 0.5) + 0.5 + brightness;
  if (v <= 0.0) return 0.0;
  return v >= 1.0 ? 255.0 : 256.0 * v;
}

// lo.xyz = domain min, lo.w = scale; span.xyz = domain span, span.w = offset (lutCoordinates).
vec3 lutCoord(vec3 c, vec4 lo, vec4 span) {
  return clamp((c / 255.0 - lo.xyz) / span.xyz, 0.0, 1.0) * lo.w + span.w;
}

// cos on 0..π/2 (angle ≤ π/2, dnorm ≤ 1) by its Taylor series to x¹⁴ (error < 1e-10): GLSL's
// cos() has no precision guarantee, and SwiftShader's is a fast approximation.
float cosine(float x) {
  float x2 = x * x;
  return 1.0 + x2 * (-1.0 / 2.0 + x2 * (1.0 / 24.0 + x2 * (-1.0 / 720.0 + x2 * (1.0 / 40320.0
    + x2 * (-1.0 / 3628800.0 + x2 * (1.0 / 479001600.0 + x2 * (-1.0 / 87178291200.0)))))));
}

// vf_vignette (forward, aspect 1): offsets truncated to whole pixels, cos⁴ falloff.
vec3 vignette(vec3 c, vec2 at, float angle) {
  vec2 d = trunc(at - u_size * 0.5);
  float dnorm = length(d) / length(u_size * 0.5);
  float f = 0.0;
  if (dnorm <= 1.0) {
    float k = cosine(angle * dnorm);
    f = k * k * (k * k);
  }
  return c * f - (1.0 - f) * BLACK_OFFSET;
}
`

class ShaderBuilder {
  readonly body: string[] = []
  readonly values: number[] = []
  readonly luts: Lut3d[] = []

  /** Appends one vec4 of uniform values; returns its GLSL name. */
  slot(x: number, y = 0, z = 0, w = 0): string {
    const index = this.values.length / 4
    this.values.push(x, y, z, w)
    return `u_op[${index}]`
  }

  line(code: string): void {
    this.body.push(`  ${code}`)
  }

  colorPass(ops: readonly ColorOp[]): void {
    // As applyColorOps: stay in YUV across consecutive eq/grey ops; leave it (clipped) for RGB ops.
    let yuv = false
    for (const op of ops) {
      if (op.kind === 'eq' || op.kind === 'grey') {
        if (!yuv) this.line('px = rgbToYuv(px);')
        yuv = true
        this.line('px = clip8(px);')
        if (op.kind === 'grey') {
          this.line('px.yz = vec2(128.0);')
          continue
        }
        const lumaTerm = op.brightness !== 0 || op.contrast !== 1
        const chromaTerm = op.saturation !== 1
        if (!lumaTerm && !chromaTerm) continue
        const eq = this.slot(op.brightness, op.contrast, op.saturation)
        if (lumaTerm) this.line(`px.x = eqCurve(px.x, ${eq}.y, ${eq}.x);`)
        if (chromaTerm) {
          this.line(`px.yz = vec2(eqCurve(px.y, ${eq}.z, 0.0), eqCurve(px.z, ${eq}.z, 0.0));`)
        }
        continue
      }
      if (yuv) this.line('px = clip8(yuvToRgb(px));')
      yuv = false
      if (op.kind === 'gain') {
        this.line(`px *= ${this.slot(op.r, op.g, op.b)}.rgb;`)
        continue
      }
      const { scale, offset } = lutCoordinates(op.lut)
      const [r0, g0, b0] = op.lut.domainMin
      const [r1, g1, b1] = op.lut.domainMax
      const lo = this.slot(r0, g0, b0, scale)
      const span = this.slot(r1 - r0, g1 - g0, b1 - b0, offset)
      const sampler = `u_lut${this.luts.length}`
      this.luts.push(op.lut)
      this.line(`px = texture(${sampler}, lutCoord(px, ${lo}, ${span})).rgb * 255.0;`)
    }
    if (yuv) this.line('px = yuvToRgb(px);')
  }
}

/** The shader for `passes`; null when they need more LUTs or uniforms than WebGL2 promises. */
export function pixelShader(passes: readonly PixelPass[]): PixelShader | null {
  const b = new ShaderBuilder()
  for (const [i, pass] of passes.entries()) {
    if (i > 0) b.line('px = store8(px); // the CPU path stores each pass as 8-bit RGBA')
    if (pass.kind === 'vignette') {
      b.line(`px = vignette(px, vec2(at), ${b.slot(pass.angle)}.x);`)
    } else {
      b.colorPass(pass.ops)
    }
  }
  const slots = b.values.length / 4
  if (b.luts.length > MAX_LUTS || slots > MAX_SLOTS) return null
  const declarations = [
    `uniform vec4 u_op[${Math.max(1, slots)}];`,
    ...b.luts.map((_, i) => `uniform sampler3D u_lut${i};`),
  ]
  const fragment = [
    PRELUDE,
    ...declarations,
    '',
    'void main() {',
    // GL rows count from the bottom, the canvas's (and the uploaded texture's) from the top.
    '  ivec2 at = ivec2(int(gl_FragCoord.x), int(u_size.y) - 1 - int(gl_FragCoord.y));',
    '  vec4 texel = texelFetch(u_source, at, 0);',
    '  vec3 px = roundEven(texel.rgb * 255.0);',
    ...b.body,
    '  fragColor = vec4(store8(px) / 255.0, texel.a);',
    '}',
    '',
  ].join('\n')
  const values = new Float32Array(Math.max(1, slots) * 4)
  values.set(b.values)
  return { fragment, values, luts: b.luts }
}
