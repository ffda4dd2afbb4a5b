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
import {
  checkSignature,
  SIGNATURE_FILE,
  SIGNATURE_MESSAGES,
  type SignatureCheck,
  type SignaturePolicy,
} from './manifest-signing.js'
import { fileOwner, hashingTap, sha256File } from './snapshot-files.js'
import { MANIFEST_FILE, parseManifest, parseSnapshotName, RETENTION, type SnapshotManifest } from './snapshots.js'
import { mergeTombstones } from './tombstone-sources.js'

/**
 * Off-site copies of the user files, in the same S3-compatible bucket as the Litestream replica
 * (or BACKUP_S3_*), sent after each snapshot:
 *   <prefix>objects/<sha256>            each distinct file content once: a file already there is not sent again
 *   <prefix>manifests/<snapshot>.json   the snapshot's manifest: which path holds which content, and
 *                                       the deletion tombstones of that day (the local manifest.json's exact bytes)
 *   <prefix>manifests/<snapshot>.json.sig  its signature, the local manifest.json.sig (manifest-signing.ts)
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
const signatureKey = (o: Offsite, name: string) => `${manifestKey(o, name)}.sig`
const where = (o: Offsite, key: string) => `s3://${o.settings.bucket}/${key}`

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
      if (!key.endsWith('.json')) return null
      const name = key.slice(under.length, -'.json'.length)
      const parsed = parseSnapshotName(name)
      return parsed?.kind === 'full' ? { name, time: parsed.time, key } : null
    })
    .filter((m) => m !== null)
    .sort((a, b) => b.time - a.time)
}

/** The bytes of an object, or null when there is no such object. */
async function getBytes(o: Offsite, key: string): Promise<Buffer | null> {
  try {
    const res = await o.client.send(new GetObjectCommand({ Bucket: o.settings.bucket, Key: key }))
    return Buffer.from((await res.Body?.transformToByteArray()) ?? [])
  } catch (err) {
    if ((err as { name?: string }).name === 'NoSuchKey') return null
    throw err
  }
}

/**
 * A manifest in the bucket, and what its signature says (checked with `key`; null checks nothing,
 * as pruning needs: keeping an object a forged manifest names only keeps more).
 */
export async function readOffsiteManifest(
  o: Offsite,
  name: string,
  key: SignaturePolicy['key'] = null,
): Promise<{ manifest: SnapshotManifest; signature: SignatureCheck }> {
  const bytes = (await getBytes(o, manifestKey(o, name))) ?? Buffer.alloc(0)
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    json = undefined
  }
  const manifest = parseManifest(json, where(o, manifestKey(o, name)))
  if (manifest.name !== name) throw new Error(`${manifestKey(o, name)} holds the manifest of ${manifest.name}`)
  const signature = (await getBytes(o, signatureKey(o, name)))?.toString('utf8') ?? null
  return { manifest, signature: checkSignature(bytes, signature, key, where(o, manifestKey(o, name))) }
}

export type OffsiteCopyReport = { uploaded: number; bytes: number; alreadyThere: number; manifest: string }

/**
 * Sends the snapshot's files whose content the bucket lacks (read from the snapshot folder, which
 * never changes, not from the live files), then its signature, then its manifest, so a manifest
 * only ever names objects that are there and is never there without its signature. Both are the
 * snapshot folder's files byte for byte: the signature covers those exact bytes.
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
  const name = snapshot.manifest.name
  report.manifest = manifestKey(o, name)
  const put = (Key: string, file: string, ContentType: string) =>
    o.client.send(
      new PutObjectCommand({
        Bucket: o.settings.bucket,
        Key,
        Body: fs.readFileSync(path.join(snapshot.path, file)),
        ContentType,
      }),
    )
  await put(signatureKey(o, name), SIGNATURE_FILE, 'application/json')
  await put(report.manifest, MANIFEST_FILE, 'application/json')
  return report
}

export type OffsitePruneReport = { manifests: string[]; objects: number }

/** Deletes manifests older than 30 days (with their signatures), then the objects no remaining manifest names. */
export async function pruneOffsite(o: Offsite, now = Date.now()): Promise<OffsitePruneReport> {
  const manifests = await listOffsiteManifests(o)
  const old = manifests.filter((m) => now - m.time > RETENTION.maxAgeDays * DAY)
  for (const m of old) {
    await o.client.send(new DeleteObjectCommand({ Bucket: o.settings.bucket, Key: m.key }))
    await o.client.send(new DeleteObjectCommand({ Bucket: o.settings.bucket, Key: signatureKey(o, m.name) }))
  }
  const named = new Set<string>()
  for (const m of manifests.filter((m) => !old.includes(m))) {
    // An unreadable manifest names nothing we can know of: keep every object rather than guess.
    const { manifest } = await readOffsiteManifest(o, m.name)
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
  /** The manifest's signature: the key that signed it, or (forced) the loud sentence saying it was not checked. */
  signature: { keyId: string; from: string } | { unverified: string }
  /** Warnings, e.g. manifests whose tombstones were not used because their signature does not verify. */
  warnings: string[]
}

export class OffsiteRestoreRefused extends Error {}

/**
 * Brings DATA_DIR/users back from the bucket (the day the disk died): the files of the newest
 * manifest (or the named one) that are missing locally, each checked against its SHA-256. The
 * manifest must be signed with our key (OffsiteRestoreRefused, before anything is written, unless
 * forced). Nothing local is overwritten or deleted. Files of accounts with a tombstone in any
 * signed manifest in the bucket (any at all when forced), or in `tombstones` (e.g. from the
 * restored database), are skipped.
 */
export async function restoreOffsiteFiles(
  o: Offsite,
  options: { dataDir: string; which?: string; tombstones?: Tombstone[]; signing: SignaturePolicy },
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
  const { key, force } = options.signing
  const { manifest, signature } = await readOffsiteManifest(o, chosen.name, key)
  if (!signature.ok && !force) {
    throw new OffsiteRestoreRefused(`${signature.message}; ${SIGNATURE_MESSAGES.forceHint}; nothing was written`)
  }
  const warnings: string[] = []
  const lists: Tombstone[][] = [options.tombstones ?? [], manifest.tombstones]
  let unsigned = 0
  for (const m of manifests) {
    if (m === chosen) continue
    const other = await readOffsiteManifest(o, m.name, key)
    if (!other.signature.ok) unsigned++
    // A manifest nobody vouches for could name every account: it only counts when forced.
    if (other.signature.ok || force) lists.push(other.manifest.tombstones)
  }
  if (unsigned > 0) {
    warnings.push(
      force ? SIGNATURE_MESSAGES.tombstonesForced(unsigned) : SIGNATURE_MESSAGES.tombstonesSkipped(unsigned),
    )
  }
  const deleted = new Set(mergeTombstones(...lists).map((t) => t.userId))
  const report: OffsiteRestoreReport = {
    manifest: chosen.name,
    restored: 0,
    bytes: 0,
    present: 0,
    differing: [],
    deletedAccounts: 0,
    signature: signature.ok
      ? { keyId: signature.keyId, from: signature.from }
      : { unverified: SIGNATURE_MESSAGES.forced(signature.message) },
    warnings,
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
