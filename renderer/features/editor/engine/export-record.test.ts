import { describe, expect, it } from 'vitest'
import { describeEngine, exportRecordSchema } from './export-record'

describe('export records', () => {
  it('say which engine made the render, and why the fallback ran', () => {
    expect(describeEngine({ engine: 'webcodecs', fallbackReason: null })).toBe(
      'with the WebCodecs engine (this browser’s encoder)',
    )
    expect(
      describeEngine({ engine: 'ffmpeg', fallbackReason: 'you chose the x264 preset “slow”' }),
    ).toBe('with ffmpeg.wasm, because you chose the x264 preset “slow”')
  })

  it('refuse a stored record with fields it does not know or values out of range', () => {
    const record = {
      engine: 'webcodecs',
      fallbackReason: null,
      quality: 'balanced',
      preset: null,
      elapsedMs: 1200,
      bytes: 100,
      at: 1,
    }
    expect(exportRecordSchema.safeParse(record).success).toBe(true)
    expect(exportRecordSchema.safeParse({ ...record, extra: 1 }).success).toBe(false)
    expect(exportRecordSchema.safeParse({ ...record, engine: 'gpu' }).success).toBe(false)
  })
})
