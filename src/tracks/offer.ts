import type { Context } from 'hono'
import type { MusicChoice } from '../../db/states.js'
import type { MusicOffer } from '../../views/briefs/brief-form.js'
import type { AppEnv, SignedInEnv } from '../http/env.js'
import { modelMakesSound } from '../libtv/config.js'
import { libraryTracks } from '../music/index.js'
import { listTracks, musicChoiceAllowed } from './service.js'

/** What the brief form's music field offers this person: the library, their own tracks, ambient sound. */
export function musicOffer(c: Context<SignedInEnv> | Context<AppEnv>): MusicOffer {
  const user = c.var.user
  return {
    library: libraryTracks(c.var.config.music.libraryDir, libraryLog(c)).map((t) => ({
      value: `library:${t.slug}`,
      title: t.title,
    })),
    own: (user ? listTracks(c.var.db, user.id) : []).map((t) => ({ value: `track:${t.id}`, title: t.title })),
    ambient: modelMakesSound(c.var.config.libtv.model),
  }
}

export function musicChoiceAllowedFor(c: Context<SignedInEnv>, music: MusicChoice): boolean {
  return musicChoiceAllowed(c.var.db, c.var.config.music.libraryDir, c.var.user.id, music, libraryLog(c))
}

function libraryLog(c: Context<SignedInEnv> | Context<AppEnv>) {
  return (message: string, fields: Record<string, string>) => c.var.deps.logger.warn(fields, message)
}
