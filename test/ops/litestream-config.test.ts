import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
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

  it('streams the file the app opens, from DATA_DIR', () => {
    expect(live).toContain('  - path: ${DATA_DIR}/lumina.db')
    expect(loadConfig({ DATA_DIR: '/data' }).databasePath).toBe('/data/lumina.db')
  })

  it('keeps credentials out of the file and history within the 30-day deletion promise', () => {
    expect(text).not.toMatch(/^\s*(access-key-id|secret-access-key)\s*:/m)
    for (const l of live.filter((l) => /^\s*url:|endpoint:|region:/.test(l)))
      expect(l).toMatch(/\$\{LITESTREAM_[A-Z_]+\}$/)
    const retentions = [...text.matchAll(/^\s*#?\s*retention:\s*(\d+)h\s*$/gm)].map((m) => Number(m[1]))
    expect(retentions.length).toBeGreaterThan(0)
    for (const hours of retentions) expect(hours).toBeLessThanOrEqual(30 * 24)
  })
})

describe('backups/run-with-litestream.sh', () => {
  const script = projectPath('backups/run-with-litestream.sh')
  const { LITESTREAM_REPLICA_URL: _u, LITESTREAM_BIN: _b, ...baseEnv } = process.env

  it('runs the app directly when no replica is configured', () => {
    const run = spawnSync(script, [process.execPath, '-e', "process.stdout.write('direct run')"], {
      env: baseEnv,
      encoding: 'utf8',
    })
    expect(run.status).toBe(0)
    expect(run.stdout).toBe('direct run')
  })

  it('runs it under litestream replicate -exec with our config when one is', () => {
    const dir = tempDataDir()
    const stub = path.join(dir, 'litestream')
    fs.writeFileSync(stub, '#!/bin/sh\nfor a in "$@"; do echo "$a"; done\n', { mode: 0o755 })
    const env = { ...baseEnv, LITESTREAM_REPLICA_URL: 's3://bucket/lumina', LITESTREAM_BIN: stub }
    const run = spawnSync(script, ['node', 'dist/src/main.js'], { env, encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(run.stdout.trim().split('\n')).toEqual([
      'replicate',
      '-config',
      configFile,
      '-exec',
      'node dist/src/main.js',
    ])
  })
})

// Runs only where a Litestream 0.3 binary is installed (e.g. after adding @flydotio/litestream).
const bin =
  process.env.LITESTREAM_BIN ??
  [projectPath('node_modules/@flydotio/litestream-linux-x64/litestream')].find((f) => fs.existsSync(f))

describe.skipIf(!bin)('with the litestream binary', () => {
  it('accepts the config, and its documented file replica restores what the app wrote', () => {
    const dataDir = tempDataDir()
    const replicaDir = tempDataDir()
    const db = openAppDb(dataDir)
    const users = insertUsers(db.$client, 5)
    db.$client.close()
    // The commented-out file replica, switched on in place of the S3 one.
    const fileConfig = path.join(dataDir, 'file.yml')
    const head = text.slice(0, text.indexOf('      - name: offsite'))
    const alt = text
      .slice(text.indexOf('      # - name: disk'))
      .replace(/^ {6}# - /m, '      - ')
      .replace(/^ {6}# {3}/gm, '        ')
    fs.writeFileSync(fileConfig, head + alt.replace('/mnt/backup-disk/lumina', replicaDir))
    const env = { ...process.env, DATA_DIR: dataDir }

    const listed = spawnSync(bin!, ['databases', '-config', configFile], {
      env: { ...env, LITESTREAM_REPLICA_URL: 's3://b/p' },
      encoding: 'utf8',
    })
    expect(listed.stdout).toContain(path.join(dataDir, 'lumina.db'))

    // The app's part, played by a script run through -exec; Litestream syncs when it exits.
    const writer = path.join(dataDir, 'writer.cjs')
    fs.writeFileSync(
      writer,
      `const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))})
      const db = new Database(process.env.DATA_DIR + '/lumina.db')
      db.prepare("INSERT INTO users VALUES ('late', 'late@example.com', 'x', 'free', 1)").run()
      setTimeout(() => db.close(), 1500)`,
    )
    const run = spawnSync(bin!, ['replicate', '-config', fileConfig, '-exec', `${process.execPath} ${writer}`], {
      env,
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(run.status, run.stderr + run.stdout).toBe(0)

    const out = path.join(dataDir, 'from-replica.db')
    const restored = spawnSync(bin!, ['restore', '-config', fileConfig, '-o', out, path.join(dataDir, 'lumina.db')], {
      env,
      encoding: 'utf8',
    })
    expect(restored.status, restored.stderr + restored.stdout).toBe(0)
    expect(readUsers(out).map((u) => u.id)).toEqual([...users.map((u) => u.id), 'late'].sort())
  }, 30_000)
})
