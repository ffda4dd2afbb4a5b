import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { projectPath, projectRoot } from '../../src/paths.js'

// Runs docker-entrypoint.sh for real, as root as Fly starts it, with a temporary data folder, a
// fresh unprivileged user standing in for `node`, and test/deploy/fake-server.mjs standing in for
// the app. A fresh uid owns nothing on this machine before the run, so every file it owns after
// the run is one the app's processes wrote.

const entrypoint = projectPath('docker-entrypoint.sh')
const fakeServer = projectPath('test/deploy/fake-server.mjs')
const litestream = projectPath('node_modules/@flydotio/litestream-linux-x64/litestream')
const runWithLitestream = projectPath('backups/run-with-litestream.sh')
const asRoot = process.getuid?.() === 0
const user = `lumina-ep-${randomBytes(4).toString('hex')}`
let uid = -1
let gid = -1
const temps: string[] = []

type ProcessInfo = { name: string; uid: number[]; gid: number[]; groups: number[]; capEff: string }
type Report = {
  server: ProcessInfo
  parent: ProcessInfo
  ffmpeg: ProcessInfo
  ffmpegExit: number
  marksBefore: string[]
  tmpdir: string
}

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  temps.push(dir)
  return dir
}

/** Runs the entrypoint as the container would: as root, from the app folder, with this command. */
function runEntrypoint(env: Record<string, string>, command: string[]) {
  const run = spawnSync(entrypoint, command, {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LUMINA_USER: user, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (run.status !== 0) throw new Error(`entrypoint exited ${run.status}: ${run.stderr}`)
  return run
}

/** Every path the test user owns in the places an unprivileged process could write to. */
function filesOwnedByUser(): string[] {
  const roots = ['/tmp', '/var/tmp', '/dev/shm', '/run/lock', projectRoot].filter((r) => fs.existsSync(r))
  const found = spawnSync('find', [...roots, '-xdev', '-user', String(uid)], { encoding: 'utf8' })
  return found.stdout.split('\n').filter(Boolean)
}

function expectUnprivileged(info: ProcessInfo) {
  expect(info.uid).toEqual([uid, uid, uid, uid]) // real, effective, saved, file system
  expect(info.gid).toEqual([gid, gid, gid, gid])
  expect(info.groups.filter((g) => g !== gid)).toEqual([]) // none of root's groups kept
  expect(BigInt(`0x${info.capEff}`)).toBe(0n)
}

describe.skipIf(!asRoot)('docker-entrypoint.sh, run for real', () => {
  beforeAll(() => {
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      user,
    ])
    uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }))
    gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }))
  })

  // Each test starts with the user owning nothing.
  afterEach(() => {
    for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })
  afterAll(() => {
    if (uid > 0) spawnSync('userdel', [user])
  })

  it('hands the root-owned volume over, drops root, and the server and its ffmpeg write only there', () => {
    const dataDir = tempDir('lumina-volume-')
    // A fresh volume is root's, and so is a file copied onto it as root (e.g. over `fly ssh console`).
    fs.mkdirSync(path.join(dataDir, 'users'))
    fs.writeFileSync(path.join(dataDir, 'users', 'restored-as-root.jpg'), 'bytes')
    expect(fs.statSync(dataDir).uid).toBe(0)
    expect(filesOwnedByUser()).toEqual([])

    // The image's settings (Dockerfile ENV): temporary files and caches on the data volume.
    const env = {
      DATA_DIR: dataDir,
      TMPDIR: path.join(dataDir, 'tmp'),
      XDG_CACHE_HOME: path.join(dataDir, 'tmp/cache'),
    }
    runEntrypoint(env, [process.execPath, fakeServer, 'first'])

    const report = JSON.parse(fs.readFileSync(path.join(dataDir, 'report-first.json'), 'utf8')) as Report
    expectUnprivileged(report.server)
    expect(report.ffmpeg.name).toBe('ffmpeg')
    expectUnprivileged(report.ffmpeg)
    expect(report.ffmpegExit).toBe(0)
    expect(report.tmpdir).toBe(path.join(dataDir, 'tmp'))

    // What the user owns is all inside the data folder, and the folder is all the user's.
    const owned = filesOwnedByUser()
    expect(owned.length).toBeGreaterThan(0)
    expect(owned.filter((p) => p !== dataDir && !p.startsWith(`${dataDir}/`))).toEqual([])
    for (const file of ['lumina.db', 'clip-first.mp4', 'tmp/caption-first.txt', 'users/restored-as-root.jpg'])
      expect(owned).toContain(path.join(dataDir, file))
    const notTheUsers = spawnSync('find', [dataDir, '!', '-user', String(uid)], { encoding: 'utf8' })
    expect(notTheUsers.stdout).toBe('')
  })

  it('starts the real app as the user, serves /healthz, and stops on SIGTERM having written only the data folder', async () => {
    const dataDir = tempDir('lumina-volume-')
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LUMINA_USER: user,
      DATA_DIR: dataDir,
      TMPDIR: path.join(dataDir, 'tmp'),
      XDG_CACHE_HOME: path.join(dataDir, 'tmp/cache'),
      HOST: '127.0.0.1',
      PORT: '0',
    }
    const app = spawn(entrypoint, [process.execPath, '--import', 'tsx', 'src/main.ts'], { cwd: projectRoot, env })
    const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)))
    let output = ''
    app.stderr.on('data', (d) => (output += d))
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the app did not start: ${output}`)), 30_000)
      app.stdout.on('data', (d) => {
        output += d
        // The worker starts once the server listens: then every part of the app is up.
        const started = output.includes('"msg":"render worker started"')
        const listening = /"port":(\d+)/.exec(output)
        if (started && listening) {
          clearTimeout(timer)
          resolve(Number(listening[1]))
        }
      })
    })
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(health.status).toBe(200)
      // setpriv and the entrypoint exec, so the container's first process has become the server.
      const status = fs.readFileSync(`/proc/${app.pid}/status`, 'utf8')
      expect(/^Uid:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/m.exec(status)?.slice(1).map(Number)).toEqual([uid, uid, uid, uid])
      expect(/^CapEff:\s+(\w+)$/m.exec(status)?.[1]).toMatch(/^0+$/)
    } finally {
      app.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(output).toContain('shutting down')
    const owned = filesOwnedByUser()
    expect(owned).toContain(path.join(dataDir, 'lumina.db'))
    expect(owned.filter((p) => p !== dataDir && !p.startsWith(`${dataDir}/`))).toEqual([])
  }, 60_000)

  it('refuses to run the app as root', () => {
    const dataDir = tempDir('lumina-volume-')
    const run = spawnSync(entrypoint, [process.execPath, fakeServer, 'root'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, LUMINA_USER: 'root' },
      encoding: 'utf8',
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('refusing to run the app as root')
    expect(fs.existsSync(path.join(dataDir, 'report-root.json'))).toBe(false)
  })

  it('replicates under litestream -exec, and restores the database from the replica when it is missing', () => {
    expect(fs.existsSync(litestream)).toBe(true)
    const replica = tempDir('lumina-replica-')
    fs.chmodSync(replica, 0o777) // the replica is written by the app's user, as a bucket would be
    const dataDir = tempDir('lumina-volume-')
    const env = {
      DATA_DIR: dataDir,
      TMPDIR: path.join(dataDir, 'tmp'),
      XDG_CACHE_HOME: path.join(dataDir, 'tmp/cache'),
      LITESTREAM_REPLICA_URL: `file://${replica}`,
      LITESTREAM_BIN: litestream,
    }

    // First start on an empty volume: nothing to restore yet; the app runs under Litestream.
    const first = runEntrypoint(env, [runWithLitestream, process.execPath, fakeServer, 'first'])
    expect(first.stderr).toContain('restoring the newest copy from the replica')
    // Without the signing key, the operator is told where the snapshots' key would be lost.
    expect(first.stderr).toContain('BACKUP_SIGNING_KEY is not set: manifests signed before this disk cannot be checked')
    const report = JSON.parse(fs.readFileSync(path.join(dataDir, 'report-first.json'), 'utf8')) as Report
    expect(report.marksBefore).toEqual([])
    expect(report.parent.name).toBe('litestream')
    expectUnprivileged(report.parent)
    expectUnprivileged(report.server)
    expectUnprivileged(report.ffmpeg)
    expect(fs.readdirSync(path.join(replica, 'generations')).length).toBe(1)

    // The disk dies: the next machine starts with an empty volume and gets the database back.
    fs.rmSync(dataDir, { recursive: true })
    fs.mkdirSync(dataDir)
    const second = runEntrypoint({ ...env, BACKUP_SIGNING_KEY: 'k'.repeat(44) }, [
      runWithLitestream,
      process.execPath,
      fakeServer,
      'second',
    ])
    expect(second.stderr).not.toContain('BACKUP_SIGNING_KEY')
    const restored = JSON.parse(fs.readFileSync(path.join(dataDir, 'report-second.json'), 'utf8')) as Report
    expect(restored.marksBefore).toEqual(['first'])
    expect(fs.statSync(path.join(dataDir, 'lumina.db')).uid).toBe(uid)
    const owned = filesOwnedByUser()
    expect(owned.filter((p) => !p.startsWith(`${dataDir}/`) && !p.startsWith(`${replica}/`) && p !== dataDir)).toEqual(
      [],
    )
  })
})
