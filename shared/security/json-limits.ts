/**
 * Limits on JSON that arrives from outside (request bodies, the `input` and `connectionParams`
 * query fields of tRPC), checked on the text BEFORE it is parsed: JSON.parse itself copes with
 * deep nesting, but everything that walks the parsed value afterwards (schema checks, deep
 * equality, JSON.stringify, the database driver) recurses, and a few kilobytes of `[[[[…` can
 * overflow the stack there. A single linear pass, no allocation per character.
 */

/**
 * Deepest nesting of objects and arrays accepted. The deepest legitimate request is a push of a
 * project: body → rows → row → document → timeline → clips → clip → effects → effect → params,
 * about a dozen levels; 64 leaves room for the timeline model to grow.
 */
export const MAX_JSON_DEPTH = 64

/**
 * Longest JSON accepted in one query-string field. Node refuses request heads over 16 KiB (431)
 * before we see them; this says the same in our own terms and holds if that default changes.
 */
export const MAX_QUERY_JSON_CHARS = 16 * 1024

export interface JsonTextProblem {
  /** 413 for size, 400 for the rest. `message` follows the name of what was checked. */
  kind: 'too-large' | 'too-deep' | 'nul' | 'lone-surrogate'
  message: string
}

const LONE_SURROGATE: JsonTextProblem = {
  kind: 'lone-surrogate',
  message: 'contains an unpaired UTF-16 surrogate (\\ud800 to \\udfff), which is not text',
}

const HEX = /^[0-9a-fA-F]{4}$/

function escapedCodeUnit(text: string, backslash: number): number | null {
  // `\uXXXX` starting at `backslash`; null when it is another escape or malformed (JSON.parse
  // reports malformed escapes itself, with its own message).
  if (text.charCodeAt(backslash + 1) !== 0x75 /* u */) return null
  const hex = text.slice(backslash + 2, backslash + 6)
  return HEX.test(hex) ? parseInt(hex, 16) : null
}

/**
 * Checks JSON text for what our parsers and databases cannot take, without parsing it:
 * - nesting deeper than `maxDepth` (brackets counted outside strings);
 * - `\u0000` in a string: PostgreSQL can store NUL in neither `text` nor `jsonb`, so one would be
 *   accepted on SQLite and fail on PostgreSQL — refused everywhere instead;
 * - an escaped UTF-16 surrogate without its pair (`\ud800` alone): not a character, and
 *   PostgreSQL's `jsonb` refuses it.
 * Malformed JSON is left to JSON.parse, which answers it with a parse error.
 */
export function checkJsonText(
  text: string,
  limits: { maxChars: number; maxDepth?: number },
): JsonTextProblem | null {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH
  if (text.length > limits.maxChars) {
    return {
      kind: 'too-large',
      message: `is too large (at most ${limits.maxChars} characters)`,
    }
  }
  let depth = 0
  let inString = false
  // A high surrogate escape seen just before: the next character must be its escaped low half.
  let pendingHigh = false
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c /* \ */) {
        const unit = escapedCodeUnit(text, i)
        if (unit === 0) {
          return {
            kind: 'nul',
            message: 'contains a NUL character (\\u0000), which cannot be stored',
          }
        }
        const low = unit !== null && unit >= 0xdc00 && unit <= 0xdfff
        if (low !== pendingHigh) return LONE_SURROGATE
        pendingHigh = unit !== null && unit >= 0xd800 && unit <= 0xdbff
        i += unit === null ? 1 : 5
        continue
      }
      if (pendingHigh) return LONE_SURROGATE
      if (c === 0x22 /* " */) inString = false
      continue
    }
    if (c === 0x22) {
      inString = true
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth += 1
      if (depth > maxDepth) {
        return {
          kind: 'too-deep',
          message: `is nested too deeply (at most ${maxDepth} levels of objects and arrays)`,
        }
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth -= 1
    }
  }
  // A string cut off after a high surrogate escape is malformed JSON: JSON.parse reports it.
  return null
}
