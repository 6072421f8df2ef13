import { describe, expect, it } from 'vitest'
import { MediaImportError, refusalMessage, type MediaImportErrorCode } from './import-error'
import { formatBytes, formatDuration } from './limits'

const CODES: MediaImportErrorCode[] = [
  'empty',
  'too-large',
  'too-long',
  'too-many-pixels',
  'not-media',
  'corrupt',
  'unsupported-codec',
  'storage-full',
  'storage-failed',
]

describe('refusal messages', () => {
  it.each(CODES)('%s names the file', (code) => {
    expect(refusalMessage('clip one.mp4', code)).toContain('“clip one.mp4”')
  })

  it('states the size limit', () => {
    const message = refusalMessage('big.mov', 'too-large', { actual: formatBytes(3 * 1024 ** 3) })
    expect(message).toBe(
      '“big.mov” is 3 GiB; files up to 2 GiB can be imported. Trim or compress it first.',
    )
  })

  it('names the codec and the track', () => {
    expect(
      refusalMessage('a.mov', 'unsupported-codec', { track: 'video', codec: 'prores' }),
    ).toContain('video codec “prores”')
    expect(refusalMessage('a.mov', 'unsupported-codec', { track: 'video' })).toContain(
      'video codec that is not recognised',
    )
  })

  it('carries code and file on the error', () => {
    const error = new MediaImportError('empty', 'x.mp4')
    expect(error).toBeInstanceOf(Error)
    expect(error.code).toBe('empty')
    expect(error.fileName).toBe('x.mp4')
    expect(error.message).toMatch(/empty \(0 bytes\)/)
  })
})

describe('formatting', () => {
  it('formats bytes', () => {
    expect(formatBytes(0)).toBe('0 bytes')
    expect(formatBytes(1)).toBe('1 byte')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GiB')
    expect(formatBytes(15.4 * 1024 ** 2)).toBe('15 MiB')
  })

  it('formats durations', () => {
    expect(formatDuration(3000)).toBe('0:03')
    expect(formatDuration(245_000)).toBe('4:05')
    expect(formatDuration(3_723_000)).toBe('1:02:03')
    expect(formatDuration(-5)).toBe('0:00')
  })
})
