import { LIBTV_ERROR_CODES } from '../codes.js'
import type { StateLatency, TaskOutcome } from './faults.js'
import type { RenderedClip } from './render.js'

export type SimTask = {
  id: string
  createdAt: number
  durationSeconds: 5 | 10
  mode: 'std' | 'pro'
  outcome: TaskOutcome
  /** Snapshot at submit, so changing faults later does not rewrite a running task's past. */
  latency: StateLatency
  render: { clip: RenderedClip | null; error: string | null }
  pointsCost: number
  /** SHA-256 of the start frame: the source image whatever the task made came from (retention.ts). */
  source: string
}

export type TaskView = {
  generateStatus: 1 | 2 | 3 | 4 | 5 | 6 | 7
  percentCompleted: number
  generateMsg: string
}

/**
 * The task's generateStatus at `now` (docs/libtv.md#task-states). States advance by the clock
 * alone (1 waiting, 2 running, 3 generated, 4 moderation), so tests can step through them with an
 * injected clock; the task stays in moderation (4) until its clip is rendered, then ends 5, 6 or 7.
 */
export function taskView(task: SimTask, now: number): TaskView {
  const { queued, running, generated, moderating } = task.latency
  const t = now - task.createdAt
  if (t < queued) return { generateStatus: 1, percentCompleted: 0, generateMsg: '' }
  const runEnds = queued + running
  if (task.outcome.type === 'fail' && t >= runEnds) {
    const { code, message } = task.outcome
    const words = message ?? (code !== undefined ? (LIBTV_ERROR_CODES[code]?.meaning ?? '') : '生成失败')
    return { generateStatus: 6, percentCompleted: 0, generateMsg: code !== undefined ? `${code}: ${words}` : words }
  }
  if (task.outcome.type === 'timeout' && t >= runEnds)
    return { generateStatus: 7, percentCompleted: 0, generateMsg: '任务超时' }
  if (task.render.error !== null && t >= runEnds) {
    return { generateStatus: 6, percentCompleted: 0, generateMsg: `render failed: ${task.render.error.slice(0, 200)}` }
  }
  if (t < runEnds)
    return {
      generateStatus: 2,
      percentCompleted: round(running > 0 ? ((t - queued) / running) * 0.8 : 0),
      generateMsg: '',
    }
  if (t < runEnds + generated) return { generateStatus: 3, percentCompleted: 0.85, generateMsg: '' }
  if (t < runEnds + generated + moderating || task.render.clip === null)
    return { generateStatus: 4, percentCompleted: 0.95, generateMsg: '' }
  return { generateStatus: 5, percentCompleted: 1, generateMsg: '' }
}

export function isTerminalView(v: TaskView): boolean {
  return v.generateStatus >= 5
}

/** Made up but roughly Kling-like (LibTV publishes no Kling price): 1 point ≈ ¥0.01; pro and 10 s cost more. */
export function pointsFor(durationSeconds: 5 | 10, mode: 'std' | 'pro'): number {
  return (durationSeconds === 10 ? 2 : 1) * (mode === 'pro' ? 35 : 20)
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
