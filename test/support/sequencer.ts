import fs from 'node:fs'
import path from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The order `make test` starts files in: the longest first, across the browser and render projects,
 * so the two workers finish together instead of one running a 4-minute file alone at the end; then
 * the many short http and unit files, which even out the end. Vitest's own order runs the projects
 * one after another (by name) and, without timings in its cache (a clean clone), keeps glob order
 * inside each: the slowest render file could start last.
 *
 * How long a file takes: this checkout's last run (vitest's cache) if it has one, else
 * test/timings.json (seconds from a full run, committed), else a guess by project.
 */
const TIMINGS_FILE = path.resolve(import.meta.dirname, '../timings.json')
const GUESS_SECONDS: Record<string, number> = { browser: 30, render: 10, http: 2, unit: 0.5 }
/** The longer block first. */
const NON_ISOLATED_ORDER = ['http', 'unit']

function committedTimings(): Record<string, number> {
  try {
    const { seconds } = JSON.parse(fs.readFileSync(TIMINGS_FILE, 'utf8')) as { seconds: Record<string, number> }
    return seconds
  } catch {
    return {}
  }
}

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const table = committedTimings()
    const root = this.ctx.config.root
    const estimate = new Map<TestSpecification, { seconds: number; size: number }>()
    for (const spec of files) {
      const file = path.relative(root, spec.moduleId).split(path.sep).join('/')
      const key = `${spec.project.name}:${file}`
      const cached = this.ctx.cache.getFileTestResults(key)?.duration
      const seconds =
        cached !== undefined && cached > 0 ? cached / 1000 : (table[file] ?? GUESS_SECONDS[spec.project.name] ?? 10)
      estimate.set(spec, { seconds, size: this.ctx.cache.getFileStats(key)?.size ?? 0 })
    }
    // A worker is reused (no new process, no second import of the app) only when the next file
    // in the queue is of the same non-isolated project: those projects go last, each in one block.
    const block = (spec: TestSpecification) => {
      if (spec.project.config.isolate !== false) return 0
      const at = NON_ISOLATED_ORDER.indexOf(spec.project.name)
      return 1 + (at < 0 ? NON_ISOLATED_ORDER.length : at)
    }
    return [...files].sort((a, b) => {
      const [ea, eb] = [estimate.get(a)!, estimate.get(b)!]
      return block(a) - block(b) || eb.seconds - ea.seconds || eb.size - ea.size
    })
  }
}
