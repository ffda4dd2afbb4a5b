import { defineConfig } from 'vitest/config'
import SlowestFirst from './test/support/sequencer.js'

// Four projects, so the quick ones can run alone (`make test-fast` = unit + http):
//   unit     pure functions and small modules: no server, no ffmpeg, no browser
//   http     the real app on a temp SQLite file over loopback HTTP: no render worker, no ffmpeg
//   render   everything slower: the render worker, ffmpeg stitching, the LibTV simulator end to
//            end, crash and restart tests, backups and restores. Any test file not listed in
//            another project lands here, so a new file is never left out of `make test`.
//   browser  test/e2e: real pages in Debian's chromium
export const UNIT = [
  'test/architecture.test.ts',
  'test/config.test.ts',
  'test/deploy/config.test.ts',
  'test/screenplay/**/*.test.ts',
  'test/libtv/{config,fault-plan,limiter,signed-url,signing,status}.test.ts',
  'test/render/queue.test.ts',
  'test/render/sweep.test.ts',
  'test/render/stitch/text.test.ts',
  'test/music/compose.test.ts',
]
export const HTTP = [
  'test/accounts/**/*.test.ts',
  'test/api/{api,docs,idempotency,webhooks}.test.ts',
  'test/api/webhook-*.test.ts',
  'test/briefs/**/*.test.ts',
  'test/http/**/*.test.ts',
  'test/legal/**/*.test.ts',
  'test/libtv-wiring.test.ts',
  'test/metrics.test.ts',
  'test/render/{announcements,library,ownership,quota,render-draft}.test.ts',
  'test/home/**/*.test.ts',
  'test/i18n/**/*.test.ts',
  'test/music/brief-options.test.ts',
  'test/variants/{pages,api}.test.ts',
]
export const BROWSER = ['test/e2e/**/*.test.ts']
export const ALL = ['test/**/*.test.ts', 'test/**/*.test.tsx']

export default defineConfig({
  // Vitest keeps its timings (the sequencer starts the slowest files first) with the checkout, not
  // in node_modules, which worktrees may share.
  cacheDir: 'test-output/.vite',
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: more workers only contend for them.
    maxWorkers: 2,
    // The longest files first, across the projects (test/timings.json), so the run has no long tail.
    sequence: { sequencer: SlowestFirst },
    projects: [
      // Unit and HTTP files run one after another in a long-lived worker instead of a fresh
      // process each (isolate: false): starting a process and importing the app again cost more
      // than most of these files' tests. Isolation between tests stays real, it is just not the
      // module cache: every app gets its own temp SQLite file, and no test keeps state in a module.
      { extends: true, test: { name: 'unit', include: UNIT, isolate: false } },
      { extends: true, test: { name: 'http', include: HTTP, isolate: false } },
      { extends: true, test: { name: 'render', include: ALL, exclude: [...UNIT, ...HTTP, ...BROWSER] } },
      { extends: true, test: { name: 'browser', include: BROWSER } },
    ],
  },
})
