import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import {
  aspectRatios,
  deliveryStatuses,
  emailTokenPurposes,
  jobStates,
  photoRoles,
  planIds,
  resolutions,
  shotStatuses,
  videoStatuses,
  webhookEventTypes,
} from './states.js'

// Timestamps are UTC milliseconds since the epoch (integer) everywhere.
// Ids that appear in URLs are random UUIDs, never sequential.

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  // "scrypt$N$r$p$salt$hash": the parameters travel with the hash so they can change later.
  passwordHash: text('password_hash').notNull(),
  plan: text('plan', { enum: planIds }).notNull().default('free'),
  createdAt: integer('created_at').notNull(),
  // Null until the person clicks the link mailed at sign-up; nobody renders before that.
  emailConfirmedAt: integer('email_confirmed_at'),
  // Set by the operator (admin CLI): a disabled account cannot sign in or call the API.
  disabledAt: integer('disabled_at'),
  // The language the person chose (en, zh-CN or zh-HK; src/i18n/locales.ts). Null follows the
  // browser's Accept-Language; their mail is then in English.
  locale: text('locale'),
  // "Email me when it's ready", as last ticked on the render bar: remembered for the next render.
  notifyWhenReady: integer('notify_when_ready', { mode: 'boolean' }).notNull().default(false),
})

// Browser sign-in. The cookie holds the token; the database only its SHA-256 hash.
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash').on(t.tokenHash), index('sessions_user').on(t.userId)],
)

// API keys: only a SHA-256 hash and a short display prefix are kept. One active key per user.
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash').on(t.keyHash),
    uniqueIndex('api_keys_one_active_per_user').on(t.userId).where(sql`revoked_at IS NULL`),
  ],
)

// One row per video charged against a plan's monthly quota. The privacy policy allows
// "timestamps and metadata" only; a voided record no longer counts.
export const usageRecords = sqliteTable(
  'usage_records',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    videoId: text('video_id').notNull(),
    shots: integer('shots').notNull(),
    seconds: integer('seconds').notNull(),
    model: text('model').notNull(),
    // The plan the video was charged to, for the monthly statement (null: recorded before statements).
    plan: text('plan', { enum: planIds }),
    // Points LibTV reported charging for the video's tasks so far (the sum of its shots'), kept
    // here so the operator's monthly report survives the video's deletion; null: none reported.
    pointsCost: integer('points_cost'),
    createdAt: integer('created_at').notNull(),
    voidedAt: integer('voided_at'),
  },
  (t) => [index('usage_user_created').on(t.userId, t.createdAt)],
)

// Product photos, re-encoded (metadata stripped) and stored under DATA_DIR by content hash.
export const images = sqliteTable(
  'images',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('images_user_sha').on(t.userId, t.sha256)],
)

// The account's brand kit (src/brand/): colours, caption font, the end card's handle, whether a
// small logo sits in a corner, and the logo, a PNG stored under DATA_DIR by content hash (its
// bytes count against the plan's photo storage). One row per account, written on first save.
export const brandKits = sqliteTable('brand_kits', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  primaryColor: text('primary_color'),
  accentColor: text('accent_color'),
  font: text('font').notNull().default('sans'),
  handle: text('handle'),
  cornerLogo: integer('corner_logo', { mode: 'boolean' }).notNull().default(false),
  logoSha256: text('logo_sha256'),
  logoWidth: integer('logo_width'),
  logoHeight: integer('logo_height'),
  logoBytes: integer('logo_bytes'),
  updatedAt: integer('updated_at').notNull(),
})

export type BrandKitRow = typeof brandKits.$inferSelect

// A brief's fields live in `data` as JSON validated by src/screenplay/brief.ts; the name is
// kept in a column of its own for listing.
export const briefs = sqliteTable(
  'briefs',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    imageId: text('image_id').references(() => images.id, { onDelete: 'set null' }),
    productName: text('product_name').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('briefs_user_updated').on(t.userId, t.updatedAt)],
)

// A brief's photos (1 to 5) in the order the person set, each with its role. briefs.image_id
// stays as the main photo (the one the list, the end card and older readers use).
export const briefPhotos = sqliteTable(
  'brief_photos',
  {
    briefId: text('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    imageId: text('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    role: text('role', { enum: photoRoles }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.briefId, t.position] }), index('brief_photos_image').on(t.imageId)],
)

// Saved screenplays are immutable versions, so a render always refers to exactly what it used.
export const screenplays = sqliteTable(
  'screenplays',
  {
    id: text('id').primaryKey(),
    briefId: text('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    body: text('body', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('screenplays_brief_version').on(t.briefId, t.version)],
)

// The screenplay editor's unsaved edits, one per brief, kept as the person types so nothing is
// lost by leaving the page; saving or rendering turns it into a version and removes it.
export const screenplayDrafts = sqliteTable('screenplay_drafts', {
  briefId: text('brief_id')
    .primaryKey()
    .references(() => briefs.id, { onDelete: 'cascade' }),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The saved version the edits started from, if any (Render uses it as is when nothing changed). */
  basedOn: text('based_on').references(() => screenplays.id, { onDelete: 'set null' }),
  body: text('body', { mode: 'json' }).notNull(),
  /** When the screenplay the edits began from was written: a brief changed after it may no longer match. */
  writtenAt: integer('written_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

export type User = typeof users.$inferSelect
export type Session = typeof sessions.$inferSelect
export type ApiKey = typeof apiKeys.$inferSelect
export type UsageRecord = typeof usageRecords.$inferSelect
export type Image = typeof images.$inferSelect
export type BriefRow = typeof briefs.$inferSelect
export type ScreenplayRow = typeof screenplays.$inferSelect
export type BriefPhotoRow = typeof briefPhotos.$inferSelect

// A video being rendered or finished. Deleting its brief deletes it (with its files).
export const videos = sqliteTable(
  'videos',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    briefId: text('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    screenplayId: text('screenplay_id')
      .notNull()
      .references(() => screenplays.id, { onDelete: 'cascade' }),
    imageId: text('image_id').references(() => images.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    aspectRatio: text('aspect_ratio', { enum: aspectRatios }).notNull(),
    // Taken from the brief when the render starts (1080p renders the clips in LibTV's pro mode).
    resolution: text('resolution', { enum: resolutions }).notNull().default('720p'),
    lengthSeconds: integer('length_seconds').notNull(),
    status: text('status', { enum: videoStatuses }).notNull(),
    failureReason: text('failure_reason'),
    // Why it failed as a stable code and its values (JSON), so a page says it in its own language
    // (src/render/reasons.ts); failure_reason keeps the English sentence the API returns. Null on
    // rows written before the codes: those are recognised by their sentence.
    failureCode: text('failure_code'),
    failureValues: text('failure_values'),
    stitchProgress: integer('stitch_progress').notNull().default(0),
    outputBytes: integer('output_bytes'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    finishedAt: integer('finished_at'),
    // A mail goes to the owner when it is done or failed (ticked when the render was started).
    notifyWhenReady: integer('notify_when_ready', { mode: 'boolean' }).notNull().default(false),
    // "Make 3 variants" (src/variants): the set the video belongs to, and the tone and music it was
    // made with where they are not the brief's (null: the brief's own). Its screenplay says the rest.
    variantGroupId: text('variant_group_id'),
    // Its place in the set (1, 2, 3…): "Variant 2" stays Variant 2 after the others are deleted.
    variantPosition: integer('variant_position'),
    variantTone: text('variant_tone'),
    variantMusic: text('variant_music'),
    // Where in a named track the variant's music starts (ms; src/variants/plan.ts), so variants
    // of one brief play different parts of the seller's song. Null: from the start.
    variantMusicStartMs: integer('variant_music_start_ms'),
    // The brand kit in effect when the render was submitted (JSON, src/brand/snapshot.ts): a later
    // change of the kit does not alter a render on its way. Null: no kit, or a video made before kits.
    brandKit: text('brand_kit'),
  },
  (t) => [index('videos_user_created').on(t.userId, t.createdAt), index('videos_variant_group').on(t.variantGroupId)],
)

// One row per shot of a video. The LibTV task id is committed before it is polled, so after a
// crash the worker resumes polling instead of submitting again.
export const videoShots = sqliteTable(
  'video_shots',
  {
    id: text('id').primaryKey(),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    prompt: text('prompt').notNull(),
    caption: text('caption').notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    camera: text('camera').notNull(),
    transition: text('transition').notNull(),
    status: text('status', { enum: shotStatuses }).notNull(),
    taskId: text('task_id'),
    percent: integer('percent').notNull().default(0),
    pointsCost: integer('points_cost'),
    failureReason: text('failure_reason'),
    failureCode: text('failure_code'),
    failureValues: text('failure_values'),
    // When the shot was first sent to be rendered and when its clip was on disk: the render page's
    // time estimate is made from these (src/render/estimate.ts), never from a guessed number.
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('video_shots_position').on(t.videoId, t.position)],
)

// The queue. A job is claimed with a lease (owner, expiry) that its worker renews while it
// works; an expired lease makes the job claimable again. Finishing writes check the owner.
// `attempts` counts claims (a graceful hand-back at shutdown gives its claim back); a job that
// errors waits until `next_attempt_at` (exponential backoff) and fails for good past a maximum.
export const renderJobs = sqliteTable(
  'render_jobs',
  {
    id: text('id').primaryKey(),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    state: text('state', { enum: jobStates }).notNull(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: integer('lease_expires_at'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('render_jobs_video').on(t.videoId), index('render_jobs_state').on(t.state, t.leaseExpiresAt)],
)

export type Video = typeof videos.$inferSelect
export type VideoShot = typeof videoShots.$inferSelect
export type RenderJob = typeof renderJobs.$inferSelect

// Idempotency-Key of the API: the first answer to a POST, kept 24 hours and replayed to a retry
// with the same key and body. Keys are per account and stored as hashes; status is null while the
// first request is still running, so a simultaneous retry waits for it instead of running twice.
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    location: text('location'),
    body: text('body'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [uniqueIndex('idempotency_user_key').on(t.userId, t.keyHash), index('idempotency_expires').on(t.expiresAt)],
)

export type IdempotencyKey = typeof idempotencyKeys.$inferSelect

// The account's webhook endpoint. The signing secret must be usable to sign, so it is kept sealed
// with a server key (`v1:<iv>:<tag>:<ciphertext>`, src/webhooks/secret-box.ts), not hashed; it is
// shown to its owner once and deleted with the endpoint.
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  createdAt: integer('created_at').notNull(),
})

// Durable webhook deliveries, written in the same transaction as the video's final state and sent
// by a background loop with retries for 24 hours. The payload is fixed at the first attempt.
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', { enum: webhookEventTypes }).notNull(),
    videoId: text('video_id').notNull(),
    payload: text('payload'),
    status: text('status', { enum: deliveryStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_due').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_user').on(t.userId, t.createdAt),
  ],
)

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect

// Single-use links mailed to a person: confirm the address, reset the password, confirm a new
// address. Only the token's SHA-256 hash is kept; a used or expired token opens nothing.
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: emailTokenPurposes }).notNull(),
    tokenHash: text('token_hash').notNull(),
    // Only for change_email: the address that becomes the account's when the link is clicked.
    newEmail: text('new_email'),
    // Only for confirm: the scrypt hash of the password typed at the sign-up that mailed this link.
    // Confirming asks for that password again, so a link mailed by someone else's sign-up with
    // this address (who chose the password) opens nothing for them: no pre-account takeover.
    passwordHash: text('password_hash'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [uniqueIndex('email_tokens_token_hash').on(t.tokenHash), index('email_tokens_user').on(t.userId, t.purpose)],
)

// Durable outbox: every mail is written in the same transaction as the event that causes it and
// sent by a background loop with retries. A sent mail leaves the table; only daily counts remain.
// user_id has no foreign key on purpose: the notice that an account was deleted outlives the account
// until it is sent.
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: text('id').primaryKey(),
    userId: text('user_id'),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    // Bulk mail (policy notices) is sent at a gentle rate, after every transactional mail.
    bulk: integer('bulk', { mode: 'boolean' }).notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('mail_outbox_due').on(t.bulk, t.nextAttemptAt), index('mail_outbox_user').on(t.userId)],
)

// What the operator keeps about mail once it has left the outbox: how many per day, nothing else.
export const mailDailyCounts = sqliteTable('mail_daily_counts', {
  day: text('day').primaryKey(),
  sent: integer('sent').notNull().default(0),
  failed: integer('failed').notNull().default(0),
})

// A policy-change notice and who it has been queued for, so re-running the command resumes and
// never mails the same account twice for the same notice.
export const policyNotices = sqliteTable('policy_notices', {
  id: text('id').primaryKey(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: integer('created_at').notNull(),
})

export const policyNoticeRecipients = sqliteTable(
  'policy_notice_recipients',
  {
    noticeId: text('notice_id')
      .notNull()
      .references(() => policyNotices.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    queuedAt: integer('queued_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.userId] })],
)

// A deleted account: the id and the time, nothing personal. Kept 30 days; every restore re-applies
// them before serving, so a snapshot or replica never brings a deleted account back.
export const deletionTombstones = sqliteTable('deletion_tombstones', {
  userId: text('user_id').primaryKey(),
  deletedAt: integer('deleted_at').notNull(),
})

export type EmailToken = typeof emailTokens.$inferSelect
export type OutboxMail = typeof mailOutbox.$inferSelect

// A person's own music (issue 25): the upload re-encoded to AAC (metadata stripped) at
// DATA_DIR/users/<user>/tracks/<id>.m4a. The title is theirs to rename; nothing else is kept of
// the file they sent.
export const tracks = sqliteTable(
  'tracks',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    durationMs: integer('duration_ms').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('tracks_user_created').on(t.userId, t.createdAt)],
)
export type Track = typeof tracks.$inferSelect
