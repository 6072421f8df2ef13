/**
 * Escaping for values inside an ffmpeg -filter_complex string. A value is unescaped twice:
 * first by the filtergraph parser (special: \ ' [ ] , ;), then by the filter's option parser
 * (special: \ ' :). So: quote for the option level (inside '…' everything is literal except the
 * closing quote, written '\''), then backslash-escape the result for the graph level.
 * drawtext text additionally needs expansion=none, or it would treat % and \ itself.
 */
export function escapeFilterValue(value: string): string {
  const optionLevel = `'${value.replaceAll("'", `'\\''`)}'`
  return optionLevel.replace(/[\\'[\],;]/g, '\\$&')
}

/**
 * Quotes an ffmpeg expression containing commas, e.g. enable='between(t,1,2)': the graph parser
 * drops the quotes, and the option parser then sees no ':' so the commas are safe. Only for
 * expressions we build ourselves.
 */
export function quoteExpression(expression: string): string {
  if (/['\\:]/.test(expression)) throw new Error(`expression cannot be quoted: ${expression}`)
  return `'${expression}'`
}

/** A number as ffmpeg reads it: plain decimal, no exponent, at most 6 decimals. */
export function num(value: number): string {
  // toFixed switches to exponent notation from 1e21; no time or size here comes near 1e15.
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) {
    throw new Error(`not a finite number in range: ${value}`)
  }
  const fixed = value.toFixed(6).replace(/\.?0+$/, '')
  return fixed === '-0' ? '0' : fixed
}

/** Milliseconds as ffmpeg seconds. */
export function sec(ms: number): string {
  return num(ms / 1000)
}
