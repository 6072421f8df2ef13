import { describe, expect, it } from 'vitest'
import { printableText } from './printable-text'

/** A font with glyphs for Latin-1 and Cyrillic only, as a stand-in for the embedded one. */
const latinAndCyrillic = (code: number) =>
  (code >= 0x20 && code <= 0xff) || (code >= 0x400 && code <= 0x4ff)

describe('printableText', () => {
  it.each([
    ['plain Latin stays as it is', '@maya.creates', '@maya.creates'],
    ['Cyrillic the font covers stays', '@мария_влог', '@мария_влог'],
    ['emoji are left out (outside the BMP)', 'Launch day 🚀🎉 recap', 'Launch day recap'],
    ['characters without a glyph are left out', 'Tokyo 東京 trip', 'Tokyo trip'],
    ['control characters are left out', 'a\u0000b\u0085c', 'abc'],
    ['new lines and tabs become one space', 'line one\n\tline two', 'line one line two'],
    ['decomposed accents are composed first', 'Zoe\u0308', 'Zoë'],
    ['nothing printable gives an empty string', '🔥🔥', ''],
  ])('%s', (_name, input, expected) => {
    expect(printableText(input, latinAndCyrillic)).toBe(expected)
  })
})
