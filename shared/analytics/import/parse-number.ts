/**
 * Numbers as analytics downloads write them: "1,234", "1.234" (German), "1 234", "1.2K", "3M",
 * "12,3 %", "—". Returns null for an empty cell and NaN for text that is not a number, so the
 * importer can tell "no value" from "bad value".
 */
const SUFFIX: Record<string, number> = {
  k: 1e3,
  m: 1e6,
  b: 1e9,
  mil: 1e3,
  mio: 1e6,
  万: 1e4,
  亿: 1e8,
}

export function parseLooseNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : Number.NaN
  if (raw === null || raw === undefined) return null
  let text = String(raw)
    .trim()
    .replace(/[\u00a0\u202f\s']/g, '')
  if (text === '' || text === '-' || text === '—' || text === '–' || text === '--') return null
  let scale = 1
  if (text.endsWith('%')) {
    text = text.slice(0, -1)
    scale = 0.01
  }
  const suffix = /(mil|mio|[kmb万亿])$/i.exec(text)
  if (suffix) {
    scale *= SUFFIX[suffix[1]!.toLowerCase()] ?? 1
    text = text.slice(0, -suffix[1]!.length)
  }
  const negative = text.startsWith('-')
  if (negative) text = text.slice(1)
  if (!/^[\d.,]+$/.test(text)) return Number.NaN
  const lastDot = text.lastIndexOf('.')
  const lastComma = text.lastIndexOf(',')
  let normal: string
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the later one is the decimal separator.
    normal =
      lastDot > lastComma ? text.replace(/,/g, '') : text.replace(/\./g, '').replace(',', '.')
  } else if (lastComma >= 0) {
    // "1,234" / "1,234,567" are thousands; "12,3" / "1,25" are decimals.
    normal =
      /^\d{1,3}(,\d{3})+$/.test(text) && scale === 1
        ? text.replace(/,/g, '')
        : text.replace(',', '.')
  } else if (lastDot >= 0) {
    normal =
      /^\d{1,3}(\.\d{3}){2,}$/.test(text) ||
      (/^\d{1,3}\.\d{3}$/.test(text) && scale === 1 && !suffix)
        ? text.replace(/\./g, '')
        : text
  } else normal = text
  if ((normal.match(/\./g) ?? []).length > 1) return Number.NaN
  const n = Number(normal) * scale
  return negative ? -n : n
}

/** Dates as downloads write them: 2024-03-07, 07/03/2024 (day first), 03/07/2024 when `monthFirst`, "7. März"-free ISO-like only. */
export function parseLooseDate(raw: unknown, monthFirst = false): string | null {
  if (raw instanceof Date)
    return Number.isNaN(raw.getTime()) ? null : raw.toISOString().slice(0, 10)
  const text = String(raw ?? '').trim()
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text)
  let y: number, mo: number, d: number
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  else {
    m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text)
    if (!m) {
      // "March 7" style headers in TikTok's downloads carry no year: not accepted.
      return null
    }
    const a = Number(m[1])
    const b = Number(m[2])
    ;[d, mo] = monthFirst ? [b, a] : [a, b]
    y = Number(m[3])
  }
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return null
  return date.toISOString().slice(0, 10)
}
