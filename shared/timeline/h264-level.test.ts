import { describe, expect, it } from 'vitest'
import { h264Level } from './h264-level'

describe('H.264 level', () => {
  it.each([
    [1080, 1920, 30, '4.0'],
    [1080, 1920, 60, '4.2'],
    [720, 1280, 30, '4.0'],
    [720, 1280, 60, '4.0'],
    [1080, 1080, 30, '4.0'],
    [1080, 1080, 60, '4.2'],
    [2160, 3840, 30, '5.1'],
  ])('%i×%i at %i fps needs level %s', (w, h, fps, level) => {
    expect(h264Level(w, h, fps)).toBe(level)
  })

  it('refuses sizes no level allows', () => {
    expect(() => h264Level(8192, 8192, 60)).toThrow('no H.264 level fits')
  })
})
