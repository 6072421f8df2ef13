/**
 * Delay before retry `attempt` (1 = the first retry): exponential from `baseMs`, capped at
 * `maxMs`, with up to ±20 % jitter so jobs that failed together (a platform outage) do not all
 * come back in the same second. `random` is injectable for tests.
 */
export function backoffMs(
  attempt: number,
  options: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const base = options.baseMs ?? 5_000
  const max = options.maxMs ?? 60 * 60_000
  const random = options.random ?? Math.random
  const exact = Math.min(max, base * 2 ** Math.max(0, attempt - 1))
  return Math.max(0, Math.round(exact * (0.8 + 0.4 * random())))
}
