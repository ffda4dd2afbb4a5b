// Prints the plain closing line CI reads ("N passed, N failed, N skipped") from vitest's JSON report.
import fs from 'node:fs'

const file = process.argv[2] ?? 'test-output/vitest.json'
if (!fs.existsSync(file)) {
  console.log('0 passed, 1 failed')
  process.exit(0)
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'))
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`)
