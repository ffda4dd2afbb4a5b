import path from 'node:path'
import { z } from 'zod'
import { productionScryptParams, type ScryptParams } from './hashing.js'
import { LibtvConfigError, type LibtvSettings, libtvEnvSchema, libtvSettingsFrom } from './libtv/config.js'

/**
 * TRUST_PROXY: unset (or 0/false/no), the connection's own address; `fly`, Fly-Client-IP, which
 * Fly's proxy sets itself; a number of proxies in front (1/true/yes: one, such as Caddy), the
 * address the outermost of them added to X-Forwarded-For.
 */
export type TrustProxy = 'fly' | number

const trustProxy = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(true|false|yes|no|fly|[0-9])?$/, 'must be fly (on Fly.io), or how many proxies are in front: 1 to 9, or 0')
  .default('')
  .transform((v): TrustProxy => {
    if (v === 'fly') return 'fly'
    if (v === 'true' || v === 'yes') return 1
    return v === '' || v === 'false' || v === 'no' ? 0 : Number(v)
  })

// Every variable has a working local default, so `make run` needs no configuration.
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    // The public address people use; decides Secure cookies, HSTS and the domain on the legal pages.
    BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Where a client's address comes from, for the per-address rate limits (src/http/client-address.ts).
    TRUST_PROXY: trustProxy,
    OPERATOR_NAME: z.string().min(1).max(200).default('Lumina.AI'),
    CONTACT_EMAIL: z.email().default('sicotasinc.marketing@gmail.com'),
    DATA_REGION: z.string().min(1).max(200).default('Hong Kong'),
    // Who runs the machine the data lives on, for the privacy page (e.g. "Fly.io" in fly.toml).
    HOSTING_PROVIDER: z.string().min(1).max(200).default('Alibaba Cloud'),
    // Where a person who used up the month's videos gets more: the operator's plans page and/or
    // an address to write to. Unset: the plan wall only says when the quota resets.
    PLAN_UPGRADE_URL: z.url({ protocol: /^https?$/ }).optional(),
    PLAN_CONTACT_EMAIL: z.email().optional(),
    // Bearer token for GET /metrics (Prometheus). Unset, /metrics does not exist (404).
    METRICS_TOKEN: z.string().min(16).max(200).optional(),
    // Signs the short-lived image URLs LibTV fetches. Generated and kept under DATA_DIR when unset.
    URL_SIGNING_SECRET: z.string().min(32).optional(),
    // Seals the webhook signing secrets in the database. Generated and kept under DATA_DIR when unset.
    WEBHOOK_SECRETS_KEY: z.string().min(32).optional(),
    // Music under the videos (docs/music.md): Debian's fluidsynth and a General MIDI soundfont.
    FLUIDSYNTH_PATH: z.string().min(1).default('fluidsynth'),
    SOUNDFONT_PATH: z.string().min(1).default('/usr/share/sounds/sf2/FluidR3_GM.sf2'),
    // The operator's own music library (docs/music.md#the-operators-library): audio files with a
    // JSON sidecar each. Unset: only the built-in tracks and people's own uploads.
    MUSIC_DIR: z.string().min(1).optional(),
    // The landing's example video (README "The example video"): `auto` makes it in the background
    // at start-up when it is missing and LibTV is the simulator; `off` never does (a quiet start).
    EXAMPLE_VIDEO: z.enum(['auto', 'off']).default('auto'),
    // Videos rendered at once by the worker; LibTV's own limit (5 shots in flight) is kept by the client.
    RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(20).default(3),
    // How long a claimed job stays its worker's without a renewal (renewed every third of it); then it
    // can be claimed again. After a crash, start-up reclaims leases at once instead of waiting.
    RENDER_LEASE_SECONDS: z.coerce.number().int().min(3).max(600).default(30),
    // Uploads and new renders are refused while the data disk has less than this free, so SQLite,
    // the snapshots and renders already running keep room to finish. 0 turns the check off.
    MIN_FREE_DISK_MB: z.coerce.number().int().min(0).max(1_000_000_000).default(512),
    // Tests only (refused unless NODE_ENV=test): a cheap scrypt cost N, so a sign-up takes
    // microseconds instead of ~100 ms. Production always hashes with productionScryptParams.
    TEST_SCRYPT_N: z.coerce
      .number()
      .int()
      .min(2)
      .max(2 ** 14)
      .refine((n) => (n & (n - 1)) === 0, 'must be a power of two')
      .optional(),
    // Mail (confirmation links, password resets, security notices) goes out over SMTP, e.g.
    // smtp://user:pass@host:587 or smtps://user:pass@host:465. Unset outside production, mails stay
    // readable at /dev/mail instead; production refuses to start without it.
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    // The From: of every mail; defaults to the operator's name at no-reply@<BASE_URL's domain>.
    MAIL_FROM: z.string().min(3).max(320).optional(),
    // A request body (an upload) that sends nothing for this long is cut off with 408, so a slow
    // client cannot hold a connection and a temporary file for ever.
    BODY_IDLE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    // Backups (backups/README.md). Snapshots go to BACKUP_DIR (default DATA_DIR/backups).
    BACKUP_DIR: z.string().min(1).optional(),
    // Litestream reads its LITESTREAM_* variables itself (backups/litestream.yml); the app reads
    // them to restore from the replica and to find the bucket for the off-site copies of user files.
    LITESTREAM_REPLICA_URL: z
      .string()
      .regex(/^[a-z0-9]+:\/\/\S+$/, 'must be a URL such as s3://BUCKET/lumina or file:///mnt/backup/lumina')
      .optional(),
    LITESTREAM_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    LITESTREAM_REGION: z.string().min(1).optional(),
    LITESTREAM_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
    LITESTREAM_ACCESS_KEY_ID: z.string().min(1).optional(),
    LITESTREAM_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    LITESTREAM_CONFIG: z.string().min(1).optional(),
    // Off-site copies of user files; each unset one falls back to its LITESTREAM_* twin (same bucket).
    BACKUP_S3_BUCKET: z.string().min(1).optional(),
    BACKUP_S3_PREFIX: z.string().min(1).optional(),
    BACKUP_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    BACKUP_S3_REGION: z.string().min(1).optional(),
    BACKUP_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
    BACKUP_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    BACKUP_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // Signs every snapshot manifest (here and in the bucket); restores refuse one it did not sign.
    // Generated once into DATA_DIR/secrets when unset: keep it with the off-site settings.
    BACKUP_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  })
  .extend(libtvEnvSchema.shape)

/** Where off-site copies of user files go: an S3-compatible bucket (src/ops/offsite.ts). */
export type OffsiteSettings = {
  bucket: string
  /** Key prefix inside the bucket, ending in '/' (or empty). */
  prefix: string
  endpoint: string | undefined
  region: string
  forcePathStyle: boolean
  /** Unset: the AWS SDK's own chain (AWS_ACCESS_KEY_ID…). Not enumerable, so logs never print it. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined
}

export type BackupSettings = {
  /** Local snapshots (DATA_DIR/backups unless BACKUP_DIR is set). */
  dir: string
  litestream: {
    /** LITESTREAM_REPLICA_URL: Litestream replicates only when it is set. */
    replicaUrl: string | undefined
    /** LITESTREAM_CONFIG, or undefined for the committed backups/litestream.yml. */
    configFile: string | undefined
  }
  /** null: no bucket configured, user files are copied to the local snapshots only. */
  offsite: OffsiteSettings | null
  /** BACKUP_SIGNING_KEY, or undefined for the one in DATA_DIR/secrets. Not enumerable, so logs never print it. */
  signingKey: string | undefined
}

export type Config = {
  env: 'development' | 'test' | 'production'
  port: number
  host: string
  dataDir: string
  databasePath: string
  baseUrl: URL
  secureCookies: boolean
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
  /** 0: the connection's address is the client's; see TrustProxy. */
  trustProxy: TrustProxy
  operator: { name: string; contactEmail: string; dataRegion: string; hostingProvider: string; domain: string }
  /** How to get more videos than the plan gives (PLAN_UPGRADE_URL, PLAN_CONTACT_EMAIL); both optional. */
  moreVideos: MoreVideos
  /** The bearer token /metrics asks for; undefined turns /metrics (and its counting) off. */
  metricsToken: string | undefined
  urlSigningSecret: string | undefined
  webhookSecretsKey: string | undefined
  /** Whether start-up makes the landing's example video when it is missing (simulator only). */
  exampleVideo: 'auto' | 'off'
  renderConcurrency: number
  renderLeaseMs: number
  /** Free space the data disk must keep: below it, uploads and new renders are refused. */
  minFreeDiskBytes: number
  bodyIdleMs: number
  /** SMTP in production; outside it, without SMTP_URL, mails are kept for /dev/mail. */
  mail: { transport: 'smtp'; url: string; from: string } | { transport: 'dev-mailbox'; from: string }
  libtv: LibtvSettings
  /** fluidsynth and the soundfont it plays the composed music with; the operator's library (MUSIC_DIR). */
  music: { fluidsynthPath: string; soundfont: string; libraryDir?: string }
  /** The parameters new password hashes get. */
  scrypt: Readonly<ScryptParams>
  backups: BackupSettings
}

/** What the plan wall offers once the month's videos are used up. */
export type MoreVideos = { upgradeUrl: string | undefined; contactEmail: string | undefined }

export class ConfigError extends Error {}

/** Parses the environment once; a bad value throws a one-line ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "unset", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0] ?? 'environment')
    // Echo the value to help fix a typo, but never a secret.
    const shown = /KEY|SECRET|PASS|TOKEN/.test(name) ? '' : ` (got ${JSON.stringify(present[name] ?? '')})`
    throw new ConfigError(`Invalid configuration: ${name}: ${issue.message}${shown}`)
  }
  const e = parsed.data
  if (e.TEST_SCRYPT_N !== undefined && e.NODE_ENV !== 'test')
    throw new ConfigError('Invalid configuration: TEST_SCRYPT_N: only allowed when NODE_ENV=test')
  let libtv: LibtvSettings
  try {
    libtv = libtvSettingsFrom(e, { production: e.NODE_ENV === 'production' })
  } catch (err) {
    if (err instanceof LibtvConfigError) throw new ConfigError(err.message)
    throw err
  }
  const dataDir = path.resolve(e.DATA_DIR)
  const baseUrl = new URL(e.BASE_URL ?? `http://localhost:${e.PORT || 3000}`)
  if (e.NODE_ENV === 'production' && !e.SMTP_URL)
    throw new ConfigError(
      'Invalid configuration: SMTP_URL: required in production to send confirmation links and security notices (e.g. smtp://user:pass@host:587)',
    )
  const from = e.MAIL_FROM ?? `"${e.OPERATOR_NAME.replace(/["\\\r\n]/g, '')}" <no-reply@${baseUrl.hostname}>`
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databasePath: path.join(dataDir, 'lumina.db'),
    baseUrl,
    secureCookies: baseUrl.protocol === 'https:',
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    operator: {
      name: e.OPERATOR_NAME,
      contactEmail: e.CONTACT_EMAIL,
      dataRegion: e.DATA_REGION,
      hostingProvider: e.HOSTING_PROVIDER,
      domain: baseUrl.hostname,
    },
    moreVideos: { upgradeUrl: e.PLAN_UPGRADE_URL, contactEmail: e.PLAN_CONTACT_EMAIL },
    metricsToken: e.METRICS_TOKEN,
    urlSigningSecret: e.URL_SIGNING_SECRET,
    webhookSecretsKey: e.WEBHOOK_SECRETS_KEY,
    exampleVideo: e.EXAMPLE_VIDEO,
    renderConcurrency: e.RENDER_CONCURRENCY,
    renderLeaseMs: e.RENDER_LEASE_SECONDS * 1000,
    minFreeDiskBytes: e.MIN_FREE_DISK_MB * 1024 * 1024,
    bodyIdleMs: e.BODY_IDLE_SECONDS * 1000,
    mail: e.SMTP_URL ? { transport: 'smtp', url: e.SMTP_URL, from } : { transport: 'dev-mailbox', from },
    libtv,
    music: {
      fluidsynthPath: e.FLUIDSYNTH_PATH,
      soundfont: e.SOUNDFONT_PATH,
      ...(e.MUSIC_DIR ? { libraryDir: path.resolve(e.MUSIC_DIR) } : {}),
    },
    scrypt: e.TEST_SCRYPT_N ? { ...productionScryptParams, N: e.TEST_SCRYPT_N } : productionScryptParams,
    backups: backupSettings(e, dataDir),
  }
}

function backupSettings(e: z.infer<typeof envSchema>, dataDir: string): BackupSettings {
  const settings: BackupSettings = {
    dir: e.BACKUP_DIR ? path.resolve(e.BACKUP_DIR) : path.join(dataDir, 'backups'),
    litestream: { replicaUrl: e.LITESTREAM_REPLICA_URL, configFile: e.LITESTREAM_CONFIG },
    offsite: offsiteSettings(e),
    signingKey: undefined,
  }
  Object.defineProperty(settings, 'signingKey', { value: e.BACKUP_SIGNING_KEY, enumerable: false })
  return settings
}

/**
 * The off-site bucket: BACKUP_S3_* where set, otherwise the Litestream replica's own bucket and
 * settings, with the user files under `<replica path>/user-files/` beside Litestream's `generations/`.
 */
function offsiteSettings(e: z.infer<typeof envSchema>): OffsiteSettings | null {
  const replica = e.LITESTREAM_REPLICA_URL?.startsWith('s3://') ? new URL(e.LITESTREAM_REPLICA_URL) : undefined
  const bucket = e.BACKUP_S3_BUCKET ?? replica?.hostname
  if (!bucket) return null
  const replicaPath = replica && !e.BACKUP_S3_BUCKET ? replica.pathname.replace(/^\/+|\/+$/g, '') : ''
  const prefix = e.BACKUP_S3_PREFIX ?? (replicaPath ? `${replicaPath}/user-files/` : 'user-files/')
  const endpoint = e.BACKUP_S3_ENDPOINT ?? e.LITESTREAM_ENDPOINT
  const forcePathStyle = e.BACKUP_S3_FORCE_PATH_STYLE ?? e.LITESTREAM_FORCE_PATH_STYLE
  const accessKeyId = e.BACKUP_S3_ACCESS_KEY_ID ?? e.LITESTREAM_ACCESS_KEY_ID
  const secretAccessKey = e.BACKUP_S3_SECRET_ACCESS_KEY ?? e.LITESTREAM_SECRET_ACCESS_KEY
  if (!accessKeyId !== !secretAccessKey)
    throw new ConfigError(
      'Invalid configuration: BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY (or their LITESTREAM_* twins) go together',
    )
  const settings: OffsiteSettings = {
    bucket,
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    endpoint,
    region: e.BACKUP_S3_REGION ?? e.LITESTREAM_REGION ?? 'us-east-1',
    // Litestream's rule: path-style addresses when a custom endpoint is set, unless told otherwise.
    forcePathStyle: forcePathStyle ? forcePathStyle === 'true' : endpoint !== undefined,
    credentials: undefined,
  }
  if (accessKeyId && secretAccessKey) {
    Object.defineProperty(settings, 'credentials', { value: { accessKeyId, secretAccessKey }, enumerable: false })
  }
  return settings
}
