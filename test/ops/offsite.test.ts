import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { recordTombstone } from '../../src/accounts/tombstones.js'
import { ConfigError, loadConfig } from '../../src/config.js'
import { SIGNATURE_FILE } from '../../src/ops/manifest-signing.js'
import { connectOffsite, copySnapshotOffsite, pruneOffsite } from '../../src/ops/offsite.js'
import { listSnapshots, MANIFEST_FILE, type SnapshotManifest, takeSnapshot } from '../../src/ops/snapshots.js'
import {
  cleanupTempDirs,
  hashTree,
  insertUsers,
  openAppDb,
  runBackupCli,
  runBackupInProcess,
  type S3Server,
  snapshotKey,
  startS3Server,
  tempDataDir,
  writeUserFile,
} from './helpers.js'

const DAY = 24 * 60 * 60 * 1000

let s3: S3Server
beforeAll(async () => {
  s3 = await startS3Server()
})
afterAll(async () => {
  await s3?.close()
})
afterEach(cleanupTempDirs)

async function keys(prefix: string): Promise<string[]> {
  const page = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }))
  return (page.Contents ?? []).map((c) => c.Key!).sort()
}

describe('off-site settings', () => {
  it('come from the Litestream replica by default: same bucket, endpoint and keys, files beside generations/', () => {
    const config = loadConfig({ DATA_DIR: '/data', ...s3.env('prod/lumina') })
    expect(config.backups.offsite).toEqual({
      bucket: s3.bucket,
      prefix: 'prod/lumina/user-files/',
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
    })
    // The keys are there for the client, but never printed or logged.
    expect(config.backups.offsite?.credentials).toEqual({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' })
    expect(JSON.stringify(config)).not.toContain('S3RVER')
  })

  it('BACKUP_S3_* override each setting; no s3:// replica and no bucket means no off-site copy', () => {
    const config = loadConfig({
      ...s3.env(),
      BACKUP_S3_BUCKET: 'files',
      BACKUP_S3_PREFIX: 'lumina',
      BACKUP_S3_ENDPOINT: 'https://oss-cn-hongkong.aliyuncs.com',
      BACKUP_S3_REGION: 'oss-cn-hongkong',
      BACKUP_S3_FORCE_PATH_STYLE: 'false',
      BACKUP_S3_ACCESS_KEY_ID: 'id',
      BACKUP_S3_SECRET_ACCESS_KEY: 'secret',
    })
    expect(config.backups.offsite).toMatchObject({
      bucket: 'files',
      prefix: 'lumina/',
      endpoint: 'https://oss-cn-hongkong.aliyuncs.com',
      region: 'oss-cn-hongkong',
      forcePathStyle: false,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    })
    expect(loadConfig({ BACKUP_S3_BUCKET: 'b' }).backups.offsite).toMatchObject({
      prefix: 'user-files/',
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: undefined,
    })
    expect(loadConfig({}).backups.offsite).toBeNull()
    expect(loadConfig({ LITESTREAM_REPLICA_URL: 'file:///mnt/disk/lumina' }).backups.offsite).toBeNull()
    expect(() => loadConfig({ BACKUP_S3_BUCKET: 'b', BACKUP_S3_ACCESS_KEY_ID: 'id' })).toThrow(ConfigError)
    expect(() => loadConfig({ LITESTREAM_REPLICA_URL: 'bucket/path' })).toThrow(/LITESTREAM_REPLICA_URL/)
    expect(loadConfig({ BACKUP_DIR: '/mnt/backups' }).backups.dir).toBe('/mnt/backups')
  })
})

describe('off-site copies of the user files', () => {
  it('sends each content once, then only what is new; prunes what no manifest younger than 30 days names', async () => {
    const folder = `t-${randomUUID()}`
    const config = loadConfig({ ...s3.env(folder) })
    const offsite = connectOffsite(config.backups.offsite!)
    const prefix = `${folder}/user-files/`
    const dataDir = tempDataDir()
    const backupDir = path.join(dataDir, 'backups')
    const db = openAppDb(dataDir)
    const [alice, bob] = insertUsers(db.$client, 2)
    writeUserFile(dataDir, alice!.id, 'images/a.jpg', 'photo a')
    writeUserFile(dataDir, bob!.id, 'images/a.jpg', 'photo a') // same content, another account
    writeUserFile(dataDir, bob!.id, 'images/old.jpg', 'deleted later')
    // Real time: the bucket stamps objects with its own clock, and pruning compares against it.
    const t1 = Math.floor(Date.now() / 1000) * 1000
    const first = await takeSnapshot(db, { dataDir, backupDir, signingKey: snapshotKey(dataDir), now: t1 })

    expect(await copySnapshotOffsite(offsite, first)).toEqual({
      uploaded: 2,
      bytes: 20,
      alreadyThere: 0,
      manifest: `${prefix}manifests/${first.name}.json`,
    })
    expect(await keys(prefix)).toEqual(
      [
        `${prefix}manifests/${first.name}.json`,
        `${prefix}manifests/${first.name}.json.sig`,
        ...first.manifest.files
          .filter((f) => f.path.endsWith('old.jpg') || f.path.startsWith(`users/${alice!.id}`))
          .map((f) => `${prefix}objects/${f.sha256}`),
      ].sort(),
    )

    fs.rmSync(path.join(dataDir, 'users', bob!.id, 'images/old.jpg'))
    writeUserFile(dataDir, alice!.id, 'images/new.jpg', 'a new photo')
    const second = await takeSnapshot(db, { dataDir, backupDir, signingKey: snapshotKey(dataDir), now: t1 + DAY })
    db.$client.close()
    expect(await copySnapshotOffsite(offsite, second)).toMatchObject({ uploaded: 1, bytes: 11, alreadyThere: 2 })

    // 30 days after the second: the first manifest goes, and the object only it named.
    const pruned = await pruneOffsite(offsite, t1 + 30 * DAY + 1000)
    expect(pruned).toEqual({ manifests: [first.name], objects: 1 })
    expect(await keys(`${prefix}manifests/`)).toEqual([
      `${prefix}manifests/${second.name}.json`,
      `${prefix}manifests/${second.name}.json.sig`,
    ])
    const oldSha = first.manifest.files.find((f) => f.path.endsWith('old.jpg'))!.sha256
    expect(await keys(`${prefix}objects/${oldSha}`)).toEqual([])
    expect(await keys(`${prefix}objects/`)).toHaveLength(2)
    expect(await pruneOffsite(offsite, t1 + 30 * DAY + 1000)).toEqual({ manifests: [], objects: 0 })
  })

  it('the CLI restores the missing files from the bucket, checked, skipping deleted accounts, overwriting nothing', async () => {
    const folder = `t-${randomUUID()}`
    const env = s3.env(folder)
    const dataDir = tempDataDir()
    const db = openAppDb(dataDir)
    const [alice, bob, carol] = insertUsers(db.$client, 3)
    writeUserFile(dataDir, alice!.id, 'images/a.jpg', 'photo a')
    writeUserFile(dataDir, alice!.id, `videos/${randomUUID()}/video.mp4`, Buffer.alloc(100_000, 5))
    writeUserFile(dataDir, bob!.id, 'images/b.jpg', 'photo b')
    writeUserFile(dataDir, carol!.id, 'images/c.jpg', 'photo c')
    db.$client.close()

    // `make backup`, with the off-site copy derived from the Litestream settings.
    const snapshot = await runBackupInProcess(['snapshot', '--data-dir', dataDir], env)
    expect(snapshot.stderr).toBe('')
    expect(snapshot.stdout).toContain(
      `off-site: 4 files sent (97.7 KiB), 0 already there; manifest ${folder}/user-files/manifests/`,
    )
    const files = hashTree(path.join(dataDir, 'users'))
    const list = await runBackupInProcess(['list', '--offsite', '--data-dir', dataDir], env)
    expect(list.stdout).toMatch(
      /manifests under s3:\/\/lumina-backups\/t-.*\/user-files\/manifests\/ \(newest first\):\n {2}lumina-/,
    )

    // The disk died: the database came back from the replica (carol was deleted since the snapshot), the files did not.
    fs.rmSync(path.join(dataDir, 'users'), { recursive: true })
    const after = openAppDb(dataDir)
    after.$client.prepare('DELETE FROM users WHERE id = ?').run(carol!.id)
    recordTombstone(after, carol!.id)
    after.$client.close()
    // One file is already back by other means, one differs locally.
    writeUserFile(dataDir, alice!.id, 'images/a.jpg', 'photo a')
    writeUserFile(dataDir, bob!.id, 'images/b.jpg', 'edited locally')

    const run = await runBackupCli(['restore-files', '--data-dir', dataDir], env)

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(`restored 1 file (97.7 KiB) into ${path.join(dataDir, 'users')}, each SHA-256 checked`)
    expect(run.stdout).toContain('1 already in place')
    expect(run.stdout).toContain('skipped the files of 1 deleted account')
    expect(run.stdout).toContain(`kept 1 local file that differ`)
    expect(run.stdout).toContain(`users/${bob!.id}/images/b.jpg`)
    const restored = hashTree(path.join(dataDir, 'users'))
    const carolFile = `${carol!.id}/images/c.jpg`
    const bobFile = `${bob!.id}/images/b.jpg`
    expect(restored).toEqual({
      ...Object.fromEntries(Object.entries(files).filter(([p]) => p !== carolFile)),
      [bobFile]: expect.not.stringMatching(files[bobFile]!),
    })

    // A damaged object is refused, not written.
    const videoEntry = Object.keys(files).find((p) => p.endsWith('video.mp4'))!
    fs.rmSync(path.join(dataDir, 'users', videoEntry))
    const manifests = await keys(`${folder}/user-files/manifests/`)
    const manifest = JSON.parse(
      await (
        await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: manifests[0]! }))
      ).Body!.transformToString(),
    ) as { files: { path: string; sha256: string }[] }
    const sha = manifest.files.find((f) => f.path === `users/${videoEntry}`)!.sha256
    await s3.client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: `${folder}/user-files/objects/${sha}`, Body: 'not the video' }),
    )
    const bad = await runBackupInProcess(['restore-files', '--data-dir', dataDir], env)
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/does not match its SHA-256/)
    expect(fs.existsSync(path.join(dataDir, 'users', videoEntry))).toBe(false)
    expect(fs.readdirSync(path.dirname(path.join(dataDir, 'users', videoEntry)))).toEqual([])
  })

  it('restore-files refuses a manifest edited to match, unsigned or signed with another key; forced, restores saying so', async () => {
    const folder = `t-${randomUUID()}`
    const env = s3.env(folder)
    const dataDir = tempDataDir()
    const db = openAppDb(dataDir)
    const [alice] = insertUsers(db.$client, 1)
    const photo = writeUserFile(dataDir, alice!.id, 'images/a.jpg', 'the real photo')
    db.$client.close()
    expect((await runBackupInProcess(['snapshot', '--data-dir', dataDir], env)).status).toBe(0)
    const files = hashTree(path.join(dataDir, 'users'))
    const [snapshot] = listSnapshots(path.join(dataDir, 'backups'))
    const manifestKey = `${folder}/user-files/manifests/${snapshot!.name}.json`
    const get = async (Key: string) =>
      Buffer.from(
        await (await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }))).Body!.transformToByteArray(),
      )
    const put = (Key: string, Body: Buffer | string) =>
      s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body }))
    // The bucket holds the local manifest and its signature byte for byte.
    const original = await get(manifestKey)
    expect(original).toEqual(fs.readFileSync(path.join(snapshot!.path, MANIFEST_FILE)))
    expect(await get(`${manifestKey}.sig`)).toEqual(fs.readFileSync(path.join(snapshot!.path, SIGNATURE_FILE)))
    fs.rmSync(path.join(dataDir, 'users'), { recursive: true })
    const refused = async (extra: Record<string, string>, message: RegExp) => {
      const run = await runBackupInProcess(['restore-files', '--data-dir', dataDir], { ...env, ...extra })
      expect(run.status).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      expect(run.stderr).toMatch(message)
      expect(run.stderr).toContain('to use it without this check, add --force-unsigned; nothing was written')
      expect(fs.existsSync(path.join(dataDir, 'users'))).toBe(false)
    }

    // Whoever can write the bucket: their own content, and the manifest edited to point the photo at it.
    const evil = 'someone else entirely'
    const evilSha = createHash('sha256').update(evil).digest('hex')
    await put(`${folder}/user-files/objects/${evilSha}`, evil)
    const edited = JSON.parse(original.toString()) as SnapshotManifest
    Object.assign(edited.files.find((f) => f.path === photo)!, { sha256: evilSha, bytes: evil.length })
    await put(manifestKey, JSON.stringify(edited, null, 1))
    await refused({}, /^backup: restore-files refused: s3:\/\/lumina-backups\/.*\.json does not match its signature/)
    await put(manifestKey, original)

    // Another key (BACKUP_SIGNING_KEY wins over the file), then no signature at all.
    await refused(
      { BACKUP_SIGNING_KEY: 'k'.repeat(44) },
      /was signed with another key \(key id [0-9a-f]{12}; the key from BACKUP_SIGNING_KEY has id/,
    )
    await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: `${manifestKey}.sig` }))
    await refused(
      {},
      /\.json has no signature \(manifest\.json\.sig\); snapshots taken before manifests were signed have none/,
    )

    const forced = await runBackupInProcess(['restore-files', '--data-dir', dataDir, '--force-unsigned'], env)
    expect(forced.stderr).toBe('')
    expect(forced.status).toBe(0)
    expect(forced.stdout).toMatch(
      /^warning: SIGNATURE NOT CHECKED \(--force-unsigned\): s3:\/\/.*\.json has no signature/,
    )
    expect(hashTree(path.join(dataDir, 'users'))).toEqual(files)
  })

  it('says clearly when no bucket is configured', async () => {
    const run = await runBackupInProcess(['restore-files', '--data-dir', tempDataDir()])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/no off-site bucket is configured/)
  })
})
