import { cancelled, type Sleep } from './retry.js'

/**
 * At most `max` tasks in flight per account (LibTV answers 100054 beyond 5; docs/libtv.md#limits).
 * A slot is reserved before a submit, bound to the task id once LibTV accepts it, and freed when
 * the task ends (or the caller releases it). Waiters are served first come, first served.
 */
export class TaskSlots {
  readonly #max: number
  readonly #held = new Set<string>()
  #reserved = 0
  readonly #waiters: Array<() => void> = []

  constructor(max: number) {
    if (!(max >= 1)) throw new RangeError('maxInFlight must be at least 1')
    this.#max = max
  }

  /** Waits for a free slot; the reservation must be bound to a task id or cancelled. */
  async acquire(signal?: AbortSignal): Promise<{ bind(taskId: string): void; cancel(): void }> {
    if (signal?.aborted) throw cancelled(signal.reason)
    if (this.#waiters.length > 0 || !this.#hasRoom()) {
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        }
        const onAbort = () => {
          const i = this.#waiters.indexOf(grant)
          if (i >= 0) this.#waiters.splice(i, 1)
          reject(cancelled(signal?.reason))
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        this.#waiters.push(grant)
      })
    } else {
      this.#reserved++
    }
    let open = true
    const end = (taskId?: string) => {
      if (!open) return
      open = false
      this.#reserved--
      if (taskId !== undefined) this.#held.add(taskId)
      else this.#wake()
    }
    return { bind: (taskId) => end(taskId), cancel: () => end() }
  }

  /** A task submitted before a restart still counts against LibTV's limit. */
  adopt(taskId: string): void {
    this.#held.add(taskId)
  }

  release(taskId: string): void {
    if (this.#held.delete(taskId)) this.#wake()
  }

  inFlight(): string[] {
    return [...this.#held]
  }

  #hasRoom(): boolean {
    return this.#held.size + this.#reserved < this.#max
  }

  #wake(): void {
    while (this.#waiters.length > 0 && this.#hasRoom()) {
      this.#reserved++
      this.#waiters.shift()!()
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
