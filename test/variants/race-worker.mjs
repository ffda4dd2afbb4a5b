// One contender in the cross-connection variants race (pages.test.ts): its own SQLite connection,
// released at the same instant as the other by a shared barrier, then one makeVariants.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { openDatabase } = await import('../../src/db.ts')
const { makeVariants } = await import('../../src/variants/service.ts')
const { QuotaExceeded } = await import('../../src/render/submit.ts')
const db = openDatabase(workerData.databasePath)
const barrier = new Int32Array(workerData.barrier)
Atomics.add(barrier, 1, 1)
parentPort.postMessage({ type: 'ready' })
Atomics.wait(barrier, 0, 0)
let outcome
try {
  outcome = { type: 'ok', groupId: makeVariants(db, workerData.userId, workerData.briefId, 3, 'kling-v2-1').groupId }
} catch (err) {
  outcome = { type: err instanceof QuotaExceeded ? 'quota' : 'error', message: String(err?.message ?? err) }
}
db.$client.close()
parentPort.postMessage(outcome)
