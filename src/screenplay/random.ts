// Seeded randomness for variations: the same inputs always give the same choices,
// on every machine, with no clock and no Math.random.

export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, size). */
  below(size: number): number
  pick<T>(list: readonly T[]): T
  /** Picks an index of `weights` with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number
}

/** xmur3: a string hash that yields a stream of well-mixed 32-bit seeds. */
function xmur3(text: string): () => number {
  let h = 1779033703 ^ text.length
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353)
    h = (h << 13) | (h >>> 19)
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507)
    h = Math.imul(h ^ (h >>> 13), 3266489909)
    h ^= h >>> 16
    return h >>> 0
  }
}

export function hashText(text: string): number {
  return xmur3(text)()
}

/** sfc32 seeded from the text: small, fast and passes PractRand, which is plenty for picking phrasings. */
export function createRandom(seedText: string): Random {
  const seed = xmur3(seedText)
  let a = seed()
  let b = seed()
  let c = seed()
  let d = seed()
  const next = (): number => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  // Warm up: the first outputs of sfc32 still echo the seed.
  for (let i = 0; i < 12; i++) next()

  const below = (size: number): number => Math.floor(next() * size)
  return {
    next,
    below,
    pick<T>(list: readonly T[]): T {
      if (list.length === 0) throw new RangeError('Cannot pick from an empty list')
      return list[below(list.length)] as T
    },
    weightedIndex(weights: readonly number[]): number {
      const total = weights.reduce((sum, weight) => sum + Math.max(0, weight), 0)
      if (total <= 0) return below(weights.length)
      let remaining = next() * total
      for (let i = 0; i < weights.length; i++) {
        remaining -= Math.max(0, weights[i] ?? 0)
        if (remaining < 0) return i
      }
      // Float rounding can fall off the end: land on the last index that can be chosen.
      for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i
      return weights.length - 1
    },
  }
}
