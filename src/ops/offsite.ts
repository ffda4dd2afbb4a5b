import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import type { Tombstone } from '../accounts/tombstones.js'
import type { OffsiteSettings } from '../config.js'
import { mergeTombstones } from './restore.js'
import { fileOwner, hashingTap, sha256File } from './snapshot-files.js'
import { parseManifest, parseSnapshotName, RETENTION, type SnapshotManifest } from './snapshots.js'

/**
 * Off-site copies of the user files, in the same S3-compatible bucket as the Litestream replica
 * (or BACKUP_S3_*), sent after each snapshot:
 *   <prefix>objects/<sha256>            each distinct file content once: a file already there is not sent again
 *   <prefix>manifests/<snapshot>.json   the snapshot's manifest: which path holds which content, and
 *                                       the deletion tombstones of that day
 * Manifests older than 30 days are deleted, then every object no remaining manifest names: a
 * deleted account's files leave the bucket within 30 days, as the privacy policy promises.
 * The database itself goes off-site through Litestream.
 */

const DAY = 24 * 60 * 60 * 1000
/** An object no manifest names yet may be one a concurrent backup has just sent, its manifest still to come. */
const UNREFERENCED_GRACE_MS = 60 * 60 * 1000

// The SDK warns on every start that its releases from 2027 on will need Node 22. The locked
// version runs on Node 20 (which the project targets); the warning would only clutter the logs.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

export function offsiteClient(settings: OffsiteSettings): S3Client {
  return new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // Plain requests every S3-compatible store understands (Alibaba Cloud OSS, MinIO, s3rver):
    // no aws-chunked bodies with trailing checksums. Contents are checked by their SHA-256 on restore.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 10 * 60 * 1000 },
  })
}

export type Offsite = { settings: OffsiteSettings; client: S3Client }

export function connectOffsite(settings: OffsiteSettings): Offsite {
  return { settings, client: offsiteClient(settings) }
}

const objectKey = (o: Offsite, sha256: string) => `${o.settings.prefix}objects/${sha256}`
const manifestKey = (o: Offsite, name: string) => `${o.settings.prefix}manifests/${name}.json`

type Listed = { key: string; size: number; lastModified: number }

async function listKeys(o: Offsite, under: string): Promise<Listed[]> {
  const found: Listed[] = []
  let token: string | undefined
  do {
    const page = await o.client.send(
      new ListObjectsV2Command({ Bucket: o.settings.bucket, Prefix: under, ContinuationToken: token }),
    )
    for (const item of page.Contents ?? []) {
      if (item.Key) found.push({ key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified?.getTime() ?? 0 })
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return found
}

/** The snapshot manifests in the bucket, newest first. */
export async function listOffsiteManifests(o: Offsite): Promise<{ name: string; time: number; key: string }[]> {
  const under = `${o.settings.prefix}manifests/`
  return (await listKeys(o, under))
    .map(({ key }) => {
      const name = key.slice(under.length).replace(/\.json$/, '')
      const parsed = parseSnapshotName(name)
      return parsed?.kind === 'full' ? { name, time: parsed.time, key } : null
    })
    .filter((m) => m !== null)
    .sort((a, b) => b.time - a.time)
}

export async function readOffsiteManifest(o: Offsite, name: string): Promise<SnapshotManifest> {
  const res = await o.client.send(new GetObjectCommand({ Bucket: o.settings.bucket, Key: manifestKey(o, name) }))
  const text = (await res.Body?.transformToString()) ?? ''
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const manifest = parseManifest(json, `${o.settings.bucket}/${manifestKey(o, name)}`)
  if (manifest.name !== name) throw new Error(`${manifestKey(o, name)} holds the manifest of ${manifest.name}`)
  return manifest
}

export type OffsiteCopyReport = { uploaded: number; bytes: number; alreadyThere: number; manifest: string }

/**
 * Sends the snapshot's files whose content the bucket lacks (read from the snapshot folder, which
 * never changes, not from the live files), then its manifest, so a manifest only ever names
 * objects that are there.
 */
export async function copySnapshotOffsite(
  o: Offsite,
  snapshot: { path: string; manifest: SnapshotManifest },
): Promise<OffsiteCopyReport> {
  const there = new Set((await listKeys(o, `${o.settings.prefix}objects/`)).map((l) => l.key))
  const report: OffsiteCopyReport = { uploaded: 0, bytes: 0, alreadyThere: 0, manifest: '' }
  const sent = new Set<string>()
  for (const entry of snapshot.manifest.files) {
    const key = objectKey(o, entry.sha256)
    if (there.has(key) || sent.has(key)) {
      if (!sent.has(key)) report.alreadyThere++
      continue
    }
    await o.client.send(
      new PutObjectCommand({
        Bucket: o.settings.bucket,
        Key: key,
        Body: fs.createReadStream(path.join(snapshot.path, entry.path)),
        ContentLength: entry.bytes,
        ContentType: 'application/octet-stream',
      }),
    )
    sent.add(key)
    report.uploaded++
    report.bytes += entry.bytes
  }
  report.manifest = manifestKey(o, snapshot.manifest.name)
  await o.client.send(
    new PutObjectCommand({
      Bucket: o.settings.bucket,
      Key: report.manifest,
      Body: JSON.stringify(snapshot.manifest),
      ContentType: 'application/json',
    }),
  )
  return report
}

export type OffsitePruneReport = { manifests: string[]; objects: number }

/** Deletes manifests older than 30 days, then the objects no remaining manifest names. */
export async function pruneOffsite(o: Offsite, now = Date.now()): Promise<OffsitePruneReport> {
  const manifests = await listOffsiteManifests(o)
  const old = manifests.filter((m) => now - m.time > RETENTION.maxAgeDays * DAY)
  for (const m of old) await o.client.send(new DeleteObjectCommand({ Bucket: o.settings.bucket, Key: m.key }))
  const named = new Set<string>()
  for (const m of manifests.filter((m) => !old.includes(m))) {
    // An unreadable manifest names nothing we can know of: keep every object rather than guess.
    const manifest = await readOffsiteManifest(o, m.name)
    for (const f of manifest.files) named.add(objectKey(o, f.sha256))
  }
  let objects = 0
  for (const item of await listKeys(o, `${o.settings.prefix}objects/`)) {
    if (named.has(item.key) || now - item.lastModified < UNREFERENCED_GRACE_MS) continue
    await o.client.send(new DeleteObjectCommand({ Bucket: o.settings.bucket, Key: item.key }))
    objects++
  }
  return { manifests: old.map((m) => m.name), objects }
}

export type OffsiteRestoreReport = {
  manifest: string
  restored: number
  bytes: number
  /** Already in place with the same content. */
  present: number
  /** In place with other content: kept as they are, never overwritten. */
  differing: string[]
  /** Files of accounts deleted since (tombstones), not restored. */
  deletedAccounts: number
}

/**
 * Brings DATA_DIR/users back from the bucket (the day the disk died): the files of the newest
 * manifest (or the named one) that are missing locally, each checked against its SHA-256. Nothing
 * local is overwritten or deleted. Files of accounts with a tombstone in any manifest in the bucket,
 * or in `tombstones` (e.g. from the restored database), are skipped.
 */
export async function restoreOffsiteFiles(
  o: Offsite,
  options: { dataDir: string; which?: string; tombstones?: Tombstone[] },
): Promise<OffsiteRestoreReport> {
  const manifests = await listOffsiteManifests(o)
  const which = options.which ?? 'latest'
  const chosen = which === 'latest' ? manifests[0] : manifests.find((m) => m.name === which)
  if (!chosen) {
    throw new Error(
      which === 'latest'
        ? `no manifests under s3://${o.settings.bucket}/${o.settings.prefix}manifests/`
        : `no manifest ${which} in the bucket`,
    )
  }
  const manifest = await readOffsiteManifest(o, chosen.name)
  const lists: Tombstone[][] = [options.tombstones ?? [], manifest.tombstones]
  for (const m of manifests) {
    if (m !== chosen) lists.push((await readOffsiteManifest(o, m.name)).tombstones)
  }
  const deleted = new Set(mergeTombstones(...lists).map((t) => t.userId))
  const report: OffsiteRestoreReport = {
    manifest: chosen.name,
    restored: 0,
    bytes: 0,
    present: 0,
    differing: [],
    deletedAccounts: 0,
  }
  const skippedOwners = new Set<string>()
  for (const entry of manifest.files) {
    const owner = fileOwner(entry.path) ?? ''
    if (deleted.has(owner)) {
      skippedOwners.add(owner)
      continue
    }
    const local = path.join(options.dataDir, entry.path)
    const stat = fs.statSync(local, { throwIfNoEntry: false })
    if (stat) {
      const same = stat.size === entry.bytes && (await sha256File(local)).sha256 === entry.sha256
      if (same) report.present++
      else report.differing.push(entry.path)
      continue
    }
    await download(o, entry.sha256, local, entry.mtimeMs)
    report.restored++
    report.bytes += entry.bytes
  }
  report.deletedAccounts = skippedOwners.size
  return report
}

/** GETs one object into `to` through a temporary file, checked against its SHA-256 before it gets its name. */
async function download(o: Offsite, sha256: string, to: string, mtimeMs: number): Promise<void> {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  const temp = `${to}.${process.pid}.tmp`
  try {
    const res = await o.client.send(new GetObjectCommand({ Bucket: o.settings.bucket, Key: objectKey(o, sha256) }))
    const tap = hashingTap()
    await pipeline(res.Body as Readable, tap.stream, fs.createWriteStream(temp, { flags: 'w' }))
    if (tap.digest().sha256 !== sha256) throw new Error(`${objectKey(o, sha256)} does not match its SHA-256`)
    fs.utimesSync(temp, new Date(), new Date(mtimeMs))
    fs.renameSync(temp, to)
  } finally {
    fs.rmSync(temp, { force: true })
  }
}
