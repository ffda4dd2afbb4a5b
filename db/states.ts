// The vocabularies the database stores, each declared once: the schema types its columns with
// them, services ask the questions below, views switch on the types. Pure: no IO, no imports.

/** A video: queued → rendering → stitching → done, or failed / canceled. */
export const videoStatuses = ['queued', 'rendering', 'stitching', 'done', 'failed', 'canceled'] as const
export type VideoStatus = (typeof videoStatuses)[number]

/** Statuses a video can still leave: it may be canceled, and the worker still owns it. */
export const activeVideoStatuses = ['queued', 'rendering', 'stitching'] as const satisfies readonly VideoStatus[]

export function isVideoFinished(status: VideoStatus): boolean {
  return !(activeVideoStatuses as readonly VideoStatus[]).includes(status)
}

/** A shot: queued → submitted → running → moderating → downloading → done, or failed / canceled. */
export const shotStatuses = [
  'queued',
  'submitted',
  'running',
  'moderating',
  'downloading',
  'done',
  'failed',
  'canceled',
] as const
export type ShotStatus = (typeof shotStatuses)[number]

/** Shots LibTV may still be working on (or that have not been sent yet). */
export const activeShotStatuses = [
  'queued',
  'submitted',
  'running',
  'moderating',
  'downloading',
] as const satisfies readonly ShotStatus[]

/** A render job: queued → running → done, or failed / canceled. */
export const jobStates = ['queued', 'running', 'done', 'failed', 'canceled'] as const
export type JobState = (typeof jobStates)[number]

/** Jobs a worker may claim: waiting, or running under a lease that may have expired. */
export const claimableJobStates = ['queued', 'running'] as const satisfies readonly JobState[]

export const aspectRatios = ['9:16', '16:9', '1:1', '3:4', '4:5'] as const
export type AspectRatio = (typeof aspectRatios)[number]

/** A video's size class: 720 or 1080 pixels on the short side. */
export const resolutions = ['720p', '1080p'] as const
export type Resolution = (typeof resolutions)[number]

export const planIds = ['free', 'creator', 'studio'] as const
export type PlanId = (typeof planIds)[number]

/** What a webhook tells: a video's final state. */
export const webhookEventTypes = ['video.succeeded', 'video.failed', 'video.canceled'] as const
export type WebhookEventType = (typeof webhookEventTypes)[number]

/** A webhook delivery: pending (and retried) until a 2xx, or failed after 24 hours of tries. */
export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const
export type DeliveryStatus = (typeof deliveryStatuses)[number]

/**
 * Why a link was mailed: confirm the address at sign-up, reset the password, confirm a new address,
 * or (mailed to the current address when a change is asked for) cancel that change.
 */
export const emailTokenPurposes = ['confirm', 'reset', 'change_email', 'cancel_email_change'] as const
export type EmailTokenPurpose = (typeof emailTokenPurposes)[number]

/**
 * A brief's music: "auto" (a track for its tone, varied per video), "none" (a silent track), or
 * one built-in track by id (src/music/tracks.ts says how each is played).
 */
export const musicTrackIds = [
  'velvet-hour',
  'gold-leaf',
  'bubblegum',
  'paper-kites',
  'full-throttle',
  'night-run',
  'white-space',
  'still-water',
  'sunday-kitchen',
  'golden-porch',
] as const
export type MusicTrackId = (typeof musicTrackIds)[number]
/** The fixed choices; a brief may also name a person's own track or one of the operator's library. */
export const musicChoices = ['auto', 'none', ...musicTrackIds] as const
export type FixedMusicChoice = (typeof musicChoices)[number]
/** `track:<id>`: one of the person's own uploads (src/music/own/), owner-checked where a brief is saved. */
export type OwnTrackChoice = `track:${string}`
/** `library:<slug>`: a track of the operator's MUSIC_DIR (src/music/library.ts). */
export type LibraryChoice = `library:${string}`
export type MusicChoice = FixedMusicChoice | OwnTrackChoice | LibraryChoice

const ownTrackPattern = /^track:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** A library slug: lowercase letters, digits and dashes (what the scanner makes of a file name). */
export const librarySlugPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/

/** Whether a value is a music choice by its shape (a track's existence and owner are asked elsewhere). */
export function isMusicChoice(value: unknown): value is MusicChoice {
  if (typeof value !== 'string') return false
  if ((musicChoices as readonly string[]).includes(value)) return true
  if (ownTrackPattern.test(value)) return true
  return value.startsWith('library:') && librarySlugPattern.test(value.slice('library:'.length))
}

export function ownTrackIdOf(choice: string): string | null {
  return ownTrackPattern.test(choice) ? choice.slice('track:'.length) : null
}

export function librarySlugOf(choice: string): string | null {
  return choice.startsWith('library:') && librarySlugPattern.test(choice.slice(8)) ? choice.slice(8) : null
}

/** How loud the music is: "normal" is the platforms' −14 LUFS, "quiet" −20 LUFS, for a voice-over added later. */
export const musicVolumes = ['normal', 'quiet'] as const
export type MusicVolume = (typeof musicVolumes)[number]

/** What a brief's photo shows; the screenplay gives each shot the photo its beat wants. */
export const photoRoles = ['main', 'detail', 'in-use', 'packaging', 'scale', 'other'] as const
export type PhotoRole = (typeof photoRoles)[number]
/** A brief holds 1 to this many photos. */
export const maxBriefPhotos = 5
