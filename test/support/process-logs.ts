import type { ChildProcess } from 'node:child_process'

/**
 * Collects a server process's output into `logs` as it comes: each stdout line parsed as JSON
 * (a pino line) or kept as `text` when it is not, stderr chunks as `stderr`, all tagged with the
 * process id so lines from a restarted server can be told apart.
 */
export function collectLogs(proc: ChildProcess, logs: Record<string, unknown>[]): void {
  let partial = ''
  proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      try {
        logs.push({ pid: proc.pid, ...(JSON.parse(line) as Record<string, unknown>) })
      } catch {
        logs.push({ pid: proc.pid, text: line })
      }
    }
  })
  proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => logs.push({ pid: proc.pid, stderr: chunk }))
}
