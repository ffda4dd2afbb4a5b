// The built server (dist/src/main.js) as a child process on loopback, for the load and chaos runs:
// its JSON log lines are kept, it can be SIGKILLed and started again on the same DATA_DIR.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { LIBTV_DEV_ACCESS_KEY, LIBTV_DEV_SECRET_KEY } from '../../src/libtv/config.js'
import { collectLogs } from '../support/process-logs.js'

export const REPO = path.resolve(import.meta.dirname, '../..')
export const SERVER_ENTRY = path.join(REPO, 'dist/src/main.js')

export type LogLine = Record<string, unknown> & { pid?: number }

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

export type ServerSpec = { dataDir: string; port: number; libtvBaseUrl: string; env?: Record<string, string> }

export class ChildServer {
  readonly logs: LogLine[] = []
  proc: ChildProcess | undefined

  constructor(readonly spec: ServerSpec) {}

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`
  }

  /** Starts the server and resolves once its render worker is up. */
  async start(timeoutMs = 60_000): Promise<void> {
    const proc = spawn(process.execPath, [SERVER_ENTRY], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(this.spec.port),
        DATA_DIR: this.spec.dataDir,
        LOG_LEVEL: 'info',
        LIBTV_BASE_URL: this.spec.libtvBaseUrl,
        LIBTV_ACCESS_KEY: LIBTV_DEV_ACCESS_KEY,
        LIBTV_SECRET_KEY: LIBTV_DEV_SECRET_KEY,
        FFMPEG_PATH: '/usr/bin/ffmpeg',
        FFPROBE_PATH: '/usr/bin/ffprobe',
        MIN_FREE_DISK_MB: '0',
        ...this.spec.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.proc = proc
    collectLogs(proc, this.logs)
    const started = Date.now()
    while (!this.logs.some((l) => l.pid === proc.pid && l.msg === 'render worker started')) {
      if (proc.exitCode !== null || Date.now() - started > timeoutMs) {
        proc.kill('SIGKILL')
        const last = this.logs.filter((l) => l.pid === proc.pid).slice(-6)
        throw new Error(`the server did not start (exit ${proc.exitCode}); its last lines: ${JSON.stringify(last)}`)
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const proc = this.proc
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    const exited = new Promise((r) => proc.once('exit', r))
    proc.kill(signal)
    await exited
  }

  /** Log lines that mention SQLITE_BUSY or a locked database, anywhere in the line. */
  busyLines(): LogLine[] {
    return this.logs.filter((l) => /SQLITE_BUSY|database is locked/i.test(JSON.stringify(l)))
  }
}
