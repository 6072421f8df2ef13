import { describe, expect, it } from 'vitest'
import { fontFamily, overlayVisible, textLayout } from './text-layout'

const canvas = { width: 1080, height: 1920 }

describe('textLayout (drawtext semantics)', () => {
  it('centres the advance width and the glyph box on (x, y)', () => {
    const layout = textLayout(
      { x: 0.5, y: 0.2, size: 80, outlineWidth: 4, font: 'Inter-Bold.otf' },
      { width: 301, actualBoundingBoxAscent: 58, actualBoundingBoxDescent: 15 },
      canvas,
    )
    // x = 540 − 150.5 → 389 (truncated); top = 384 − 36.5 → 347; baseline = top + ascent.
    expect(layout).toEqual({
      x: 389,
      baseline: 347 + 58,
      strokeWidth: 8,
      font: '80px "reeldesk-Inter-Bold", "reeldesk-emoji"',
    })
  })

  it('falls back to the shipped colour emoji font after the text’s own', () => {
    const layout = textLayout(
      { x: 0.5, y: 0.5, size: 40, outlineWidth: 0, font: 'Inter-Bold.otf' },
      { width: 10, actualBoundingBoxAscent: 5, actualBoundingBoxDescent: 5 },
      canvas,
    )
    expect(layout.font.split(', ').at(-1)).toBe('"reeldesk-emoji"')
  })

  it('names fonts safely', () => {
    expect(fontFamily('My Font.v2.ttf')).toBe('reeldesk-My_Font_v2')
  })

  it('shows overlays on [start, end] inclusive, clipped to the video', () => {
    const item = { startMs: 500, endMs: 1000 }
    expect(overlayVisible(item, 499, 3000)).toBe(false)
    expect(overlayVisible(item, 500, 3000)).toBe(true)
    expect(overlayVisible(item, 1000, 3000)).toBe(true)
    expect(overlayVisible(item, 1001, 3000)).toBe(false)
    expect(overlayVisible({ startMs: 3000, endMs: 4000 }, 3000, 3000)).toBe(false)
  })
})

describe('overlayVisible at ffmpeg precision', () => {
  it('shows an overlay whose start is a hair past a frame time, as ffmpeg does', () => {
    // 30 frame steps of 1000/30 ms add up to 1000.0000000000005 ms.
    let playhead = 0
    for (let i = 0; i < 30; i++) playhead += 1000 / 30
    expect(playhead).not.toBe(1000)
    expect(overlayVisible({ startMs: playhead, endMs: playhead + 2000 }, 1000, 5000)).toBe(true)
  })
})
