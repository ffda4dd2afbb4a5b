/** Fault injection for one simulator instance: deterministic queues first, then seeded random rates. */

export type Endpoint = 'submit' | 'status' | 'uploadSignature' | 'upload' | 'result'
export const ENDPOINTS: readonly Endpoint[] = ['submit', 'status', 'uploadSignature', 'upload', 'result']

export type Fault =
  /** A bare HTTP error with no envelope, e.g. 500/502/503 from a gateway, or 429 with Retry-After. */
  | { type: 'http'; status: number; retryAfterSeconds?: number }
  /** A documented LibTV error code in the envelope; HTTP 200 unless httpStatus is given. */
  | { type: 'code'; code: number; msg?: string; httpStatus?: number; retryAfterSeconds?: number }
  /** Never answers: the client's timeout has to fire. */
  | { type: 'hang' }
  /** HTTP 200 with a body that is not JSON (a proxy's HTML page); no ETag from the bucket, no MP4 for a result. */
  | { type: 'malformed' }
  /**
   * HTTP 200 whose body stops halfway, with a Content-Length that matches what was sent (a proxy
   * that cut it): half a JSON envelope, half the bucket's answer, half the MP4.
   */
  | { type: 'truncated' }
  /**
   * A well-formed answer without what the API documents: the envelope `{code: 0, data: {}}` from
   * the API, a 204 without its ETag from the bucket, an empty 200 for a result.
   */
  | { type: 'incomplete' }
  /** Drops the connection without an answer: a network error. */
  | { type: 'reset' }
  /**
   * The work is done, then the connection drops before the answer: a submit creates its task
   * (LibTV accepted it), an upload stores the object. Elsewhere a reset.
   */
  | { type: 'lost-answer' }

export type FaultType = Fault['type']

/** One of each kind of transient fault, for tests that must see every kind (test/render/flaky-libtv.test.ts, test/load/chaos.ts). */
export const TRANSIENT_FAULTS: readonly Fault[] = [
  { type: 'http', status: 500 },
  { type: 'http', status: 502 },
  { type: 'http', status: 503 },
  { type: 'http', status: 429, retryAfterSeconds: 1 },
  { type: 'reset' },
  { type: 'hang' },
  { type: 'malformed' },
  { type: 'truncated' },
  { type: 'incomplete' },
  { type: 'lost-answer' },
]
/** Transient envelope codes only LibTV's API sends (not the bucket or the result host). */
export const TRANSIENT_CODES: readonly Fault[] = [
  { type: 'code', code: 200000 },
  { type: 'code', code: 210000 },
  { type: 'code', code: 429, retryAfterSeconds: 1 },
  { type: 'code', code: 100054 },
]

/** How a new task ends: 5 success, 6 failure, 7 timeout, or 5 with the clip withheld by moderation. */
export type TaskOutcome =
  | { type: 'succeed' }
  /** Status 6; `code`, when given, leads LibTV's message (e.g. 210000, "external service call failed; retry"). */
  | { type: 'fail'; message?: string; code?: number }
  | { type: 'timeout' }
  | { type: 'blocked' }

/**
 * Tasks whose prompt contains `word` end as `outcome` (like real moderation, which reads the
 * prompt), the first `times` of them, or all when `times` is left out.
 */
export type PromptOutcome = { word: string; outcome: TaskOutcome; times?: number }

/** Milliseconds a task spends in each state: 1 waiting, 2 running, 3 generated, 4 moderation. */
export type StateLatency = { queued: number; running: number; generated: number; moderating: number }

export type ResultUrls = { mode: 'ok' } | { mode: 'missing' } | { mode: 'expire'; afterMs: number }

export type SimulatorFaults = {
  latency: StateLatency
  /** Deterministic: the next calls to an endpoint get these, one each, in order (null: answered normally). */
  next: Partial<Record<Endpoint, Array<Fault | null>>>
  /** Random: each call to an endpoint gets `fault` with this probability (seeded PRNG); a list mixes kinds, one picked at random. */
  rates: Partial<Record<Endpoint, { probability: number; fault: Fault | Fault[] }>>
  /** The next tasks end like this, one each, in order; then every task ends as `taskOutcome`. */
  nextTaskOutcomes: TaskOutcome[]
  taskOutcome: TaskOutcome
  /** Checked before `nextTaskOutcomes`: outcomes chosen by the shot's prompt. */
  promptOutcomes: PromptOutcome[]
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
  promptOutcomes: [],
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
    const queue = this.#faults.next[endpoint]
    if (queue && queue.length > 0) return queue.shift() ?? null
    const rate = this.#faults.rates[endpoint]
    if (!rate || this.#random() >= rate.probability) return null
    if (!Array.isArray(rate.fault)) return rate.fault
    return rate.fault[Math.floor(this.#random() * rate.fault.length)] ?? null
  }

  takeTaskOutcome(prompt = ''): TaskOutcome {
    const byPrompt = this.#faults.promptOutcomes.find((p) => prompt.includes(p.word) && (p.times ?? 1) > 0)
    if (byPrompt) {
      if (byPrompt.times !== undefined) byPrompt.times--
      return byPrompt.outcome
    }
    return this.#faults.nextTaskOutcomes.shift() ?? this.#faults.taskOutcome
  }
}

function copy(f: SimulatorFaults): SimulatorFaults {
  const next: SimulatorFaults['next'] = {}
  for (const [k, v] of Object.entries(f.next)) next[k as Endpoint] = [...(v ?? [])]
  return {
    ...f,
    latency: { ...f.latency },
    next,
    rates: { ...f.rates },
    nextTaskOutcomes: [...f.nextTaskOutcomes],
    promptOutcomes: f.promptOutcomes.map((p) => ({ ...p })),
  }
}
