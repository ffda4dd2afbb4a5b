import { describe, expect, it } from 'vitest'
import { FaultPlan } from '../../src/libtv/simulator/faults.js'
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
