import { describe, expect, it } from 'vitest'
import { checkDimensions, checkDuration, checkSize } from './checks'
import { MediaImportError } from './import-error'
import { MAX_DURATION_MS, MAX_FILE_BYTES } from './limits'

function codeOf(run: () => void): string | null {
  try {
    run()
    return null
  } catch (error) {
    return error instanceof MediaImportError ? error.code : 'other'
  }
}

describe('import checks', () => {
  it('refuses empty and oversized files, accepts the limit itself', () => {
    expect(codeOf(() => checkSize('a', 0))).toBe('empty')
    expect(codeOf(() => checkSize('a', MAX_FILE_BYTES))).toBeNull()
    expect(codeOf(() => checkSize('a', MAX_FILE_BYTES + 1))).toBe('too-large')
  })

  it('refuses over-long media', () => {
    expect(codeOf(() => checkDuration('a', MAX_DURATION_MS))).toBeNull()
    expect(codeOf(() => checkDuration('a', MAX_DURATION_MS + 1))).toBe('too-long')
  })

  it('refuses oversized pictures with their size in the message', () => {
    expect(codeOf(() => checkDimensions('a', 7680, 4320))).toBeNull()
    expect(() => checkDimensions('a.png', 10000, 200)).toThrow(/10000×200 pixels/)
  })
})
