/** Fault injection for one simulator instance: deterministic queues first, then seeded random rates. */

export type Endpoint = 'submit' | 'status' | 'uploadSignature' | 'upload' | 'result'

export type Fault =
  /** A bare HTTP error with no envelope, e.g. 500/502/503 from a gateway, or 429 with Retry-After. */
  | { type: 'http'; status: number; retryAfterSeconds?: number }
  /** A documented LibTV error code in the envelope; HTTP 200 unless httpStatus is given. */
  | { type: 'code'; code: number; msg?: string; httpStatus?: number; retryAfterSeconds?: number }
  /** Never answers: the client's timeout has to fire. */
  | { type: 'hang' }
  /** HTTP 200 with a body that is not JSON (a proxy's HTML page). */
  | { type: 'malformed' }
  /** Drops the connection without an answer: a network error. */
  | { type: 'reset' }
  /** Submit: the task is created (LibTV accepted it), then the connection drops before the answer. Elsewhere a reset. */
  | { type: 'lost-answer' }

/** How a new task ends: 5 success, 6 failure, 7 timeout, or 5 with the clip withheld by moderation. */
export type TaskOutcome =
  | { type: 'succeed' }
  | { type: 'fail'; message?: string }
  | { type: 'timeout' }
  | { type: 'blocked' }

/** Milliseconds a task spends in each state: 1 waiting, 2 running, 3 generated, 4 moderation. */
export type StateLatency = { queued: number; running: number; generated: number; moderating: number }

export type ResultUrls = { mode: 'ok' } | { mode: 'missing' } | { mode: 'expire'; afterMs: number }

export type SimulatorFaults = {
  latency: StateLatency
  /** Deterministic: the next calls to an endpoint get these faults, one each, in order. */
  next: Partial<Record<Endpoint, Fault[]>>
  /** Random: each call to an endpoint gets `fault` with this probability (seeded PRNG); a list mixes kinds, one picked at random. */
  rates: Partial<Record<Endpoint, { probability: number; fault: Fault | Fault[] }>>
  /** The next tasks end like this, one each, in order; then every task ends as `taskOutcome`. */
  nextTaskOutcomes: TaskOutcome[]
  taskOutcome: TaskOutcome
  /** Result URLs work, answer 404, or expire `afterMs` after the status answer that gave them (OSS: 403). */
  results: ResultUrls
}

/** A change to the faults: named parts are replaced, latency is merged per state. */
export type FaultsPatch = Partial<Omit<SimulatorFaults, 'latency'>> & { latency?: Partial<StateLatency> }

export const DEFAULT_FAULTS: SimulatorFaults = {
  latency: { queued: 1000, running: 3000, generated: 500, moderating: 1000 },
  next: {},
  rates: {},
  nextTaskOutcomes: [],
  taskOutcome: { type: 'succeed' },
  results: { mode: 'ok' },
}

/** mulberry32: a tiny seeded PRNG, so a given seed injects the same faults on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class FaultPlan {
  #faults: SimulatorFaults
  readonly #random: () => number

  constructor(initial: FaultsPatch = {}, seed = 1) {
    this.#faults = DEFAULT_FAULTS
    this.#random = mulberry32(seed)
    this.set(initial)
  }

  set(patch: FaultsPatch): void {
    this.#faults = copy({ ...this.#faults, ...patch, latency: { ...this.#faults.latency, ...patch.latency } })
  }

  get current(): Readonly<SimulatorFaults> {
    return this.#faults
  }

  /** The fault for this call to `endpoint`, if any. */
  take(endpoint: Endpoint): Fault | null {
    const queued = this.#faults.next[endpoint]?.shift()
    if (queued) return queued
    const rate = this.#faults.rates[endpoint]
    if (!rate || this.#random() >= rate.probability) return null
    if (!Array.isArray(rate.fault)) return rate.fault
    return rate.fault[Math.floor(this.#random() * rate.fault.length)] ?? null
  }

  takeTaskOutcome(): TaskOutcome {
    return this.#faults.nextTaskOutcomes.shift() ?? this.#faults.taskOutcome
  }
}

function copy(f: SimulatorFaults): SimulatorFaults {
  const next: SimulatorFaults['next'] = {}
  for (const [k, v] of Object.entries(f.next)) next[k as Endpoint] = [...(v ?? [])]
  return { ...f, latency: { ...f.latency }, next, rates: { ...f.rates }, nextTaskOutcomes: [...f.nextTaskOutcomes] }
}
