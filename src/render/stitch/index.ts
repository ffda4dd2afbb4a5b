/** Stitching: clips + captions + end card → one MP4 and a poster. The render worker's entry point. */

export type { StitchErrorKind } from './errors.js'
export { isStitchError, StitchError } from './errors.js'
export type { Transition } from './filtergraph.js'
export type { AspectRatio, Language, Resolution, Size } from './layout.js'
export { DEFAULT_SIZES, sizeFor } from './layout.js'
export type { StitchInput, StitchResult } from './stitch.js'
export { stitchVideo } from './stitch.js'
