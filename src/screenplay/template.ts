import type { Language } from './brief.js'
import type { HookKind } from './hook.js'
import type { BeatKind, CameraMove, Transition } from './schema.js'

/**
 * One way to film a beat. The prompt is English with {slots}:
 *   {product} {point} {audience}                      from the brief (cleaned)
 *   {light} {palette} {surface} {place} {mood} {grade} the tone's look, fixed for the whole screenplay
 *   {motion}                                          the tone's camera speed ("slow", "punchy"…)
 *   any key of the template's own `vocabulary`
 * A slot written with a capital first letter ({Motion}) is capitalised, for sentence starts.
 */
export interface ShotIdea {
  camera: CameraMove
  prompt: string
}

export interface Beat {
  kind: BeatKind
  /** When the length leaves fewer shots than beats, higher priority is kept. */
  priority: number
  /** How much the beat gains from a 10-second hold rather than 5 (0 = none). */
  hold: number
  /** One shot per selling point, in the brief's order (the first point is kept first). */
  perSellingPoint?: boolean
  /** A transition this beat always enters with, e.g. the wipe from "before" to "after". */
  transition?: Transition
  /** The beat sets its own light and colour (the grey "before"), so the tone's palette is not added. */
  ownLook?: boolean
  ideas: readonly ShotIdea[]
  /**
   * On-screen text patterns: {product} {point} {audience} {tagline}. The call to action is the end
   * card's alone, and the product's name reaches at most one caption (the end card's title is the other).
   */
  captions: Readonly<Record<Language, readonly string[]>>
}

/** The first shot: its caption is the hook (src/screenplay/hook.ts), so it has no patterns of its own. */
export type OpeningBeat = Omit<Beat, 'captions'>

export interface ScreenplayTemplate<Id extends string = string> {
  id: Id
  label: string
  summary: string
  /** Which hook the film opens with, in order of preference; the variation steps through them. */
  hook: readonly HookKind[]
  opening: OpeningBeat
  /** Beats between opening and close, in story order. */
  middle: readonly Beat[]
  /** The last shot, before the end card (which says the call to action, so this shot does not). */
  close: Beat
  /** Extra slot vocabularies for this template's prompts; one entry is chosen per screenplay. */
  vocabulary?: Readonly<Record<string, readonly string[]>>
}
