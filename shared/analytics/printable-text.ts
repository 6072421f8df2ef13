/**
 * Text for a PDF drawn with one embedded font (the web report: jsPDF with DejaVu Sans, which
 * covers Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and much of Arabic, but not CJK or
 * emoji). A character the font has no glyph for would print as an empty box, and jsPDF cannot
 * encode characters outside the Basic Multilingual Plane at all, so both are left out; runs of
 * white space left behind collapse to one space.
 */
export function printableText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  let out = ''
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0
    if (/\s/u.test(char)) out += ' '
    else if (code > 0xffff || code < 0x20 || (code >= 0x7f && code < 0xa0)) continue
    else if (hasGlyph(code)) out += char
  }
  return out.replace(/ {2,}/g, ' ').trim()
}
