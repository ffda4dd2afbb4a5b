// The screenplay engine's public surface: pages, the API and the render worker import from here.
export {
  aspectRatioOptions,
  aspectRatios,
  briefLimits,
  briefSchema,
  languageOptions,
  languages,
  lengthChoices,
  lengthOptions,
  templateOptions,
  toneOptions,
  type AspectRatio,
  type Brief,
  type BriefInput,
  type Language,
  type LengthSeconds,
} from './brief.js'
export { cleanForCaption, cleanForPrompt } from './clean.js'
export { writeScreenplay } from './engine.js'
export { shotCountRange } from './plan.js'
export {
  beatKinds,
  cameraMoves,
  screenplaySchema,
  shotLimits,
  shotSchema,
  transitions,
  type BeatKind,
  type CameraMove,
  type Screenplay,
  type Shot,
  type Transition,
} from './schema.js'
export { templateIds, type TemplateId } from './templates/index.js'
export { toneIds, type Tone } from './tones.js'
