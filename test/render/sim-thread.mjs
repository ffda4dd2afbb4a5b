// The LibTV simulator in a worker thread of its own, so measurements of the main thread's event
// loop (responsiveness test, bench/render.ts) see the app alone, not the test's stand-in for LibTV.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { startLibtvSimulator } = await import('../../src/libtv/simulator/index.ts')
const sim = await startLibtvSimulator(workerData)
parentPort.on('message', async (message) => {
  if (message.type === 'setFaults') sim.setFaults(message.patch)
  if (message.type === 'requests') {
    // What a measurement needs: when each call arrived, where, and for which prompt or task.
    const rows = sim.requests.map((r) => ({
      at: r.at,
      method: r.method,
      path: r.path,
      prompt: r.body?.generateParams?.prompt,
      task: r.body?.generateUuid,
      createdTask: r.createdTask,
    }))
    parentPort.postMessage({ type: 'requests', id: message.id, rows, metrics: sim.metrics() })
  }
  if (message.type === 'close') {
    await sim.close()
    parentPort.postMessage({ type: 'closed' })
  }
})
parentPort.postMessage({ type: 'ready', baseUrl: sim.baseUrl })
