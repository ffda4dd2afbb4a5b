import { describe, expect, it } from 'vitest'
import { FaultPlan, TRANSIENT_CODES, TRANSIENT_FAULTS } from '../../src/libtv/simulator/faults.js'
import type { Fault } from '../../src/libtv/simulator/index.js'

const KINDS: Fault[] = [{ type: 'http', status: 500 }, { type: 'reset' }, { type: 'hang' }, { type: 'malformed' }]

describe('a fault rate with a list of faults', () => {
  const draw = (seed: number) => {
    const plan = new FaultPlan({ rates: { status: { probability: 0.3, fault: KINDS } } }, seed)
    return Array.from({ length: 2000 }, () => plan.take('status'))
  }

  it('faults about that share of calls, every kind in the list among them', () => {
    const taken = draw(7)
    const faulted = taken.filter((f) => f !== null)
    expect(faulted.length / taken.length).toBeGreaterThan(0.26)
    expect(faulted.length / taken.length).toBeLessThan(0.34)
    for (const kind of KINDS) {
      const share = faulted.filter((f) => JSON.stringify(f) === JSON.stringify(kind)).length / faulted.length
      expect(share, JSON.stringify(kind)).toBeGreaterThan(0.18)
    }
  })

  it('is the same sequence for the same seed, and another for another seed', () => {
    expect(draw(7)).toEqual(draw(7))
    expect(draw(8)).not.toEqual(draw(7))
  })

  it('leaves the other endpoints alone', () => {
    const plan = new FaultPlan({ rates: { status: { probability: 1, fault: KINDS } } })
    expect(plan.take('submit')).toBeNull()
    expect(plan.take('status')).not.toBeNull()
  })
})

describe('the kinds of transient fault', () => {
  it('include every kind the issue names: 5xx, 429 with Retry-After, resets, HTML, truncated and incomplete bodies, lost answers', () => {
    const kinds = new Set([...TRANSIENT_FAULTS, ...TRANSIENT_CODES].map((f) => f.type))
    expect([...kinds].sort()).toEqual(
      ['code', 'hang', 'http', 'incomplete', 'lost-answer', 'malformed', 'reset', 'truncated'].sort(),
    )
    const statuses = TRANSIENT_FAULTS.flatMap((f) => (f.type === 'http' ? [f.status] : []))
    expect(statuses).toEqual(expect.arrayContaining([500, 502, 503, 429]))
    expect(TRANSIENT_FAULTS).toContainEqual({ type: 'http', status: 429, retryAfterSeconds: 1 })
  })
})

describe('a queue of faults', () => {
  it('answers normally where it holds null, then falls back to the rate', () => {
    const plan = new FaultPlan({
      next: { submit: [null, { type: 'reset' }, null] },
      rates: { submit: { probability: 1, fault: { type: 'hang' } } },
    })
    expect([1, 2, 3, 4].map(() => plan.take('submit'))).toEqual([null, { type: 'reset' }, null, { type: 'hang' }])
  })
})

describe('outcomes by prompt', () => {
  it('end the tasks whose prompt has the word, `times` of them, before the queued outcomes', () => {
    const plan = new FaultPlan({
      promptOutcomes: [
        { word: 'flaky', outcome: { type: 'timeout' }, times: 1 },
        { word: 'forbidden', outcome: { type: 'blocked' } },
      ],
      nextTaskOutcomes: [{ type: 'fail' }],
    })
    expect(plan.takeTaskOutcome('a flaky shot')).toEqual({ type: 'timeout' })
    expect(plan.takeTaskOutcome('a flaky shot')).toEqual({ type: 'fail' }) // once only, then the queue
    expect(plan.takeTaskOutcome('a forbidden shot')).toEqual({ type: 'blocked' })
    expect(plan.takeTaskOutcome('a forbidden shot')).toEqual({ type: 'blocked' })
    expect(plan.takeTaskOutcome('anything')).toEqual({ type: 'succeed' })
  })

  it('are not changed by the plan that was handed in', () => {
    const promptOutcomes = [{ word: 'w', outcome: { type: 'timeout' as const }, times: 1 }]
    const plan = new FaultPlan({ promptOutcomes })
    plan.takeTaskOutcome('w')
    expect(promptOutcomes[0]!.times).toBe(1)
  })
})
