/**
 * Units between the controls and the model. The model keeps positions, sizes and opacity as
 * fractions (0..1, so a timeline survives a canvas change) and times as milliseconds; people
 * type percentages and seconds.
 */

/** 0.825 → 82.5 (rounded to 0.01 % so float noise never shows in a field). */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 10_000) / 100
}

export function fromPercent(percent: number): number {
  return Math.round(percent * 100) / 10_000
}

export function toSeconds(ms: number): number {
  return ms / 1000
}

/** Whole milliseconds: 1.2345 s → 1235 ms. */
export function fromSeconds(seconds: number): number {
  return Math.round(seconds * 1000)
}

/**
 * A model refusal made readable: edit operations say "op: path: problem; path: problem", and the
 * control the problem belongs to is already in view, so the operation and paths are dropped.
 */
export function readableError(message: string): string {
  const withoutOp = message.replace(/^[a-z][A-Za-z]*: /, '')
  const issues = withoutOp
    .split('; ')
    .map((issue) => issue.replace(/^[a-zA-Z_]\w*(?:\[\d+\]|\.\w+)*: /, ''))
  const text = [...new Set(issues)].join('; ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}
