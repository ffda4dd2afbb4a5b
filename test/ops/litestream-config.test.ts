import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { litestreamBinary, litestreamConfigFile } from '../../src/ops/litestream.js'
import { projectPath } from '../../src/paths.js'
import { cleanupTempDirs, insertUsers, openAppDb, readUsers, tempDataDir } from './helpers.js'

afterEach(cleanupTempDirs)

const configFile = projectPath('backups/litestream.yml')
const text = fs.readFileSync(configFile, 'utf8')
// The lines Litestream reads (comments document the alternatives).
const live = text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))

describe('backups/litestream.yml', () => {
  it('is the 0.3 shape: dbs with a replicas list', () => {
    expect(live[0]).toBe('dbs:')
    expect(live.some((l) => /^ {4}replicas:$/.test(l))).toBe(true)
    expect(live.some((l) => /^\s*replica:/.test(l))).toBe(false) // 0.5's singular key
  })

  it('streams the file the app opens, from DATA_DIR, and is the file the restore uses by default', () => {
    expect(live).toContain('  - path: ${DATA_DIR}/lumina.db')
    expect(loadConfig({ DATA_DIR: '/data' }).databasePath).toBe('/data/lumina.db')
    expect(litestreamConfigFile(undefined)).toBe(configFile)
    expect(litestreamConfigFile('other.yml')).toBe(path.resolve('other.yml'))
  })

  it('keeps credentials out of the file and history within the 30-day deletion promise', () => {
    expect(text).not.toMatch(/^\s*(access-key-id|secret-access-key)\s*:/m)
    for (const l of live.filter((l) => /^\s*(url|endpoint|region|force-path-style):/.test(l)))
      expect(l).toMatch(/\$\{LITESTREAM_[A-Z_]+\}$/)
    const retentions = [...text.matchAll(/^\s*retention:\s*(\d+)h\s*$/gm)].map((m) => Number(m[1]))
    expect(retentions).toEqual([720])
  })
})

describe('backups/run-with-litestream.sh', () => {
  const script = projectPath('backups/run-with-litestream.sh')
  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'DATA_DIR' && !k.startsWith('LITESTREAM_')),
  )
  /** A stand-in for litestream that prints its arguments and DATA_DIR. */
  function stub(): string {
    const file = path.join(tempDataDir(), 'litestream')
    fs.writeFileSync(file, '#!/bin/sh\nfor a in "$@"; do echo "$a"; done\necho "DATA_DIR=$DATA_DIR"\n', { mode: 0o755 })
    return file
  }

  it('runs the app directly when no replica is configured', () => {
    const run = spawnSync(script, [process.execPath, '-e', "process.stdout.write('direct run')"], {
      env: baseEnv,
      encoding: 'utf8',
    })
    expect(run.status).toBe(0)
    expect(run.stdout).toBe('direct run')
  })

  it('runs it under litestream replicate -exec with our config and an absolute DATA_DIR when one is', () => {
    const cwd = tempDataDir()
    const env = { ...baseEnv, LITESTREAM_REPLICA_URL: 's3://bucket/lumina', LITESTREAM_BIN: stub() }
    const run = spawnSync(script, ['node', 'dist/src/main.js'], { env, cwd, encoding: 'utf8' })
    expect(run.status).toBe(0)
    // make run sets no DATA_DIR: the app's default ./data, made absolute for litestream.yml.
    expect(run.stdout.trim().split('\n')).toEqual([
      'replicate',
      '-config',
      configFile,
      '-exec',
      'node dist/src/main.js',
      `DATA_DIR=${fs.realpathSync(cwd)}/data`,
    ])
    const other = spawnSync(script, ['node', 'x.js'], {
      env: { ...env, LITESTREAM_CONFIG: '/etc/lumina/litestream.yml', DATA_DIR: '/tmp' },
      cwd,
      encoding: 'utf8',
    })
    expect(other.stdout).toContain('-config\n/etc/lumina/litestream.yml\n')
    expect(other.stdout).toContain('DATA_DIR=/tmp\n')
  })

  it('says so and stops when a replica is configured but no litestream is found', () => {
    const run = spawnSync(script, ['node', 'x.js'], {
      env: { ...baseEnv, LITESTREAM_REPLICA_URL: 's3://b/p', LITESTREAM_BIN: '/nonexistent/litestream' },
      cwd: tempDataDir(),
      encoding: 'utf8',
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/litestream was not found/)
  })
})

describe('the litestream binary', () => {
  it('comes from @flydotio/litestream-linux-x64 and is Litestream 0.3.13', () => {
    const bin = litestreamBinary({})
    expect(bin).toBe(
      path.join(
        path.dirname(createRequire(import.meta.url).resolve('@flydotio/litestream-linux-x64/package.json')),
        'litestream',
      ),
    )
    expect(execFileSync(bin, ['version'], { encoding: 'utf8' }).trim()).toBe('v0.3.13')
    expect(litestreamBinary({ LITESTREAM_BIN: '/opt/litestream' })).toBe('/opt/litestream')
  })

  it('accepts the config with a file:// replica, and restores what an app run under -exec wrote', () => {
    const dataDir = tempDataDir()
    const replica = tempDataDir()
    const db = openAppDb(dataDir)
    const users = insertUsers(db.$client, 5)
    db.$client.close()
    const env = { ...process.env, DATA_DIR: dataDir, LITESTREAM_REPLICA_URL: `file://${replica}` }

    const listed = spawnSync(litestreamBinary(), ['databases', '-config', configFile], { env, encoding: 'utf8' })
    expect(listed.stdout).toContain(path.join(dataDir, 'lumina.db'))
    expect(listed.stdout).toContain('offsite')

    // The app's part, played by a script run through -exec; Litestream syncs when it exits.
    const writer = path.join(dataDir, 'writer.cjs')
    fs.writeFileSync(
      writer,
      `const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))})
      const db = new Database(process.env.DATA_DIR + '/lumina.db')
      db.prepare("INSERT INTO users (id, email, password_hash, plan, created_at) VALUES ('late', 'late@example.com', 'x', 'free', 1)").run()
      setTimeout(() => db.close(), 1500)`,
    )
    const run = spawnSync(projectPath('backups/run-with-litestream.sh'), [process.execPath, writer], {
      env,
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(run.status, run.stderr + run.stdout).toBe(0)

    const out = path.join(dataDir, 'from-replica.db')
    const restored = spawnSync(
      litestreamBinary(),
      ['restore', '-config', configFile, '-o', out, path.join(dataDir, 'lumina.db')],
      { env, encoding: 'utf8' },
    )
    expect(restored.status, restored.stderr + restored.stdout).toBe(0)
    expect(readUsers(out).map((u) => u.id)).toEqual([...users.map((u) => u.id), 'late'].sort())
  }, 30_000)
})
