// Latency and status counts per route, and the compact table the load and chaos runs print.

export type Sample = { route: string; status: number; ms: number }

export class Tally {
  readonly samples: Sample[] = []

  add(route: string, status: number, ms: number): void {
    this.samples.push({ route, status, ms })
  }

  count(predicate: (s: Sample) => boolean): number {
    return this.samples.filter(predicate).length
  }

  /** One line per route: requests, p50, p99, max, and the answers by class (0 = no answer). */
  table(): string {
    const routes = [...new Set(this.samples.map((s) => s.route))].sort()
    const head = ['route', 'n', 'p50 ms', 'p99 ms', 'max ms', '2xx/3xx', '4xx', '429', '503', 'other 5xx', 'no answer']
    const rows = routes.map((route) => {
      const mine = this.samples.filter((s) => s.route === route)
      const ms = mine.map((s) => s.ms).sort((a, b) => a - b)
      const by = (p: (st: number) => boolean) => String(mine.filter((s) => p(s.status)).length)
      return [
        route,
        String(mine.length),
        percentile(ms, 50).toFixed(0),
        percentile(ms, 99).toFixed(0),
        (ms.at(-1) ?? 0).toFixed(0),
        by((st) => st >= 200 && st < 400),
        by((st) => st >= 400 && st < 500 && st !== 429),
        by((st) => st === 429),
        by((st) => st === 503),
        by((st) => st >= 500 && st !== 503),
        by((st) => st === 0),
      ]
    })
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
    return [line(head), ...rows.map(line)].join('\n')
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
