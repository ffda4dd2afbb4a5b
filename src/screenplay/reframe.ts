import type { AspectRatio } from './brief.js'
import { frames } from './engine.js'
import type { SavedScreenplay } from './saved.js'
import { shotLimits } from './schema.js'

/**
 * The same screenplay for another shape: every shot, caption, duration, move and the order kept
 * as the person left them; only the sentence each prompt gives the frame's shape changes. A prompt
 * the person rewrote without that sentence gets the new one added, so the model still hears it.
 * Pure, like the engine.
 */
export function reframeScreenplay(screenplay: SavedScreenplay, aspectRatio: AspectRatio): SavedScreenplay {
  const from = frames[screenplay.aspectRatio]
  const to = frames[aspectRatio]
  return {
    ...screenplay,
    aspectRatio,
    shots: screenplay.shots.map((shot) => ({
      ...shot,
      prompt: shot.prompt.includes(from) ? shot.prompt.replace(from, to) : withFrame(shot.prompt, to),
    })),
  }
}

/** A rewritten prompt with the shape's sentence added, when it still fits the model's limit. */
function withFrame(prompt: string, frame: string): string {
  const added = `${prompt.trimEnd()} ${frame}`
  return added.length <= shotLimits.prompt ? added : prompt
}
