/** PostgreSQL returns `bigint` as a string to keep precision; our values stay below 2^53. */
export function toNumber(value: number | string | bigint): number {
  const n = typeof value === 'number' ? value : Number(value)
  if (!Number.isSafeInteger(n)) throw new Error(`integer out of range: ${String(value)}`)
  return n
}

/** `jsonb` arrives parsed from pg; SQLite text needs parsing. Either way callers get values. */
export function fromJsonColumn(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value
}

export function parseStringArray(text: string): string[] {
  const value: unknown = JSON.parse(text)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
