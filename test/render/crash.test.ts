// Crash test: the real server in a child process, killed with SIGKILL in the middle of a render
// and started again on the same DATA_DIR. Nothing is lost and nothing is submitted or charged twice.
// Then the same with SIGTERM: the worker hands its lease back and the next start resumes at once.
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIBTV_DEV_ACCESS_KEY, LIBTV_DEV_SECRET_KEY } from '../../src/libtv/config.js'
import { type LibtvSimulator, startLibtvSimulator } from '../../src/libtv/simulator/index.js'
import { createBrief, editorFields, postFields, readEditor } from '../briefs/helpers.js'
import { followMailedLink, GOOD_PASSWORD, linkFromDevMail, uniqueEmail } from '../support/accounts.js'
import { BrowserClient } from '../support/browser-client.js'
import * as img from '../support/images.js'
import { collectLogs } from '../support/process-logs.js'
import {
  FFMPEG,
  FFPROBE,
  probeMedia,
  simulatorOptions,
  submitOverHttp,
  submitsByPrompt,
  waitFor,
} from '../support/render.js'

const LEASE_SECONDS = 4
// Shots take ~4 s at LibTV, so a kill right after the first task id is committed lands mid-render.
const LATENCY = { queued: 500, running: 3000, generated: 300, moderating: 300 }

type Row = Record<string, unknown>
let sim: LibtvSimulator
let dataDir: string
let port: number
let db: Database.Database
let child: ChildProcess | undefined
const logs: Array<Record<string, unknown>> = []
let client: BrowserClient
const screenplayIds: string[] = []

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port: p } = server.address() as { port: number }
  await new Promise<void>((r) => server.close(() => r()))
  return p
}

/** Starts `node --import tsx src/main.ts` and resolves once the render worker is up. */
async function startServer(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      LIBTV_BASE_URL: sim.baseUrl,
      LIBTV_ACCESS_KEY: LIBTV_DEV_ACCESS_KEY,
      LIBTV_SECRET_KEY: LIBTV_DEV_SECRET_KEY,
      RENDER_CONCURRENCY: '2',
      RENDER_LEASE_SECONDS: String(LEASE_SECONDS),
      FFMPEG_PATH: FFMPEG,
      FFPROBE_PATH: FFPROBE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  collectLogs(proc, logs)
  try {
    await waitFor(
      'the server and its render worker',
      () => {
        if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`)
        return logs.some((l) => l.pid === proc.pid && l.msg === 'render worker started')
      },
      60_000,
      50,
    )
  } catch (err) {
    proc.kill('SIGKILL')
    throw new Error(
      `${(err as Error).message}; its last lines: ${JSON.stringify(logs.filter((l) => l.pid === proc.pid).slice(-6))}`,
    )
  }
  return proc
}

function exited(proc: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (proc.exitCode !== null || proc.signalCode !== null)
    return Promise.resolve({ code: proc.exitCode, signal: proc.signalCode })
  return new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })))
}

const video = (id: string) => db.prepare('select * from videos where id = ?').get(id) as Row
const shots = (id: string) =>
  db.prepare('select * from video_shots where video_id = ? order by position').all(id) as Row[]
const job = (id: string) => db.prepare('select * from render_jobs where video_id = ?').get(id) as Row
const usage = (id: string) => db.prepare('select * from usage_records where video_id = ?').all(id) as Row[]

async function waitDone(id: string, timeoutMs: number) {
  return waitFor(
    `video ${id} to finish`,
    () => {
      const v = video(id)
      return ['done', 'failed', 'canceled'].includes(String(v.status)) ? v : undefined
    },
    timeoutMs,
    100,
  )
}

function expectEachShotSubmittedOnce(id: string) {
  const counts = submitsByPrompt(sim)
  for (const shot of shots(id)) expect(counts.get(String(shot.prompt)), `shot ${String(shot.position)}`).toBe(1)
}

beforeAll(async () => {
  sim = await startLibtvSimulator(simulatorOptions({ faults: { latency: LATENCY } }))
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-crash-'))
  port = await freePort()
  child = await startServer()
  db = new Database(path.join(dataDir, 'lumina.db'))
  db.pragma('busy_timeout = 5000')

  client = new BrowserClient(`http://127.0.0.1:${port}`)
  const email = uniqueEmail('crash')
  expect((await client.postForm('/signup', { email, password: GOOD_PASSWORD, ageConfirmed: 'yes' })).status).toBe(200)
  expect(
    (await followMailedLink(client, await linkFromDevMail(client, email), { password: GOOD_PASSWORD })).status,
  ).toBe(303)
  const photo = { bytes: await img.jpeg(640, 480), name: 'p.jpg', type: 'image/jpeg' }
  // Two projects, each with prompts of its own (prompts are how submits are counted).
  for (const productName of ['Crash Proof Kettle', 'Gentle Stop Toaster']) {
    const brief = await createBrief(client, photo, { productName, lengthSeconds: '15', aspectRatio: '16:9' })
    const page = await (await client.get(`/briefs/${brief.id}/screenplay`)).text()
    const saved = await postFields(client, `/briefs/${brief.id}/screenplay`, editorFields(readEditor(page)))
    expect(saved.status).toBe(303)
    const savedPage = await (await client.get(saved.headers.get('location')!)).text()
    // The saved version the page's Render video renders as it is.
    screenplayIds.push(/name="basedOn" value="([0-9a-f-]{36})"/.exec(savedPage)![1]!)
  }
}, 120_000)

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL')
    await exited(child)
  }
  db?.close()
  await sim?.close()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('SIGKILL in the middle of a render', () => {
  let videoId: string
  let committedAtKill: Map<number, string>

  it('kills the server once a shot’s task id is committed and the video is not done', async () => {
    videoId = await submitOverHttp(client, screenplayIds[0]!)
    const committed = await waitFor(
      'a committed task id',
      () => {
        const rows = shots(videoId)
        return rows.some((s) => s.task_id) ? rows : undefined
      },
      30_000,
      10,
    )
    child!.kill('SIGKILL')
    expect(await exited(child!)).toEqual({ code: null, signal: 'SIGKILL' })
    committedAtKill = new Map(committed.filter((s) => s.task_id).map((s) => [Number(s.position), String(s.task_id)]))
    expect(committed.length).toBeGreaterThanOrEqual(3)
    expect(committedAtKill.size).toBeGreaterThanOrEqual(1)
    expect(['queued', 'rendering']).toContain(video(videoId).status)
    expect(job(videoId)).toMatchObject({ state: 'running', attempts: 1 })
    expect(job(videoId).lease_owner).toBeTruthy()
  }, 60_000)

  it('after a restart on the same DATA_DIR, the video completes', async () => {
    child = await startServer()
    const done = await waitDone(videoId, 120_000)
    expect(done.failure_reason).toBeNull()
    expect(done.status).toBe('done')
    // The dead process's lease is reclaimed at start-up and the job resumed by the new worker.
    expect(
      logs.find((l) => l.pid === child!.pid && l.msg === 'resuming renders interrupted by the last shutdown'),
    ).toMatchObject({ jobs: 1 })
    const reclaimed = logs.find((l) => l.pid === child!.pid && l.msg === 'job claimed' && l.videoId === videoId)
    expect(reclaimed).toMatchObject({ attempt: 2 })
    expect(job(videoId)).toMatchObject({ state: 'done', attempts: 2, lease_owner: null })
    const probe = await probeMedia(path.join(dataDir, 'users', String(done.user_id), 'videos', videoId, 'video.mp4'))
    expect(probe.codec).toBe('h264')
    expect({ width: probe.width, height: probe.height }).toEqual({ width: 1280, height: 720 })
    const res = await client.get(`/videos/${videoId}/video.mp4`, { range: 'bytes=0-99' })
    expect(res.status).toBe(206)
    await res.arrayBuffer()
  }, 150_000)

  it('LibTV saw each shot submitted exactly once; committed tasks were resumed, not resubmitted', () => {
    expectEachShotSubmittedOnce(videoId)
    for (const [position, taskId] of committedAtKill)
      expect(shots(videoId).find((s) => s.position === position)?.task_id).toBe(taskId)
    for (const shot of shots(videoId)) expect(shot.status).toBe('done')
    expect(sim.metrics().tasksCreated).toBe(shots(videoId).length)
  })

  it('the usage record exists exactly once and counts', () => {
    const records = usage(videoId)
    expect(records).toHaveLength(1)
    expect(records[0]!.voided_at).toBeNull()
    expect(db.prepare('select count(*) as n from videos').get()).toEqual({ n: 1 })
  })
})

describe('SIGTERM in the middle of a render', () => {
  let videoId: string

  it('the worker stops, hands its lease back, and the process exits cleanly', async () => {
    videoId = await submitOverHttp(client, screenplayIds[1]!)
    await waitFor('a committed task id', () => shots(videoId).some((s) => s.task_id), 30_000, 10)
    const stoppedAt = Date.now()
    child!.kill('SIGTERM')
    expect(await exited(child!)).toEqual({ code: 0, signal: null })
    expect(Date.now() - stoppedAt).toBeLessThan(10_000)
    expect(job(videoId)).toMatchObject({ state: 'running', lease_owner: null, lease_expires_at: null })
    expect(video(videoId).status).not.toBe('failed')
    expect(usage(videoId)[0]!.voided_at).toBeNull()
  }, 60_000)

  it('the next start resumes it at once and completes it, each shot submitted once', async () => {
    child = await startServer()
    const started = logs.find((l) => l.pid === child!.pid && l.msg === 'render worker started')!
    const claimed = await waitFor(
      'the job to be claimed',
      () => logs.find((l) => l.pid === child!.pid && l.msg === 'job claimed' && l.videoId === videoId),
      30_000,
    )
    // No lease to wait out: claimed at the worker's first look.
    expect(Number(claimed.time) - Number(started.time)).toBeLessThan(1500)
    const done = await waitDone(videoId, 120_000)
    expect(done.status).toBe('done')
    expectEachShotSubmittedOnce(videoId)
    expect(usage(videoId)).toHaveLength(1)
    expect(usage(videoId)[0]!.voided_at).toBeNull()
  }, 150_000)

  it('left no error in the logs', () => {
    const bad = logs.filter(
      (l) =>
        Number(l.level) >= 50 ||
        l.stderr !== undefined ||
        l.msg === 'render crashed' ||
        l.msg === 'video failed' ||
        l.msg === 'render worker crashed',
    )
    expect(bad).toEqual([])
  })
})
