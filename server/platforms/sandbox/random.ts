import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator'

/**
 * Seeded randomness for the sandbox. Every quantity draws from its own stream, keyed by what it
 * describes (`seed`, "post", day 812, index 2): a value never depends on how many other values
 * were drawn before it, so reading a year in one call or in 365 gives the same numbers, and a
 * later change to one part of the model does not reshuffle the rest.
 */
export class Stream {
  private readonly rng: RandomGenerator

  constructor(seed: number, keys: readonly (string | number)[]) {
    this.rng = xoroshiro128plus(mix(seed, keys))
    // The first outputs of xoroshiro from small seeds are poorly mixed: skip a few.
    for (let i = 0; i < 4; i += 1) this.rng.next()
  }

  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.rng)
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  int(min: number, max: number): number {
    return Math.floor(this.between(min, max + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = Math.max(this.next(), Number.EPSILON)
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  /** Log-normal with the given median: heavy right tail (viral videos, big gifters). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  /** Poisson count with mean `lambda` (Knuth; lambda stays small here). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()))
    const limit = Math.exp(-lambda)
    let k = 0
    let p = this.next()
    while (p > limit) {
      k += 1
      p *= this.next()
    }
    return k
  }

  /** A 32-bit unsigned integer (for ids). */
  uint32(): number {
    return Math.floor(this.next() * 2 ** 32) >>> 0
  }
}

/** FNV-1a over the seed and keys, then a murmur finaliser: a well-spread 32-bit seed. */
function mix(seed: number, keys: readonly (string | number)[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0)
  const text = keys.join('\u0000')
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h | 0
}

export function stream(seed: number, ...keys: (string | number)[]): Stream {
  return new Stream(seed, keys)
}
