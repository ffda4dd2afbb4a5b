import { english, type Said } from '../i18n/said.js'
import { cleanForCaption, cleanForPrompt } from './clean.js'
import type { BeatKind, CameraMove, Shot, Transition } from './schema.js'
import { shotLimits } from './schema.js'

/** A shot as a person (the editor) or a program (the API) sends it back after editing. */
export type EditedShot = {
  prompt: string
  caption: string
  durationSeconds: 5 | 10
  camera: CameraMove
  beat: BeatKind
  transition: Transition
  /** One of the brief's photos (the caller checks which); absent: the main photo. */
  imageId?: string | undefined
}

/** `message` is English (the API's); pages say `said` in their language. */
export type ShotProblem = { position: number; field: 'prompt' | 'caption'; message: string; said: Said }

const problem = (position: number, field: ShotProblem['field'], said: Said): ShotProblem => ({
  position,
  field,
  message: english(said),
  said,
})

/**
 * Cleans edited shots exactly as the engine cleans user text (no markup, control characters or
 * identifiers reach LibTV) and numbers them in order. The one check the editor and the API share.
 */
export function cleanEditedShots(edited: EditedShot[]): { shots: Shot[]; problems: ShotProblem[] } {
  const problems: ShotProblem[] = []
  const shots = edited.map((shot, i): Shot => {
    const position = i + 1
    const prompt = cleanForPrompt(shot.prompt, shotLimits.prompt)
    if (Array.from(shot.prompt).length > shotLimits.prompt) {
      problems.push(
        problem(position, 'prompt', { key: 'briefs.screenplay.promptTooLong', values: { max: shotLimits.prompt } }),
      )
    } else if (!prompt) {
      problems.push(problem(position, 'prompt', { key: 'briefs.screenplay.promptMissing' }))
    }
    if (Array.from(shot.caption).length > shotLimits.caption) {
      problems.push(
        problem(position, 'caption', { key: 'briefs.screenplay.captionTooLong', values: { max: shotLimits.caption } }),
      )
    }
    return {
      index: position,
      beat: shot.beat,
      durationSeconds: shot.durationSeconds,
      camera: shot.camera,
      prompt,
      caption: cleanForCaption(shot.caption, shotLimits.caption),
      transition: shot.transition,
      ...(shot.imageId ? { imageId: shot.imageId } : {}),
    }
  })
  return { shots, problems }
}
