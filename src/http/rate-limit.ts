/**
 * Sliding-window rate limiting, kept in memory only: the privacy policy lists no IP addresses
 * among the data we store, so client addresses never reach the database or the logs.
 * One process serves the app, so one map is the whole truth.
 */
export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number }

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>()

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Records one try under each key; refuses (recording nothing) when any key is at its limit. */
  hit(...keys: string[]): LimitResult {
    const now = this.now()
    let retryAfterMs = 0
    for (const key of keys) {
      const recent = this.recent(key, now)
      if (recent.length >= this.limit) retryAfterMs = Math.max(retryAfterMs, recent[0]! + this.windowMs - now)
    }
    if (retryAfterMs > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }
    for (const key of keys) {
      const recent = this.recent(key, now)
      recent.push(now)
      this.hits.delete(key) // re-insert so the map stays ordered by last use
      this.hits.set(key, recent)
    }
    this.bound(now)
    return { ok: true }
  }

  /** Whether `key` alone is at its limit now (nothing is recorded). */
  isFull(key: string): boolean {
    return this.recent(key, this.now()).length >= this.limit
  }

  /** Forgets every try under `key`: e.g. an owner who proved who they are with a reset link. */
  forget(key: string): void {
    this.hits.delete(key)
  }

  private recent(key: string, now: number): number[] {
    const times = this.hits.get(key) ?? []
    const cutoff = now - this.windowMs
    let drop = 0
    while (drop < times.length && times[drop]! <= cutoff) drop++
    return drop > 0 ? times.slice(drop) : times
  }

  // A flood of distinct keys must not grow memory without end: sweep, then forget the least recently used.
  private bound(now: number): void {
    if (this.hits.size <= this.maxKeys) return
    this.sweep(now)
    for (const key of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) break
      this.hits.delete(key)
    }
  }

  sweep(now = this.now()): void {
    for (const [key, times] of this.hits) {
      const recent = this.recent(key, now)
      if (recent.length === 0) this.hits.delete(key)
      else if (recent !== times) this.hits.set(key, recent)
    }
  }

  get size(): number {
    return this.hits.size
  }
}
