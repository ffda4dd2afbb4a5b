import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deletionTombstones, renderJobs, usageRecords, users, videoShots, videos } from '../db/schema.js'
import { adminCli } from '../src/cli/admin.js'
import { ensureSigningKey } from '../src/ops/manifest-signing.js'
import { listSnapshots, snapshotName, takeSnapshot } from '../src/ops/snapshots.js'

import { projectRoot } from '../src/paths.js'
import { submitRender } from '../src/render/submit.js'
import { userDir } from '../src/storage.js'
import { GOOD_PASSWORD } from './support/accounts.js'
import { startTestApp, type TestApp } from './support/app.js'
import { BrowserClient } from './support/browser-client.js'
import { makeBrief, newRenderUser, type RenderUser } from './support/render.js'

// `npm run admin -- …` as the operator runs it: its own process, on the DATA_DIR of a running app.

let app: TestApp

type Run = { status: number | null; stdout: string; stderr: string }

function admin(...args: string[]): Promise<Run> {
  // vitest puts Vite's BASE_URL ("/") in process.env; the tool reads BASE_URL for mail links.
  const { DATA_DIR: _ignored, BASE_URL: _vite, ...parentEnv } = process.env
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], {
      cwd: projectRoot,
      env: { ...parentEnv, DATA_DIR: app.dataDir },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

/**
 * The same tool in this process, for the refusals: quicker than a process each, and the exit
 * status and messages come from the same adminCli the program runs.
 */
async function adminHere(...args: string[]): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const status = await adminCli(
    args,
    { DATA_DIR: app.dataDir },
    { out: (t) => (stdout += t), err: (t) => (stderr += t) },
  )
  return { status, stdout, stderr }
}

const userRow = (id: string) => app.db.select().from(users).where(eq(users.id, id)).get()

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app.close())

describe('admin: accounts', () => {
  let user: RenderUser
  beforeAll(async () => {
    user = await newRenderUser(app)
  })

  it('finds an account by its email, and refuses what is not one', async () => {
    const found = await admin('find-user', user.email.toUpperCase())
    expect(found.status).toBe(0)
    const created = new Date(userRow(user.id)!.createdAt).toISOString()
    expect(found.stdout).toContain(`id:        ${user.id}`)
    expect(found.stdout).toContain('plan:      free')
    expect(found.stdout).toContain(`created:   ${created}`)
    expect(found.stdout).toContain('disabled:  no')

    const unknown = await adminHere('find-user', 'nobody-here@example.com')
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toBe('admin: no account has the email "nobody-here@example.com"\n')
    const partial = await adminHere('find-user', user.email.split('@')[0]!)
    expect(partial.status).toBe(1)
    expect(partial.stdout).toBe('')
    const twoAtOnce = await adminHere('find-user', user.email, 'another@example.com')
    expect(twoAtOnce.status).toBe(2)
    expect(twoAtOnce.stderr).toContain('find-user takes 1 argument')
    const unknownCommand = await adminHere('make-coffee')
    expect(unknownCommand.status).toBe(2)
  })

  it("changes the plan and shows this month's usage and storage", async () => {
    const wrongPlan = await adminHere('set-plan', user.id, 'platinum')
    expect(wrongPlan.status).toBe(1)
    expect(wrongPlan.stderr).toContain('unknown plan "platinum"')
    expect(userRow(user.id)!.plan).toBe('free')

    const changed = await admin('set-plan', user.email, 'studio')
    expect(changed.status).toBe(0)
    expect(changed.stdout).toBe(`${user.id}: plan free → studio\n`)
    expect(userRow(user.id)!.plan).toBe('studio')

    const brief = await makeBrief(app, user.id)
    submitRender(app.db, user.id, brief.screenplayId, 'kling-v2-1')
    const usage = await admin('usage', user.id)
    expect(usage.status).toBe(0)
    expect(usage.stdout).toContain('videos:       1 of 150 this month')
    expect(usage.stdout).toContain('photos:       1 of 1000')
    expect(usage.stdout).toContain('briefs:       1 of 500')
    expect(usage.stdout).toMatch(/on disk: +\d+(\.\d)? KiB/)
  })

  it('shows the points LibTV charged per month, for one account and for all, deleted videos included', async () => {
    const someone = await newRenderUser(app, 'studio')
    const brief = await makeBrief(app, someone.id)
    const charge = (userId: string, at: string, points: number | null) => {
      const video = submitRender(app.db, userId, brief.screenplayId, 'kling-v2-1')
      app.db
        .update(usageRecords)
        .set({ createdAt: Date.parse(at), pointsCost: points })
        .where(eq(usageRecords.videoId, video.id))
        .run()
      return video.id
    }
    expect((await adminHere('usage', someone.id)).stdout).toContain('LibTV points: none charged yet')
    charge(someone.id, '2026-10-31T23:59:00Z', 60)
    const deleted = charge(someone.id, '2026-11-01T00:00:00Z', 40)
    charge(someone.id, '2026-11-15T12:00:00Z', null) // failed before LibTV charged anything
    app.db.delete(videos).where(eq(videos.id, deleted)).run() // the points stay on the usage record

    const mine = await admin('usage', someone.id)
    expect(mine.status).toBe(0)
    expect(mine.stdout).toContain(
      'LibTV points charged, by month (UTC):\n  2026-11       40 points  2 videos\n  2026-10       60 points  1 video\n',
    )
    const everyone = await adminHere('points')
    expect(everyone.status).toBe(0)
    expect(everyone.stdout).toMatch(/ {2}2026-11 {7}40 points {2}2 videos\n {2}2026-10 {7}60 points {2}1 video\n$/)
    expect((await adminHere('points', 'extra')).status).toBe(2)
  })

  it('disables an account (no sign-in, sessions and API key refused) and enables it again', async () => {
    const me = () => fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${user.apiKey}` } })
    const signIn = () => new BrowserClient(app.url).postForm('/signin', { email: user.email, password: GOOD_PASSWORD })
    expect((await me()).status).toBe(200)
    expect((await user.client.get('/account')).status).toBe(200)

    const disabled = await admin('disable', user.email)
    expect(disabled.status).toBe(0)
    expect(disabled.stdout).toMatch(new RegExp(`^${user.id}: disabled; [1-9]\\d* sessions? signed out`))
    expect(userRow(user.id)!.disabledAt).not.toBeNull()
    expect((await me()).status).toBe(401)
    const page = await user.client.get('/account')
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toMatch(/^\/signin/)
    expect((await signIn()).status).toBe(422)
    expect((await adminHere('disable', user.id)).stdout).toContain('already disabled')

    const enabled = await admin('enable', user.id)
    expect(enabled.status).toBe(0)
    expect(enabled.stdout).toBe(`${user.id}: enabled\n`)
    expect((await me()).status).toBe(200)
    expect((await signIn()).status).toBe(303)
  })

  it('deletes an account only with --yes, through the account page’s own path', async () => {
    const doomed = await newRenderUser(app)
    await makeBrief(app, doomed.id)
    expect(fs.existsSync(userDir(app.dataDir, doomed.id))).toBe(true)

    const unconfirmed = await adminHere('delete-user', doomed.email)
    expect(unconfirmed.status).toBe(1)
    expect(unconfirmed.stderr).toContain('add --yes')
    expect(userRow(doomed.id)).toBeDefined()

    const deleted = await admin('delete-user', doomed.email, '--yes')
    expect(deleted.status).toBe(0)
    expect(deleted.stdout).toContain(`${doomed.id}: deleted`)
    expect(userRow(doomed.id)).toBeUndefined()
    expect(fs.existsSync(userDir(app.dataDir, doomed.id))).toBe(false)
    expect(app.db.select().from(deletionTombstones).where(eq(deletionTombstones.userId, doomed.id)).get()).toBeDefined()
    expect((await adminHere('usage', doomed.id)).status).toBe(1)
  })
})

describe('admin: renders', () => {
  it('shows the queue, requeues a stuck render and fails one with a reason', async () => {
    const owner = await newRenderUser(app, 'studio')
    const brief = await makeBrief(app, owner.id)
    const stuck = submitRender(app.db, owner.id, brief.screenplayId, 'kling-v2-1')
    const other = submitRender(app.db, owner.id, brief.screenplayId, 'kling-v2-1')
    // A worker took `stuck` and hung: running, under a lease it keeps for ten more minutes.
    app.db
      .update(renderJobs)
      .set({ state: 'running', leaseOwner: 'worker-hung', leaseExpiresAt: Date.now() + 600_000, attempts: 1 })
      .where(eq(renderJobs.videoId, stuck.id))
      .run()

    const queue = await admin('queue')
    expect(queue.status).toBe(0)
    expect(queue.stdout).toMatch(/jobs: queued [1-9]\d*, running 1, done 0, failed 0, canceled 0/)
    expect(queue.stdout).toMatch(new RegExp(`video ${stuck.id}  running  attempts 1 .* lease \\d+ min left`))

    const requeued = await admin('requeue', stuck.id)
    expect(requeued.status).toBe(0)
    expect(requeued.stdout).toContain(`video ${stuck.id}: requeued (was running`)
    const job = app.db.select().from(renderJobs).where(eq(renderJobs.videoId, stuck.id)).get()!
    expect(job).toMatchObject({ state: 'queued', leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null })

    const noReason = await adminHere('fail', other.id)
    expect(noReason.status).toBe(1)
    expect(noReason.stderr).toContain('--reason')
    const failed = await admin('fail', other.id, '--reason', 'LibTV lost this task; please render it again.')
    expect(failed.status).toBe(0)
    expect(failed.stdout).toContain(`video ${other.id}: failed`)
    const video = app.db.select().from(videos).where(eq(videos.id, other.id)).get()!
    expect(video).toMatchObject({ status: 'failed', failureReason: 'LibTV lost this task; please render it again.' })
    expect(app.db.select().from(renderJobs).where(eq(renderJobs.videoId, other.id)).get()!.state).toBe('failed')
    expect(app.db.select().from(usageRecords).where(eq(usageRecords.videoId, other.id)).get()!.voidedAt).not.toBeNull()
    const shots = app.db.select().from(videoShots).where(eq(videoShots.videoId, other.id)).all()
    expect(shots.every((s) => s.status === 'canceled')).toBe(true)

    const again = await adminHere('fail', other.id, '--reason', 'twice')
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('already ended (failed); nothing changed')
    expect((await adminHere('requeue', randomUUID())).status).toBe(1)
    expect((await adminHere('requeue', 'not-a-video')).status).toBe(1)
  })
})

describe('admin: backups and disk', () => {
  it('takes a snapshot, lists the snapshots, prunes old ones and shows the disk', async () => {
    const dir = path.join(app.dataDir, 'backups')
    const none = await adminHere('backups')
    expect(none.stdout).toBe(`no snapshots in ${dir}\n`)

    const taken = await admin('snapshot')
    expect(taken.status).toBe(0)
    const [newest] = listSnapshots(dir)
    expect(taken.stdout).toContain(`snapshot taken: ${newest!.path}`)
    // Forty older ones, a day apart: the retention keeps 7 daily and 4 weekly, none past 30 days.
    for (let day = 1; day <= 40; day++) {
      await takeSnapshot(app.db, {
        dataDir: app.dataDir,
        backupDir: dir,
        signingKey: ensureSigningKey(app.dataDir, undefined).key,
        now: newest!.time - day * 86_400_000,
      })
    }
    expect(listSnapshots(dir)).toHaveLength(41)

    const pruned = await admin('prune')
    expect(pruned.status).toBe(0)
    const left = listSnapshots(dir)
    expect(left.length).toBeGreaterThanOrEqual(8)
    expect(left.length).toBeLessThanOrEqual(12)
    expect(left.every((s) => s.time > newest!.time - 30 * 86_400_000)).toBe(true)
    expect(pruned.stdout.trim().split('\n')).toHaveLength(41 - left.length)
    expect(pruned.stdout).toContain(`deleted ${snapshotName(newest!.time - 40 * 86_400_000)}`)

    const listed = await admin('backups')
    expect(listed.stdout).toMatch(new RegExp(`^newest snapshot: \\d+ s old \\(${left.length} in `))
    for (const s of left) expect(listed.stdout).toContain(s.name)

    const disk = await admin('disk')
    expect(disk.status).toBe(0)
    expect(disk.stdout).toMatch(/^free: +\d+(\.\d)? [KMGT]iB/)
    expect(disk.stdout).toContain(`(${app.dataDir})`)
    expect(fs.existsSync(path.join(app.dataDir, 'lumina.db'))).toBe(true)
  })
})
