import { Worker } from 'node:worker_threads'
import type { Logger } from 'pino'
import type { RenderWorkerData } from './worker-thread.js'

export type RenderWorker = { nudge(): void; stop(): Promise<void> }

/** Starts the render worker thread. Compiled code runs worker-thread.js; under tsx the .mjs shim loads the .ts. */
export async function startRenderWorker(
  data: RenderWorkerData,
  logger: Pick<Logger, 'info' | 'error'>,
  /** Each event the worker logs, also handed here (the /metrics counters, src/ops/metrics.ts). */
  onEvent?: (event: string, fields: Record<string, unknown>) => void,
): Promise<RenderWorker> {
  const compiled = import.meta.url.endsWith('.js')
  const entry = new URL(compiled ? './worker-thread.js' : './worker-dev.mjs', import.meta.url)
  const worker = new Worker(entry, { workerData: data })
  let stopped: (() => void) | undefined
  worker.on('message', (message: { type: string; event?: string; fields?: Record<string, unknown> }) => {
    if (message.type === 'log') {
      logger.info({ worker: 'render', ...message.fields }, message.event ?? 'render')
      onEvent?.(message.event ?? 'render', message.fields ?? {})
    }
    if (message.type === 'stopped') stopped?.()
  })
  worker.on('error', (err) =>
    logger.error({ err: { message: err.message, stack: err.stack } }, 'render worker crashed'),
  )
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve())
    worker.once('error', reject)
  })
  return {
    nudge: () => worker.postMessage({ type: 'nudge' }),
    async stop() {
      const done = new Promise<void>((resolve) => {
        stopped = resolve
        worker.once('exit', () => resolve())
      })
      worker.postMessage({ type: 'stop' })
      await done
      await worker.terminate()
    },
  }
}
