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
}

export type ShotProblem = { position: number; field: 'prompt' | 'caption'; message: string }

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
      problems.push({ position, field: 'prompt', message: `Prompts are at most ${shotLimits.prompt} characters.` })
    } else if (!prompt) {
      problems.push({ position, field: 'prompt', message: 'Describe what this shot shows.' })
    }
    if (Array.from(shot.caption).length > shotLimits.caption) {
      problems.push({ position, field: 'caption', message: `Captions are at most ${shotLimits.caption} characters.` })
    }
    return {
      index: position,
      beat: shot.beat,
      durationSeconds: shot.durationSeconds,
      camera: shot.camera,
      prompt,
      caption: cleanForCaption(shot.caption, shotLimits.caption),
      transition: shot.transition,
    }
  })
  return { shots, problems }
}
