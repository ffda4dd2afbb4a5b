import { type FixedMusicChoice, musicChoices } from '../../db/states.js'
import type { Translator } from '../../src/i18n/translate.js'
import { musicLabels, templateLabels, toneLabels } from '../briefs/brief-fields.js'

// How a variant differs, in the page's language: the brief form's own names for templates,
// tones and the built-in tracks.

const isBuiltIn = (value: string): value is FixedMusicChoice => (musicChoices as readonly string[]).includes(value)

/** A music choice's name: a built-in track by its name, a person's own or a library track by what it is. */
export function musicName({ t }: Pick<Translator, 't'>, music: string): string {
  if (isBuiltIn(music)) return t(musicLabels[music])
  return t(music.startsWith('library:') ? 'variants.music.library' : 'variants.music.own')
}

/** Where a variant's part of a track starts, as a player shows it: 0:42, 3:05. */
export function startTime(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

export function templateName({ t }: Pick<Translator, 't'>, template: string): string {
  const key = templateLabels[template as keyof typeof templateLabels]
  return key ? t(key) : template
}

export function toneName({ t }: Pick<Translator, 't'>, tone: string): string {
  const key = toneLabels[tone as keyof typeof toneLabels]
  return key ? t(key) : tone
}
