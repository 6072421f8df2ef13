import { describe, expect, it } from 'vitest'
import { previewScale, previewSize } from './preview-scale'

describe('previewScale', () => {
  it('draws the three canvases with a long side of 960 pixels', () => {
    expect(previewSize({ width: 1080, height: 1920 })).toEqual({ width: 540, height: 960 })
    expect(previewSize({ width: 720, height: 1280 })).toEqual({ width: 540, height: 960 })
    expect(previewSize({ width: 1080, height: 1080 })).toEqual({ width: 960, height: 960 })
  })

  it('never draws above full size', () => {
    expect(previewScale({ width: 400, height: 300 })).toBe(1)
  })
})
