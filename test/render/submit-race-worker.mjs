// One contender in the cross-connection quota race (quota.test.ts): its own SQLite connection,
// released at the same instant as the others by a shared barrier, then one submitRender.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { openDatabase } = await import('../../src/db.ts')
const { submitRender, QuotaExceeded } = await import('../../src/render/submit.ts')
const db = openDatabase(workerData.databasePath)
const barrier = new Int32Array(workerData.barrier)
Atomics.add(barrier, 1, 1)
parentPort.postMessage({ type: 'ready' })
Atomics.wait(barrier, 0, 0)
let outcome
try {
  outcome = { type: 'ok', videoId: submitRender(db, workerData.userId, workerData.screenplayId, 'kling-v2-1').id }
} catch (err) {
  outcome = { type: err instanceof QuotaExceeded ? 'quota' : 'error', message: String(err?.message ?? err) }
}
db.$client.close()
parentPort.postMessage(outcome)
