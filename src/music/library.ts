import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { librarySlugPattern } from '../../db/states.js'
import { toneIds } from '../screenplay/tones.js'

/**
 * The operator's music library (MUSIC_DIR, docs/music.md#the-operators-library): audio files, each
 * with a sidecar `<name>.json` saying its title, mood, tempo, licence and attribution. A brief
 * names one as `library:<slug>` (the file's name, lower-cased, other characters as dashes). A file
 * without a valid sidecar is skipped and logged by its file name (the operator's, never a person's);
 * the app never fails for it. The folder is read again when its modification time changes, so a
 * track added (with its sidecar) shows on the next page load.
 */

export const LIBRARY_EXTENSIONS = ['.mp3', '.m4a', '.aac', '.wav', '.ogg', '.oga', '.opus', '.flac'] as const

export const sidecarSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  mood: z.enum(toneIds).optional(),
  tempo: z.number().int().min(30).max(300).optional(),
  /** An SPDX-like name: CC0-1.0, CC-BY-4.0, "own", or the licence's name. */
  licence: z.string().trim().min(1).max(120),
  /** The credit, as the licence wants it shown: required when the licence asks for attribution. */
  attribution: z.string().trim().min(1).max(300).optional(),
  /** For licences not recognised as asking for it (below) that still do. */
  attributionRequired: z.boolean().optional(),
})
export type Sidecar = z.infer<typeof sidecarSchema>

export interface LibraryTrack {
  slug: string
  title: string
  mood: NonNullable<Sidecar['mood']> | null
  tempo: number | null
  licence: string
  /** Shown on the video page and written into the MP4 when the licence asks for it; else null. */
  attribution: string | null
  path: string
  /** Changes with the file (its size and time), so a replaced file is mixed again. */
  key: string
}

/** Creative Commons licences with BY ask for credit; so does any sidecar saying so. */
export function asksForAttribution(sidecar: Sidecar): boolean {
  return sidecar.attributionRequired === true || /^CC[- ]?BY/i.test(sidecar.licence)
}

export type LibraryLog = (message: string, fields: Record<string, string>) => void

/** Reads a library folder: the valid tracks in file-name order. Never throws for a bad file. */
export function scanLibrary(dir: string, log: LibraryLog): LibraryTrack[] {
  let names: string[]
  try {
    names = fs.readdirSync(dir).sort()
  } catch (err) {
    log('music library unreadable', { error: (err as NodeJS.ErrnoException).code ?? 'unknown' })
    return []
  }
  const found = new Map<string, LibraryTrack>()
  for (const name of names) {
    const ext = path.extname(name).toLowerCase()
    if (!(LIBRARY_EXTENSIONS as readonly string[]).includes(ext)) continue
    const base = name.slice(0, -ext.length)
    const skip = (reason: string) => log('music library track skipped', { file: name, reason })
    const slug = slugOf(base)
    if (!slug) {
      skip('name')
      continue
    }
    if (found.has(slug)) {
      skip('duplicate name')
      continue
    }
    let sidecar: Sidecar
    try {
      const parsed = sidecarSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, `${base}.json`), 'utf8')))
      if (!parsed.success) {
        skip(`sidecar: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'} ${i.code}`).join(', ')}`)
        continue
      }
      sidecar = parsed.data
    } catch (err) {
      skip(err instanceof SyntaxError ? 'sidecar is not JSON' : 'no sidecar')
      continue
    }
    const required = asksForAttribution(sidecar)
    if (required && !sidecar.attribution) {
      skip('sidecar: the licence asks for attribution and none is given')
      continue
    }
    const file = path.join(dir, name)
    let stat: fs.Stats
    try {
      stat = fs.statSync(file)
    } catch {
      skip('unreadable')
      continue
    }
    if (!stat.isFile()) continue
    found.set(slug, {
      slug,
      title: sidecar.title,
      mood: sidecar.mood ?? null,
      tempo: sidecar.tempo ?? null,
      licence: sidecar.licence,
      attribution: required ? (sidecar.attribution ?? null) : null,
      path: file,
      key: `library:${slug}:${stat.size}:${Math.round(stat.mtimeMs)}`,
    })
  }
  return [...found.values()]
}

export function slugOf(base: string): string | null {
  const slug = base
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '')
  return librarySlugPattern.test(slug) ? slug : null
}

const cache = new Map<string, { mtimeMs: number; tracks: LibraryTrack[] }>()

/**
 * The library's tracks, read again only when the folder changed (one stat a call): cheap enough
 * for every page that offers music. No MUSIC_DIR: none.
 */
export function libraryTracks(dir: string | undefined, log: LibraryLog): LibraryTrack[] {
  if (!dir) return []
  let mtimeMs: number
  try {
    mtimeMs = fs.statSync(dir).mtimeMs
  } catch {
    mtimeMs = -1
  }
  const cached = cache.get(dir)
  if (cached && cached.mtimeMs === mtimeMs) return cached.tracks
  const tracks = mtimeMs < 0 ? [] : scanLibrary(dir, log)
  if (mtimeMs < 0) log('music library unreadable', { error: 'missing' })
  cache.set(dir, { mtimeMs, tracks })
  return tracks
}

export function findLibraryTrack(dir: string | undefined, slug: string, log: LibraryLog): LibraryTrack | null {
  return libraryTracks(dir, log).find((t) => t.slug === slug) ?? null
}
