/**
 * Whether `value`, written as JSON, would take at most `maxChars` characters — without writing
 * it. JSON.stringify recurses, so a deeply nested value overflows the stack and throws out of a
 * zod refine (escaping safeParse); this walks with an explicit stack and stops as soon as the
 * budget is spent, so it never throws and costs at most `maxChars` steps. The count is exact for
 * JSON values (strings are counted as JSON.stringify escapes them).
 */
export function jsonLengthWithin(value: unknown, maxChars: number): boolean {
  let used = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v === 'string') used += quotedLength(v)
    else if (typeof v === 'number') used += Number.isFinite(v) ? String(v).length : 4
    else if (typeof v === 'boolean') used += v ? 4 : 5
    else if (v === null || v === undefined) used += 4
    else if (Array.isArray(v)) {
      // Brackets plus commas.
      used += 2 + Math.max(0, v.length - 1)
      for (let i = v.length - 1; i >= 0 && used <= maxChars; i -= 1) stack.push(v[i])
    } else if (typeof v === 'object') {
      const keys = Object.keys(v)
      used += 2 + Math.max(0, keys.length - 1)
      for (const key of keys) {
        if (used > maxChars) break
        used += quotedLength(key) + 1
        stack.push((v as Record<string, unknown>)[key])
      }
    } else {
      // Functions, symbols, bigints cannot be JSON: count them as too large rather than guess.
      return false
    }
    if (used > maxChars) return false
  }
  return true
}

function quotedLength(s: string): number {
  let n = 2 + s.length
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i)
    if (c === 0x22 || c === 0x5c) n += 1
    else if (c < 0x20)
      n += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 1 : 5
    else if (c >= 0xd800 && c <= 0xdfff) {
      const pair =
        c <= 0xdbff ? s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff : false
      if (pair) i += 1
      else n += 5
    }
  }
  return n
}
