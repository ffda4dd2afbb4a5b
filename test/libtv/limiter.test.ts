import { describe, expect, it } from 'vitest'
import { LibtvError } from '../../src/libtv/errors.js'
import { SubmitSpacer, TaskSlots } from '../../src/libtv/limiter.js'
import { withRetry } from '../../src/libtv/retry.js'

/** A fake clock whose sleep advances time, so spacing and backoff are checked without waiting. */
function fakeClock() {
  let t = 1000
  const sleeps: number[] = []
  return {
    now: () => t,
    advance: (ms: number) => (t += ms),
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      t += ms
    },
  }
}

const settle = () => new Promise((r) => setImmediate(r))

describe('TaskSlots (at most N tasks in flight)', () => {
  it('lets N through, queues the rest first come first served, and frees on release', async () => {
    const slots = new TaskSlots(2)
    const a = await slots.acquire()
    a.bind('a')
    const b = await slots.acquire()
    b.bind('b')
    const order: string[] = []
    const c = slots.acquire().then((r) => (order.push('c'), r))
    const d = slots.acquire().then((r) => (order.push('d'), r))
    await settle()
    expect(order).toEqual([])
    slots.release('a')
    ;(await c).bind('c')
    await settle()
    expect(order).toEqual(['c'])
    slots.release('nope') // unknown ids free nothing
    await settle()
    expect(order).toEqual(['c'])
    slots.release('b')
    ;(await d).bind('d')
    expect(slots.inFlight().sort()).toEqual(['c', 'd'])
  })

  it('frees a reservation whose submit failed', async () => {
    const slots = new TaskSlots(1)
    const r = await slots.acquire()
    const next = slots.acquire()
    r.cancel()
    r.cancel() // twice is harmless
    ;(await next).bind('x')
    expect(slots.inFlight()).toEqual(['x'])
  })

  it('counts adopted tasks (after a restart) until they are released', async () => {
    const slots = new TaskSlots(2)
    slots.adopt('old-1')
    slots.adopt('old-2')
    let granted = false
    const p = slots.acquire().then((r) => ((granted = true), r))
    await settle()
    expect(granted).toBe(false)
    slots.release('old-1')
    ;(await p).bind('new')
    expect(slots.inFlight().sort()).toEqual(['new', 'old-2'])
  })

  it('gives up waiting when the caller aborts, without taking a slot', async () => {
    const slots = new TaskSlots(1)
    ;(await slots.acquire()).bind('a')
    const ac = new AbortController()
    const waiting = slots.acquire(ac.signal)
    ac.abort()
    await expect(waiting).rejects.toMatchObject({ kind: 'cancelled' })
    slots.release('a')
    ;(await slots.acquire()).bind('b')
    expect(slots.inFlight()).toEqual(['b'])
  })
})

describe('TaskSlots shared between groups (videos)', () => {
  it('gives a freed slot to the waiting group holding the fewest, then to the longest waiting', async () => {
    const slots = new TaskSlots(3)
    for (const id of ['a1', 'a2', 'a3']) (await slots.acquire(undefined, 'A')).bind(id)
    const order: string[] = []
    const wait = (group: string, name: string) =>
      slots.acquire(undefined, group).then((r) => {
        order.push(name)
        r.bind(name)
      })
    // A asks for two more before B and C ask for one each: first come, first served would serve A first.
    const waiting = [wait('A', 'a4'), wait('A', 'a5'), wait('B', 'b1'), wait('C', 'c1'), wait('B', 'b2')]
    await settle()
    expect(order).toEqual([])
    slots.release('a1')
    await settle()
    expect(order).toEqual(['b1']) // B holds none, A two: B goes first though A asked first
    slots.release('a2')
    await settle()
    expect(order).toEqual(['b1', 'c1'])
    slots.release('a3') // A 0, B 1, C 1
    await settle()
    expect(order).toEqual(['b1', 'c1', 'a4'])
    slots.release('c1') // A 1, B 1, C 0 but C waits no more: A and B tie, and A has waited longest
    await settle()
    expect(order).toEqual(['b1', 'c1', 'a4', 'a5'])
    slots.release('a4')
    await Promise.all(waiting)
    expect(order).toEqual(['b1', 'c1', 'a4', 'a5', 'b2'])
    expect(slots.inFlight().sort()).toEqual(['a5', 'b1', 'b2'])
  })

  it('counts adopted tasks against their group', async () => {
    const slots = new TaskSlots(2)
    slots.adopt('old-a', 'A')
    ;(await slots.acquire(undefined, 'B')).bind('b1')
    const order: string[] = []
    const a = slots.acquire(undefined, 'A').then((r) => (order.push('A'), r))
    const b = slots.acquire(undefined, 'B').then((r) => (order.push('B'), r))
    slots.release('b1') // A still holds its adopted task, B none: B goes first though A waited longer
    await settle()
    expect(order).toEqual(['B'])
    ;(await b).bind('b2')
    slots.release('old-a')
    ;(await a).bind('a1')
    expect(order).toEqual(['B', 'A'])
  })
})

describe('SubmitSpacer (about one submit per second)', () => {
  it('starts each call intervalMs after the previous one settled, one at a time', async () => {
    const clock = fakeClock()
    const spacer = new SubmitSpacer(1000, clock.now, clock.sleep)
    const starts: number[] = []
    const call = (ms: number) =>
      spacer.run(async () => {
        starts.push(clock.now())
        clock.advance(ms)
      })
    await Promise.all([call(30), call(5), call(0), call(200)])
    expect(starts).toEqual([1000, 2030, 3035, 4035])
  })

  it('spaces after a failed call too, and keeps going', async () => {
    const clock = fakeClock()
    const spacer = new SubmitSpacer(500, clock.now, clock.sleep)
    const first = spacer.run(async () => {
      throw new Error('boom')
    })
    const second = spacer.run(async () => clock.now())
    await expect(first).rejects.toThrow('boom')
    expect(await second).toBe(1500)
  })
})

describe('withRetry (exponential backoff, full jitter)', () => {
  const transient = () => new LibtvError({ kind: 'unavailable', retryable: true, reason: 'r', message: 'm' })

  it('waits a random time in [0, min(max, base·2^n)] and stops after `retries`', async () => {
    const clock = fakeClock()
    let calls = 0
    const run = withRetry(
      async () => {
        calls++
        throw transient()
      },
      {
        policy: { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 },
        sleep: clock.sleep,
        random: () => 0.5,
      },
    )
    await expect(run).rejects.toMatchObject({ kind: 'unavailable' })
    expect(calls).toBe(6)
    expect(clock.sleeps).toEqual([50, 100, 200, 400, 500])
  })

  it('draws the whole jitter range', async () => {
    const waits: number[] = []
    for (const r of [0, 0.999]) {
      const clock = fakeClock()
      await withRetry(
        async (n) => {
          if (n < 3) throw transient()
          return n
        },
        {
          policy: { retries: 5, baseDelayMs: 100, maxDelayMs: 10_000 },
          sleep: clock.sleep,
          random: () => r,
        },
      )
      waits.push(...clock.sleeps)
    }
    expect(waits).toEqual([0, 0, 0, 99, 199, 399])
  })

  it('honours Retry-After instead of the jitter', async () => {
    const clock = fakeClock()
    let n = 0
    const result = await withRetry(
      async () => {
        if (n++ === 0)
          throw new LibtvError({ kind: 'rate_limited', retryable: true, retryAfterMs: 2000, reason: 'r', message: 'm' })
        return 'ok'
      },
      { policy: { retries: 3, baseDelayMs: 10, maxDelayMs: 100 }, sleep: clock.sleep, random: () => 0 },
    )
    expect(result).toBe('ok')
    expect(clock.sleeps).toEqual([2000])
  })

  it('waits out rate limits (429, 100054) apart from the fault budget, up to rateLimitWaitMs', async () => {
    const clock = fakeClock()
    const limited = () => new LibtvError({ kind: 'rate_limited', retryable: true, reason: 'r', message: 'm' })
    let calls = 0
    // Ten rate limits, then a fault, then success: the one fault fits `retries: 1`.
    const result = await withRetry(
      async () => {
        calls++
        if (calls <= 10) throw limited()
        if (calls === 11) throw transient()
        return 'ok'
      },
      {
        policy: { retries: 1, baseDelayMs: 100, maxDelayMs: 1000, rateLimitWaitMs: 60_000 },
        sleep: clock.sleep,
        now: clock.now,
        random: () => 0.5,
      },
    )
    expect(result).toBe('ok')
    expect(clock.sleeps).toEqual([50, 100, 200, 400, 500, 500, 500, 500, 500, 500, 50])

    // Past rateLimitWaitMs of waiting, the limit is given up on.
    const impatient = fakeClock()
    calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw limited()
        },
        {
          policy: { retries: 8, baseDelayMs: 1000, maxDelayMs: 1000, rateLimitWaitMs: 3000 },
          sleep: impatient.sleep,
          now: impatient.now,
          random: () => 1,
        },
      ),
    ).rejects.toMatchObject({ kind: 'rate_limited' })
    expect(calls).toBe(4) // waited 1 s three times, then 3 s had gone by
  })

  it('does not retry final errors or foreign exceptions', async () => {
    for (const error of [new LibtvError({ kind: 'content', reason: 'r', message: 'm' }), new TypeError('bug')]) {
      let calls = 0
      await expect(
        withRetry(
          async () => {
            calls++
            throw error
          },
          { policy: { retries: 5, baseDelayMs: 1, maxDelayMs: 1 }, sleep: async () => {}, random: Math.random },
        ),
      ).rejects.toBe(error)
      expect(calls).toBe(1)
    }
  })

  it('stops backing off when the caller aborts', async () => {
    const ac = new AbortController()
    const run = withRetry(
      async () => {
        ac.abort()
        throw transient()
      },
      {
        policy: { retries: 5, baseDelayMs: 1, maxDelayMs: 1 },
        sleep: async () => {},
        random: Math.random,
        signal: ac.signal,
      },
    )
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' })
  })
})
