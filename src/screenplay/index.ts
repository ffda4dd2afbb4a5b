// The screenplay engine's public surface: pages, the API and the render worker import from here.
export {
  type AspectRatio,
  aspectRatioOptions,
  aspectRatios,
  type Brief,
  type BriefInput,
  briefLimits,
  briefSchema,
  type Language,
  type LengthSeconds,
  languageOptions,
  languages,
  lengthChoices,
  lengthOptions,
  templateOptions,
  toneOptions,
} from './brief.js'
export { captionFits, captionGuide, captionLength, captionLimit, isChinese } from './caption-guide.js'
export { type Category, categories, guessCategory } from './category.js'
export { cleanForCaption, cleanForPrompt } from './clean.js'
export { writeScreenplay } from './engine.js'
export { assignPhotos, photoOfShot, type ShotPhoto } from './photos.js'
export { shotCountRange } from './plan.js'
export { type SavedScreenplay, savedScreenplaySchema } from './saved.js'
export {
  type BeatKind,
  beatKinds,
  type CameraMove,
  cameraMoves,
  type Screenplay,
  type Shot,
  screenplaySchema,
  shotLimits,
  shotSchema,
  type Transition,
  transitions,
} from './schema.js'
export { type TemplateId, templateIds } from './templates/index.js'
export { type Tone, toneIds } from './tones.js'
