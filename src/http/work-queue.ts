/**
 * Runs heavy work (decoding photos) a few at a time, with a bounded wait list, so a burst of it
 * can neither take every core nor libuv's thread pool (which sign-in's scrypt and file access
 * share) nor pile up without end. Past the bound the caller is told at once, with a time to come
 * back, and answers 503 with Retry-After. Each key (a user) holds at most `maxPerKey` places, so
 * one person cannot fill the wait list and starve the others. In memory: what waits belongs to
 * requests in flight, which a restart ends anyway.
 */
export type WorkQueueLimits = {
  /** Tasks running at once. */
  concurrency: number
  /** Tasks waiting for a turn, all keys together. */
  maxWaiting: number
  /** Places (running or waiting) one key may hold. */
  maxPerKey: number
}

export class QueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('work queue full')
  }
}

export class WorkQueue {
  private running = 0
  private readonly waiting: (() => void)[] = []
  private readonly held = new Map<string, number>()
  // A moving average of how long a task takes, for Retry-After; a photo takes a second or a few.
  private averageMs = 2000

  constructor(readonly limits: WorkQueueLimits) {}

  /** Whether run() would take this key's task now (nothing is reserved). */
  hasRoom(key: string): boolean {
    const { concurrency, maxWaiting, maxPerKey } = this.limits
    return (this.held.get(key) ?? 0) < maxPerKey && (this.running < concurrency || this.waiting.length < maxWaiting)
  }

  /** About how long until a place frees up for a newcomer, in whole seconds (1 to 120). */
  retryAfterSeconds(): number {
    const ahead = this.running + this.waiting.length
    const seconds = Math.ceil((this.averageMs * Math.max(1, ahead)) / this.limits.concurrency / 1000)
    return Math.min(120, Math.max(1, seconds))
  }

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }

  /**
   * Runs `task` when its turn comes. Throws QueueFull at once when there is no room for the key.
   * A task whose request is aborted while it waits leaves the wait list at once, never started.
   */
  async run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (!this.hasRoom(key)) throw new QueueFull(this.retryAfterSeconds())
    this.held.set(key, (this.held.get(key) ?? 0) + 1)
    try {
      if (this.running < this.limits.concurrency) this.running++
      else await this.turn(signal)
      try {
        signal?.throwIfAborted()
        const started = performance.now()
        try {
          return await task()
        } finally {
          this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started)
        }
      } finally {
        const next = this.waiting.shift()
        if (next) next()
        else this.running--
      }
    } finally {
      const left = (this.held.get(key) ?? 1) - 1
      if (left > 0) this.held.set(key, left)
      else this.held.delete(key)
    }
  }

  /** Waits until a finishing task hands over its place; rejects, and leaves, if aborted first. */
  private turn(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', leave)
        resolve()
      }
      const leave = () => {
        const at = this.waiting.indexOf(start)
        if (at >= 0) this.waiting.splice(at, 1)
        reject(signal?.reason)
      }
      if (signal?.aborted) return leave()
      signal?.addEventListener('abort', leave, { once: true })
      this.waiting.push(start)
    })
  }
}
