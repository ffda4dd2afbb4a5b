// The LibTV transport: what the app's config, start-up and render worker use.
export {
  createLibtvClient,
  DEFAULT_MAX_VIDEO_BYTES,
  type CallOptions,
  type LibtvClient,
  type LibtvClientOptions,
  type LibtvClientSettings,
  type Shot,
} from './client.js'
export {
  LIBTV_DEV_ACCESS_KEY,
  LIBTV_DEV_SECRET_KEY,
  LIBTV_MODELS,
  LibtvConfigError,
  libtvEnvSchema,
  libtvSettingsFrom,
  type LibtvEnv,
  type LibtvMode,
  type LibtvModel,
  type LibtvSettings,
} from './config.js'
export { LIBTV_ERROR_CODES } from './codes.js'
export { LibtvError, isLibtvError, type LibtvErrorKind } from './errors.js'
export { signImageUrl, verifyImageSignature, type ImageSignatureCheck, type SignImageUrlInput } from './signed-url.js'
export { isTerminal, type ShotStatus, type TerminalShotStatus } from './status.js'
