// Writes test/timings.json (the order test/support/sequencer.ts starts files in) from the JSON
// report of the last `make test`: every file's seconds, whole seconds, slowest first.
// `make test-timings` after a full run on CI-like hardware; commit the result.
import fs from 'node:fs'
import path from 'node:path'

const report = process.argv[2] ?? 'test-output/vitest.json'
const out = path.resolve(import.meta.dirname, '../timings.json')
const { testResults } = JSON.parse(fs.readFileSync(report, 'utf8'))
// Relative to the checkout the report came from (a clean clone's CI run is elsewhere): from test/ on.
const inRepo = (file) =>
  file
    .slice(file.lastIndexOf(`${path.sep}test${path.sep}`) + 1)
    .split(path.sep)
    .join('/')
const seconds = Object.fromEntries(
  testResults
    .map((r) => [inRepo(r.name), Math.max(1, Math.round((r.endTime - r.startTime) / 1000))])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
)
fs.writeFileSync(out, `${JSON.stringify({ from: 'make test, 2 workers on 2 cores', seconds }, null, 2)}\n`)
console.log(`${Object.keys(seconds).length} files in ${path.relative(process.cwd(), out)}`)
