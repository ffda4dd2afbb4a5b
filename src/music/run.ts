import { spawn } from 'node:child_process'
import os from 'node:os'

/**
 * Runs fluidsynth or ffmpeg for the music: an argument array, no shell, a lowered priority (the web
 * server goes first), killed on abort. Keeps stdout when asked (loudnorm prints its JSON on stderr,
 * so stderr's tail is kept too, bounded).
 */
export interface ToolRun {
  code: number | null
  stderr: string
}

const STDERR_CAP = 64 * 1024

export class MusicToolError extends Error {
  override name = 'MusicToolError'
}

export function runMusicTool(bin: string, args: readonly string[], signal?: AbortSignal): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], shell: false, windowsHide: true })
    try {
      if (child.pid !== undefined) os.setPriority(child.pid, 10)
    } catch {
      // already gone, or not allowed: run at normal priority rather than not at all
    }
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_CAP)
    })
    const onAbort = () => child.kill('SIGKILL')
    signal?.addEventListener('abort', onAbort, { once: true })
    child.on('error', (e: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort)
      reject(new MusicToolError(`cannot run ${bin}: ${e.code ?? e.message}`))
    })
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort)
      if (signal?.aborted) reject(signal.reason)
      else resolve({ code, stderr })
    })
  })
}

/** Fails with the tool's last stderr line (never a path from a user: these carry only cache names). */
export async function mustRun(bin: string, args: readonly string[], signal?: AbortSignal): Promise<ToolRun> {
  const run = await runMusicTool(bin, args, signal)
  if (run.code !== 0) {
    const last = run.stderr.trim().split('\n').at(-1) ?? ''
    throw new MusicToolError(`${bin} exited with ${run.code}: ${last.slice(0, 300)}`)
  }
  return run
}
