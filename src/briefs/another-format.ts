import { and, eq } from 'drizzle-orm'
import { briefs } from '../../db/schema.js'
import type { AspectRatio } from '../../db/states.js'
import type { Db } from '../db.js'
import { presetProblems } from '../formats/presets.js'
import { writeScreenplay } from '../screenplay/engine.js'
import { reframeScreenplay } from '../screenplay/reframe.js'
import { savedScreenplaySchema } from '../screenplay/saved.js'
import { briefMismatch } from './drafts.js'
import { findScreenplayById, type ScreenplayVersion, saveScreenplayVersion } from './screenplays.js'
import { findBrief } from './service.js'

export type AnotherFormat = {
  version: ScreenplayVersion
  /** The screenplay it came from, reframed with its captions and order; false: written anew from the brief. */
  kept: boolean
  /** The version it was made from. */
  from: number
}

/**
 * "Make it 1:1" on a video's page: the brief now asks for that format and a new screenplay version
 * is saved for it. It is the video's own screenplay reframed (captions, order and timing kept)
 * when that still matches the brief's language and length; when the brief changed since, a fresh
 * take is written from the brief and `kept` says the edits could not come along. The video and
 * the brief's other videos keep the versions they were made from (versions are immutable). A
 * platform preset that does not show the new format gives way to no preset. Throws StorageFull
 * (nothing written) when the plan keeps no more versions of this brief; undefined when the brief
 * or the screenplay is not this person's.
 */
export function writeInAnotherFormat(
  db: Db,
  userId: string,
  from: { briefId: string; screenplayId: string },
  aspectRatio: AspectRatio,
  now = Date.now(),
): AnotherFormat | undefined {
  const saved = findBrief(db, userId, from.briefId)
  const source = findScreenplayById(db, userId, from.screenplayId)
  if (!saved || !source || source.briefId !== saved.id) return undefined
  const asked = { ...saved.brief, aspectRatio }
  const preset = presetProblems(asked).some((p) => p.field === 'aspectRatio') ? 'custom' : asked.preset
  const brief = { ...asked, ...(preset ? { preset } : {}) }
  const reframed = reframeScreenplay(source.screenplay, aspectRatio)
  const kept = briefMismatch(brief, saved.updatedAt, reframed, source.createdAt) === undefined
  const screenplay = kept ? reframed : savedScreenplaySchema.parse(writeScreenplay(brief, 0, brief.template))
  // The version first: at the plan's cap it throws and the brief stays as it was. Should the
  // brief's write not follow, the editor shows the version with its mismatch banner: nothing lost.
  const version = saveScreenplayVersion(db, userId, saved.id, screenplay, now)
  db.update(briefs)
    .set({ data: brief, updatedAt: now })
    .where(and(eq(briefs.id, saved.id), eq(briefs.userId, userId)))
    .run()
  return { version, kept, from: source.version }
}
