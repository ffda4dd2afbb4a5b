/**
 * Fixed-window request counting, in memory: what the RateLimit-* headers describe (a limit, what
 * is left, and when the window resets). One process serves the app, so one map is the whole truth.
 */
export type WindowState = { ok: boolean; limit: number; remaining: number; resetSeconds: number }

export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one request under `key`; not ok (and not counted) once the window's limit is reached. */
  hit(key: string): WindowState {
    const now = this.now()
    let window = this.windows.get(key)
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now - (now % this.windowMs), count: 0 }
      this.windows.delete(key)
      this.windows.set(key, window)
      if (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value as string)
    }
    const ok = window.count < this.limit
    if (ok) window.count++
    return {
      ok,
      limit: this.limit,
      remaining: this.limit - window.count,
      resetSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)),
    }
  }
}
