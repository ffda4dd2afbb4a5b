// Signed manifests (src/ops/manifest-signing.ts): a snapshot whose files and manifest were edited to
// match is refused, so is one nobody signed (unless forced), and the key never travels with the backups.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { recordTombstone } from '../../src/accounts/tombstones.js'
import { checkSignature, ensureSigningKey, findSigningKey, SIGNATURE_FILE } from '../../src/ops/manifest-signing.js'
import { secretFile } from '../../src/ops/secrets.js'
import {
  DATABASE_FILE,
  MANIFEST_FILE,
  readSignedManifest,
  type SnapshotManifest,
  snapshotName,
  takeSnapshot,
} from '../../src/ops/snapshots.js'
import {
  byId,
  cleanupTempDirs,
  fingerprint,
  hashTree,
  insertUsers,
  openAppDb,
  readUsers,
  runBackupCli,
  runBackupInProcess,
  snapshotKey,
  tempDataDir,
  writeUserFile,
} from './helpers.js'

afterEach(cleanupTempDirs)

const T1 = Date.UTC(2026, 10, 24, 3)
const T2 = Date.UTC(2026, 10, 25, 3)
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex')
const OTHER_KEY = 'k'.repeat(44)

async function populatedWithSnapshot() {
  const dataDir = tempDataDir()
  const backupDir = path.join(dataDir, 'backups')
  const db = openAppDb(dataDir)
  const users = insertUsers(db.$client, 3)
  const photo = writeUserFile(dataDir, users[0]!.id, 'images/a.jpg', 'the real photo')
  writeUserFile(dataDir, users[1]!.id, `videos/${randomUUID()}/video.mp4`, Buffer.alloc(4000, 9))
  const snapshot = await takeSnapshot(db, { dataDir, backupDir, signingKey: snapshotKey(dataDir), now: T1 })
  db.$client.close()
  return { dataDir, backupDir, users, photo, snapshot, files: hashTree(path.join(dataDir, 'users')) }
}

const manifestFile = (snapshotDir: string) => path.join(snapshotDir, MANIFEST_FILE)
function editManifest(snapshotDir: string, edit: (m: SnapshotManifest) => void): void {
  const m = JSON.parse(fs.readFileSync(manifestFile(snapshotDir), 'utf8')) as SnapshotManifest
  edit(m)
  fs.writeFileSync(manifestFile(snapshotDir), `${JSON.stringify(m, null, 1)}\n`)
}

/** Runs a restore that must be refused: exit 1, one line on stderr, nothing in DATA_DIR changed. */
async function expectRefused(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const before = fingerprint(dataDir)
  const run = await runBackupInProcess(['restore', '--data-dir', dataDir, ...args], env)
  expect(run.status).toBe(1)
  expect(run.stdout).toBe('')
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(fingerprint(dataDir)).toEqual(before)
  return run.stderr
}

describe('manifest signatures', () => {
  it('cover the exact bytes, and tell apart an edit, another key, no signature, a garbled one and no key', async () => {
    const { dataDir, snapshot } = await populatedWithSnapshot()
    const key = snapshotKey(dataDir)
    const bytes = fs.readFileSync(manifestFile(snapshot.path))
    const signature = fs.readFileSync(path.join(snapshot.path, SIGNATURE_FILE), 'utf8')
    expect(JSON.parse(signature)).toEqual({
      algorithm: 'HMAC-SHA256',
      keyId: key.id,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect(signature).not.toContain(key.secret.toString())
    expect(checkSignature(bytes, signature, key, 'm')).toEqual({ ok: true, keyId: key.id, from: key.from })

    const other = findSigningKey(dataDir, OTHER_KEY)!
    expect(other.from).toBe('BACKUP_SIGNING_KEY')
    const problem = (b: Buffer, sig: string | null, k: typeof key | null) => {
      const check = checkSignature(b, sig, k, 'm')
      return check.ok ? 'ok' : check.problem
    }
    expect(problem(bytes, signature, other)).toBe('other-key')
    // One space more is another manifest: the signature is over bytes, not over what they parse to.
    expect(problem(Buffer.concat([bytes, Buffer.from(' ')]), signature, key)).toBe('mismatch')
    expect(problem(bytes, null, key)).toBe('unsigned')
    expect(problem(bytes, '{"algorithm":"none"}', key)).toBe('unreadable')
    expect(problem(bytes, `${signature.slice(0, -4)}"}`, key)).toBe('unreadable')
    expect(problem(bytes, signature, null)).toBe('no-key')
    // The variable wins over the stored file.
    expect(findSigningKey(dataDir, undefined)?.id).toBe(key.id)
    expect(findSigningKey(dataDir, OTHER_KEY)?.id).not.toBe(key.id)
  })

  it('keep every file under DATA_DIR/secrets out of the snapshot, and a restore leaves that folder alone', async () => {
    const dataDir = tempDataDir()
    const db = openAppDb(dataDir)
    const [user] = insertUsers(db.$client, 1)
    writeUserFile(dataDir, user!.id, 'images/a.jpg', 'photo')
    // Today's keys and any added later (the folder as a whole stays out, not a list of names).
    const secrets: Record<string, string> = {}
    for (const name of ['url-signing.key', 'backup-signing.key', 'webhook-secrets.key', 'some-future.key']) {
      secrets[name] = `${name}-${randomUUID()}-${randomUUID()}`
      fs.mkdirSync(path.dirname(secretFile(dataDir, name)), { recursive: true })
      fs.writeFileSync(secretFile(dataDir, name), `${secrets[name]}\n`)
    }
    const snapshot = await takeSnapshot(db, {
      dataDir,
      backupDir: path.join(dataDir, 'backups'),
      signingKey: snapshotKey(dataDir),
      now: T1,
    })
    db.$client.close()
    const inSnapshot = Object.keys(hashTree(snapshot.path))
    expect(inSnapshot.filter((f) => f.includes('secret') || f.endsWith('.key'))).toEqual([])
    for (const file of inSnapshot) {
      const content = fs.readFileSync(path.join(snapshot.path, file))
      const text = file === DATABASE_FILE ? zlib.gunzipSync(content).toString('latin1') : content.toString('latin1')
      for (const secret of Object.values(secrets)) expect(text, file).not.toContain(secret)
    }

    const before = fingerprint(path.join(dataDir, 'secrets'))
    const run = await runBackupInProcess(['restore', '--data-dir', dataDir, snapshot.name])
    expect(run.stderr).toBe('')
    expect(fingerprint(path.join(dataDir, 'secrets'))).toEqual(before)
  })

  it('an edited manifest is never the base of the next snapshot, which would sign what it says', async () => {
    const { dataDir, backupDir, photo, snapshot } = await populatedWithSnapshot()
    // Same size, same mtime in the manifest: the next snapshot would link it without reading it.
    const forged = 'a forged photo'
    expect(forged.length).toBe('the real photo'.length)
    fs.rmSync(path.join(snapshot.path, photo))
    fs.writeFileSync(path.join(snapshot.path, photo), forged)
    editManifest(snapshot.path, (m) => {
      m.files.find((f) => f.path === photo)!.sha256 = sha256(forged)
    })

    const db = openAppDb(dataDir)
    const next = await takeSnapshot(db, { dataDir, backupDir, signingKey: snapshotKey(dataDir), now: T2 })
    db.$client.close()

    expect(next.files).toMatchObject({ copied: 2, linked: 0 })
    expect(next.manifest.files.find((f) => f.path === photo)!.sha256).toBe(sha256('the real photo'))
    expect(fs.readFileSync(path.join(next.path, photo), 'utf8')).toBe('the real photo')
    expect(readSignedManifest(next.path, snapshotKey(dataDir)).signature.ok).toBe(true)
  })
})

describe('a restore', () => {
  it('refuses a snapshot whose files and manifest were edited to match, changing nothing', async () => {
    const { dataDir, users, photo, snapshot, files } = await populatedWithSnapshot()
    // The attacker's photo, with the manifest's SHA-256 and size made to match.
    const evil = 'someone else entirely'
    fs.rmSync(path.join(snapshot.path, photo))
    fs.writeFileSync(path.join(snapshot.path, photo), evil)
    editManifest(snapshot.path, (m) => {
      const entry = m.files.find((f) => f.path === photo)!
      entry.sha256 = sha256(evil)
      entry.bytes = evil.length
    })
    const stderr = await expectRefused(dataDir, [snapshot.name])
    expect(stderr).toBe(
      `backup: ${snapshot.path} failed verification: ${manifestFile(snapshot.path)} does not match its signature: it was changed after it was signed; to use it without this check, add --force-unsigned; nothing was changed\n`,
    )

    // The database too: a password hash of the attacker's choosing, the manifest made to match.
    fs.writeFileSync(manifestFile(snapshot.path), `${JSON.stringify(snapshot.manifest, null, 1)}\n`)
    fs.rmSync(path.join(snapshot.path, photo))
    fs.writeFileSync(path.join(snapshot.path, photo), 'the real photo')
    const raw = path.join(tempDataDir(), 'raw.db')
    fs.writeFileSync(raw, zlib.gunzipSync(fs.readFileSync(path.join(snapshot.path, DATABASE_FILE))))
    const sqlite = new Database(raw)
    sqlite.prepare("UPDATE users SET password_hash = 'scrypt$attacker' WHERE id = ?").run(users[0]!.id)
    sqlite.close()
    const uncompressed = fs.readFileSync(raw)
    const gz = zlib.gzipSync(uncompressed)
    fs.writeFileSync(path.join(snapshot.path, DATABASE_FILE), gz)
    editManifest(snapshot.path, (m) => {
      m.database.sha256 = sha256(gz)
      m.database.bytes = gz.length
      m.database.uncompressedBytes = uncompressed.length
    })
    // In its own process, as the operator runs it.
    const before = fingerprint(dataDir)
    const run = await runBackupCli(['restore', '--data-dir', dataDir, 'latest'])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/does not match its signature: it was changed after it was signed/)
    expect(fingerprint(dataDir)).toEqual(before)
    expect(readUsers(path.join(dataDir, 'lumina.db'))).toEqual(byId(users))
    expect(hashTree(path.join(dataDir, 'users'))).toEqual(files)
  })

  it("refuses an unsigned snapshot (the previous release's), and restores it with --force-unsigned, saying so", async () => {
    const { dataDir, users, snapshot, files } = await populatedWithSnapshot()
    fs.rmSync(path.join(snapshot.path, SIGNATURE_FILE))
    const stderr = await expectRefused(dataDir, [snapshot.name])
    expect(stderr).toBe(
      `backup: ${snapshot.path} failed verification: ${manifestFile(snapshot.path)} has no signature (manifest.json.sig); snapshots taken before manifests were signed have none; to use it without this check, add --force-unsigned; nothing was changed\n`,
    )
    fs.rmSync(path.join(dataDir, 'users'), { recursive: true })

    const run = await runBackupInProcess(['restore', '--data-dir', dataDir, '--force-unsigned', snapshot.name])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe(
      `warning: SIGNATURE NOT CHECKED (--force-unsigned): ${manifestFile(snapshot.path)} has no signature (manifest.json.sig); snapshots taken before manifests were signed have none; its SHA-256s were checked, but anyone who could write the backups could have edited the data and the manifest to match`,
    )
    expect(lines.at(-2)).toBe(
      "warning: this restore did not check the snapshot's signature (--force-unsigned): see the first warning",
    )
    expect(run.stdout).not.toContain('manifest signed with')
    expect(readUsers(path.join(dataDir, 'lumina.db'))).toEqual(byId(users))
    expect(hashTree(path.join(dataDir, 'users'))).toEqual(files)
    // Still checked against the manifest it has: forcing skips the signature, nothing else.
    const entry = snapshot.manifest.files[0]!
    fs.writeFileSync(path.join(snapshot.path, entry.path), 'damaged')
    const damaged = await runBackupInProcess(['restore', '--data-dir', dataDir, '--force-unsigned', snapshot.name])
    expect(damaged.status).toBe(1)
    expect(damaged.stderr).toMatch(/does not match its SHA-256 in the manifest/)
  })

  it('refuses a snapshot signed with another key, naming both key ids; BACKUP_SIGNING_KEY wins over the file', async () => {
    const { dataDir, snapshot } = await populatedWithSnapshot()
    const own = snapshotKey(dataDir)
    const other = findSigningKey(dataDir, OTHER_KEY)!
    const stderr = await expectRefused(dataDir, [snapshot.name], { BACKUP_SIGNING_KEY: OTHER_KEY })
    expect(stderr).toBe(
      `backup: ${snapshot.path} failed verification: ${manifestFile(snapshot.path)} was signed with another key (key id ${own.id}; the key from BACKUP_SIGNING_KEY has id ${other.id}): set BACKUP_SIGNING_KEY to the key that signed it; to use it without this check, add --force-unsigned; nothing was changed\n`,
    )
    // The same key given by the variable: accepted, and said where it came from.
    const run = await runBackupInProcess(['restore', '--data-dir', dataDir, snapshot.name], {
      BACKUP_SIGNING_KEY: own.secret.toString(),
    })
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain(`  manifest signed with the key from BACKUP_SIGNING_KEY (key id ${own.id})\n`)
    expect(run.stdout).not.toContain('warning')
  })

  it('on a new disk without the key: refuses, naming BACKUP_SIGNING_KEY and --force-unsigned; with the variable, restores', async () => {
    const { dataDir, users, files } = await populatedWithSnapshot()
    const key = fs.readFileSync(secretFile(dataDir, 'backup-signing.key'), 'utf8').trim()
    // The disk died; the snapshots were copied elsewhere, the secrets folder was not (as it should be).
    const backupDir = path.join(tempDataDir(), 'elsewhere')
    fs.cpSync(path.join(dataDir, 'backups'), backupDir, { recursive: true })
    const fresh = path.join(tempDataDir(), 'data')
    const env = { DATA_DIR: fresh, BACKUP_DIR: backupDir }

    const refused = await runBackupInProcess(['restore', 'latest'], env)
    expect(refused.status).toBe(1)
    expect(refused.stdout).toBe('')
    const where = path.join(backupDir, snapshotName(T1))
    expect(refused.stderr).toBe(
      `backup: ${where} failed verification: there is no key to check the signature of ${manifestFile(where)} with: set BACKUP_SIGNING_KEY to the key you keep with the off-site settings (secrets/backup-signing.key is not in the data folder); to use it without this check, add --force-unsigned; nothing was changed\n`,
    )
    // Nothing made: no data folder, and above all no new key that would "check" nothing.
    expect(fs.existsSync(fresh)).toBe(false)

    const run = await runBackupInProcess(['restore', 'latest'], { ...env, BACKUP_SIGNING_KEY: key })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(readUsers(path.join(fresh, 'lumina.db'))).toEqual(byId(users))
    expect(hashTree(path.join(fresh, 'users'))).toEqual(files)
    expect(fs.existsSync(path.join(fresh, 'secrets'))).toBe(false)
  })

  it('takes deletion tombstones only from signed manifests, unless forced', async () => {
    const { dataDir, backupDir, users, snapshot } = await populatedWithSnapshot()
    // A planted "later snapshot" whose manifest says every account was deleted.
    const planted = path.join(backupDir, snapshotName(T2))
    fs.cpSync(snapshot.path, planted, { recursive: true })
    editManifest(planted, (m) => {
      m.name = snapshotName(T2)
      m.tombstones = users.map((u) => ({ userId: u.id, deletedAt: T1 + 1 }))
    })
    fs.rmSync(path.join(planted, SIGNATURE_FILE))

    const run = await runBackupInProcess(['restore', '--data-dir', dataDir, snapshot.name])
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain(
      'warning: 1 snapshot manifest with no valid signature was not used for deletion tombstones (--force-unsigned uses them)',
    )
    expect(run.stdout).toContain('deleted accounts: 0 deleted again')
    expect(readUsers(path.join(dataDir, 'lumina.db'))).toHaveLength(3)

    // And a real deletion recorded in a signed manifest still counts.
    const db = openAppDb(dataDir)
    db.$client.prepare('DELETE FROM users WHERE id = ?').run(users[2]!.id)
    recordTombstone(db, users[2]!.id, T1 + 2)
    await takeSnapshot(db, { dataDir, backupDir, signingKey: snapshotKey(dataDir), now: T2 + 1000 })
    db.$client.prepare('DELETE FROM deletion_tombstones').run()
    db.$client.close()
    const again = await runBackupInProcess(['restore', '--data-dir', dataDir, snapshot.name])
    expect(again.stderr).toBe('')
    expect(again.stdout).toContain('deleted accounts: 1 deleted again')
    expect(readUsers(path.join(dataDir, 'lumina.db')).map((u) => u.id)).not.toContain(users[2]!.id)

    // Forced, the operator vouches for every manifest on disk, the planted one too.
    const forced = await runBackupInProcess(['restore', '--data-dir', dataDir, '--force-unsigned', snapshot.name])
    expect(forced.stderr).toBe('')
    expect(forced.stdout).toContain(
      'warning: deletion tombstones were also taken from 1 manifest with no valid signature (--force-unsigned)',
    )
    expect(readUsers(path.join(dataDir, 'lumina.db'))).toEqual([])
  })

  it('lists which snapshots are signed', async () => {
    const { dataDir, backupDir, snapshot } = await populatedWithSnapshot()
    const unsigned = path.join(backupDir, snapshotName(T2))
    fs.cpSync(snapshot.path, unsigned, { recursive: true })
    fs.rmSync(path.join(unsigned, SIGNATURE_FILE))
    const run = await runBackupInProcess(['list', '--data-dir', dataDir])
    const key = ensureSigningKey(dataDir, undefined).key
    expect(run.stdout).toMatch(new RegExp(`${snapshotName(T2)} .*, unsigned\\n`))
    expect(run.stdout).toMatch(new RegExp(`${snapshotName(T1)} .*, signed \\(key id ${key.id}\\)\\n`))
  })
})
