import { spawn } from 'node:child_process'
import os from 'node:os'
import { StitchError } from './errors.js'

/**
 * Runs ffmpeg or ffprobe: an argument array and no shell, so no path or option can be
 * reinterpreted. Memory stays small: stdout is read line by line (or kept up to a cap) and
 * only the last stderr lines are kept.
 */

/** How long ffmpeg gets to exit after SIGTERM before SIGKILL. */
export const KILL_GRACE_MS = 2000

/**
 * ffmpeg and ffprobe run at this niceness, so on a busy CPU the web server (nice 0) goes first
 * and a stitch never makes pages slow; the stitch only takes longer.
 */
export const TOOL_NICENESS = 10

/** Threads for ffmpeg's filter graphs and its encoder (x264 would take 1.5 per core). */
export const FFMPEG_THREADS = 2

const STDERR_LINES = 20
const STDOUT_CAP = 256 * 1024

export interface RunOptions {
  /** Aborting sends SIGTERM, then SIGKILL after the grace period. */
  signal?: AbortSignal
  /** Called for each complete stdout line (ffmpeg's -progress output). */
  onLine?: (line: string) => void
  /** Keep stdout (up to 256 KiB) in the result, for ffprobe's JSON. */
  keepStdout?: boolean
  killGraceMs?: number
  /** ffmpeg's filter and encoder threads (default FFMPEG_THREADS). */
  threads?: number
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderrTail: string[]
  /** True when the run was cut short by the abort signal. */
  aborted: boolean
}

export function runTool(bin: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      resolve({ code: null, signal: null, stdout: '', stderrTail: [], aborted: true })
      return
    }
    const child = spawn(bin, withThreadLimits(args, opts.threads), {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    })
    lowerPriority(child.pid)
    const stderrTail: string[] = []
    let stderrPartial = ''
    let stdout = ''
    let stdoutPartial = ''
    let aborted = false
    let settled = false
    let killTimer: NodeJS.Timeout | undefined

    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      if (opts.keepStdout && stdout.length < STDOUT_CAP) stdout += chunk.slice(0, STDOUT_CAP - stdout.length)
      if (!opts.onLine) return
      const lines = (stdoutPartial + chunk).split('\n')
      stdoutPartial = (lines.pop() ?? '').slice(-1024)
      for (const line of lines) opts.onLine(line.trimEnd())
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      const lines = (stderrPartial + chunk).split('\n')
      stderrPartial = (lines.pop() ?? '').slice(-1024)
      for (const line of lines) if (line.trim()) stderrTail.push(line.trimEnd().slice(0, 500))
      stderrTail.splice(0, Math.max(0, stderrTail.length - STDERR_LINES))
    })

    const onAbort = () => {
      aborted = true
      child.kill('SIGTERM')
      killTimer = setTimeout(() => child.kill('SIGKILL'), opts.killGraceMs ?? KILL_GRACE_MS)
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    const finish = () => {
      settled = true
      clearTimeout(killTimer)
      opts.signal?.removeEventListener('abort', onAbort)
    }

    child.on('error', (e: NodeJS.ErrnoException) => {
      if (settled) return
      finish()
      child.kill('SIGKILL')
      reject(
        new StitchError({
          kind: 'ffmpeg_unavailable',
          reason: 'The video tools are not available on the server.',
          message: `cannot run ${bin}: ${e.code ?? e.message}`,
          cause: e,
        }),
      )
    })
    // 'close' comes after the process exited and its pipes drained: nothing is left running.
    child.on('close', (code, signal) => {
      if (settled) return
      finish()
      if (stderrPartial.trim()) stderrTail.push(stderrPartial.trimEnd().slice(0, 500))
      resolve({ code, signal, stdout, stderrTail: stderrTail.slice(-STDERR_LINES), aborted })
    })
  })
}

/**
 * Fixes ffmpeg's thread counts in a command that writes something: filter graphs (global options,
 * first) and the encoder of the first output (an option after the last input applies to the
 * output that follows; a second output, the poster, is a single frame). Inputs already carry
 * their own `-threads`. A command without inputs (the end card, made by a filter) gets the
 * encoder's after its filtergraph. A command whose last argument is its input (ffprobe) is left
 * as it is.
 */
export function withThreadLimits(args: readonly string[], threads = FFMPEG_THREADS): string[] {
  const lastInput = args.lastIndexOf('-i')
  const graph = args.indexOf('-filter_complex')
  const outputFrom = lastInput >= 0 ? lastInput + 2 : graph >= 0 ? graph + 2 : -1
  if (outputFrom < 0 || outputFrom >= args.length) return [...args]
  const n = String(threads)
  const inputs = args.slice(0, outputFrom)
  return ['-filter_threads', n, '-filter_complex_threads', n, ...inputs, '-threads', n, ...args.slice(outputFrom)]
}

/**
 * Lowers a just-spawned tool's priority. spawn() returns once the program is running but before
 * it has started any thread (ffmpeg makes them after reading its options and inputs), and Linux
 * threads take their niceness from the thread that makes them, so every thread runs at it. A
 * process already gone, or a system that refuses, changes nothing else.
 */
function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    os.setPriority(pid, TOOL_NICENESS)
  } catch {
    // ESRCH (already exited) or EACCES: run at normal priority rather than not at all.
  }
}

/** The microseconds ffmpeg's `-progress` reports as encoded so far, from one of its lines. */
export function progressMicros(line: string): number | null {
  const match = /^out_time_us=(\d+)$/.exec(line)
  return match ? Number(match[1]) : null
}
