import { cancelled, type Sleep } from './retry.js'

/**
 * At most `max` tasks in flight per account (LibTV answers 100054 beyond 5; docs/libtv.md#limits).
 * A slot is reserved before a submit, bound to the task id once LibTV accepts it, and freed when
 * the task ends (or the caller releases it). Callers name a group (the render: one video), and a
 * freed slot goes to the waiting group that holds the fewest slots, then to the longest waiting,
 * so one caller asking for many slots first cannot keep the others waiting for all of them.
 */
export class TaskSlots {
  readonly #max: number
  /** Task id → its group. */
  readonly #held = new Map<string, string>()
  /** Group → slots reserved for a submit under way. */
  readonly #reserved = new Map<string, number>()
  readonly #waiters: Array<{ group: string; grant: () => void }> = []

  constructor(max: number) {
    if (!(max >= 1)) throw new RangeError('maxInFlight must be at least 1')
    this.#max = max
  }

  /** Waits for a free slot; the reservation must be bound to a task id or cancelled. */
  async acquire(signal?: AbortSignal, group = ''): Promise<{ bind(taskId: string): void; cancel(): void }> {
    if (signal?.aborted) throw cancelled(signal.reason)
    if (this.#waiters.length > 0 || !this.#hasRoom()) {
      await new Promise<void>((resolve, reject) => {
        const waiter = {
          group,
          grant: () => {
            signal?.removeEventListener('abort', onAbort)
            resolve()
          },
        }
        const onAbort = () => {
          const i = this.#waiters.indexOf(waiter)
          if (i >= 0) this.#waiters.splice(i, 1)
          reject(cancelled(signal?.reason))
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        this.#waiters.push(waiter)
      })
    } else {
      this.#reserve(group, 1)
    }
    let open = true
    const end = (taskId?: string) => {
      if (!open) return
      open = false
      this.#reserve(group, -1)
      if (taskId !== undefined) this.#held.set(taskId, group)
      else this.#wake()
    }
    return { bind: (taskId) => end(taskId), cancel: () => end() }
  }

  /** A task submitted before a restart still counts against LibTV's limit. */
  adopt(taskId: string, group = ''): void {
    this.#held.set(taskId, group)
  }

  release(taskId: string): void {
    if (this.#held.delete(taskId)) this.#wake()
  }

  inFlight(): string[] {
    return [...this.#held.keys()]
  }

  #hasRoom(): boolean {
    let reserved = 0
    for (const n of this.#reserved.values()) reserved += n
    return this.#held.size + reserved < this.#max
  }

  #reserve(group: string, delta: number): void {
    const n = (this.#reserved.get(group) ?? 0) + delta
    if (n === 0) this.#reserved.delete(group)
    else this.#reserved.set(group, n)
  }

  #load(group: string): number {
    let n = this.#reserved.get(group) ?? 0
    for (const g of this.#held.values()) if (g === group) n++
    return n
  }

  #wake(): void {
    while (this.#waiters.length > 0 && this.#hasRoom()) {
      // The fewest slots first; among equals the earliest waiter (waiters are in arrival order).
      let next = 0
      let least = Number.POSITIVE_INFINITY
      this.#waiters.forEach((w, i) => {
        const load = this.#load(w.group)
        if (load < least) [next, least] = [i, load]
      })
      for (const waiter of this.#waiters.splice(next, 1)) {
        this.#reserve(waiter.group, 1)
        waiter.grant()
      }
    }
  }
}

/**
 * LibTV allows about 1 submit per second per account, else 429 (docs/libtv.md#limits). Submit
 * attempts (retries included) run one at a time, and each starts `intervalMs` after the previous
 * one *settled*: LibTV received that one before it answered, so arrivals stay ≥ intervalMs
 * apart however the network delays either request.
 */
export class SubmitSpacer {
  #lastSettledAt = Number.NEGATIVE_INFINITY
  #tail: Promise<void> = Promise.resolve()

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
    private readonly sleep: Sleep,
  ) {}

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.#tail
    let done!: () => void
    this.#tail = new Promise<void>((resolve) => (done = resolve))
    try {
      await previous
      // Loop: a timer may fire a hair early by the wall clock.
      for (let wait = this.#gap(); wait > 0; wait = this.#gap()) {
        try {
          await this.sleep(wait, signal)
        } catch (e) {
          throw cancelled(e)
        }
      }
      try {
        return await fn()
      } finally {
        this.#lastSettledAt = this.now()
      }
    } finally {
      done()
    }
  }

  #gap(): number {
    return this.#lastSettledAt + this.intervalMs - this.now()
  }
}
