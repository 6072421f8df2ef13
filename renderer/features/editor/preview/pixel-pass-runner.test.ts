import { describe, expect, it, vi } from 'vitest'
import type { GlCreateResult, GlPass, GlRunOutcome } from './gl-pixel-pass'
import type { PerPixelEffectPass } from './pixel-passes'
import { PixelPassRunner } from './pixel-pass-runner'

/** A 2D context stand-in: the CPU path's read and write of one grey pixel. */
function fakeContext() {
  const data = new Uint8ClampedArray([100, 100, 100, 255])
  const ctx = {
    canvas: { width: 1, height: 1 },
    getImageData: vi.fn(() => ({ data })),
    putImageData: vi.fn(),
  }
  return { ctx, data, as2d: ctx as unknown as OffscreenCanvasRenderingContext2D }
}

/** A GL pass stand-in whose run() answers from a script. */
function fakeGl(outcomes: (GlRunOutcome | Error)[]) {
  const pass = {
    renderer: 'Test GPU',
    lost: false,
    run: vi.fn((): GlRunOutcome => {
      const next = outcomes.shift() ?? 'done'
      if (next instanceof Error) throw next
      return next
    }),
    dispose: vi.fn(),
  } satisfies GlPass
  return pass
}

const darker: PerPixelEffectPass[] = [
  { kind: 'color', effects: [{ type: 'temperature', kelvin: 3000 }] },
]
const none = new Map()

describe('PixelPassRunner', () => {
  it('uses the CPU when told to, without creating a context', () => {
    const create = vi.fn((): GlCreateResult => ({ refused: 'no-webgl2' }))
    const runner = new PixelPassRunner('cpu', create)
    expect(create).not.toHaveBeenCalled()
    expect(runner.report).toEqual({ path: 'cpu', reason: 'forced' })
    const { ctx, data, as2d } = fakeContext()
    runner.apply(as2d, darker, none)
    expect(ctx.putImageData).toHaveBeenCalledOnce()
    expect(data[2]).toBeLessThan(100)
  })

  it('asks for a GPU on auto and reports why it took the CPU instead', () => {
    const create = vi.fn((): GlCreateResult => ({
      refused: 'software-renderer',
      renderer: 'SwiftShader',
    }))
    const runner = new PixelPassRunner('auto', create)
    expect(create).toHaveBeenCalledWith({ requireGpu: true })
    expect(runner.report).toEqual({
      path: 'cpu',
      reason: 'software-renderer',
      renderer: 'SwiftShader',
    })
  })

  it('draws with GL when it has a pass, leaving the CPU path out', () => {
    const gl = fakeGl(['done'])
    const create = vi.fn((): GlCreateResult => ({ pass: gl }))
    const auto = new PixelPassRunner('auto', create)
    expect(auto.report).toEqual({ path: 'gl', reason: 'gpu', renderer: 'Test GPU' })
    const forced = new PixelPassRunner('gl', create)
    expect(create).toHaveBeenLastCalledWith({ requireGpu: false })
    expect(forced.report).toMatchObject({ path: 'gl', reason: 'forced' })
    const { ctx, as2d } = fakeContext()
    auto.apply(as2d, darker, none)
    expect(gl.run).toHaveBeenCalledOnce()
    expect(ctx.getImageData).not.toHaveBeenCalled()
  })

  it('skips passes that change nothing on either path', () => {
    const gl = fakeGl([])
    const runner = new PixelPassRunner('gl', () => ({ pass: gl }))
    const { ctx, as2d } = fakeContext()
    runner.apply(as2d, [{ kind: 'color', effects: [{ type: 'brightness', value: 0 }] }], none)
    expect(gl.run).not.toHaveBeenCalled()
    expect(ctx.getImageData).not.toHaveBeenCalled()
  })

  it('finishes the frame on the CPU and stays there when the context is lost', () => {
    const gl = fakeGl(['lost'])
    const runner = new PixelPassRunner('gl', () => ({ pass: gl }))
    const { ctx, data, as2d } = fakeContext()
    expect(() => runner.apply(as2d, darker, none)).not.toThrow()
    expect(ctx.putImageData).toHaveBeenCalledOnce()
    expect(data[2]).toBeLessThan(100)
    expect(runner.report).toEqual({ path: 'cpu', reason: 'context-lost', renderer: 'Test GPU' })
    expect(gl.dispose).toHaveBeenCalledOnce()
    runner.apply(as2d, darker, none)
    expect(gl.run).toHaveBeenCalledOnce()
    expect(ctx.putImageData).toHaveBeenCalledTimes(2)
  })

  it('falls back with the reason when a shader fails', () => {
    const gl = fakeGl([new Error('pixel shader does not compile: ERROR 0:1')])
    const runner = new PixelPassRunner('gl', () => ({ pass: gl }))
    const { ctx, as2d } = fakeContext()
    runner.apply(as2d, darker, none)
    expect(ctx.putImageData).toHaveBeenCalledOnce()
    expect(runner.report).toMatchObject({
      path: 'cpu',
      reason: 'gl-failed',
      detail: 'pixel shader does not compile: ERROR 0:1',
    })
  })

  it('draws one too-large picture on the CPU and keeps GL for the next', () => {
    const gl = fakeGl(['too-large', 'done'])
    const runner = new PixelPassRunner('gl', () => ({ pass: gl }))
    const { ctx, as2d } = fakeContext()
    runner.apply(as2d, darker, none)
    expect(ctx.putImageData).toHaveBeenCalledOnce()
    expect(runner.report.path).toBe('gl')
    runner.apply(as2d, darker, none)
    expect(gl.run).toHaveBeenCalledTimes(2)
    expect(ctx.putImageData).toHaveBeenCalledOnce()
  })
})
