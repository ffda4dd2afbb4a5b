// The LibTV transport: what the app's config, start-up and render worker use.
export {
  type CallOptions,
  createLibtvClient,
  DEFAULT_MAX_VIDEO_BYTES,
  type LibtvClient,
  type LibtvClientOptions,
  type LibtvClientSettings,
  type Shot,
} from './client.js'
export { LIBTV_ERROR_CODES } from './codes.js'
export {
  LIBTV_DEV_ACCESS_KEY,
  LIBTV_DEV_SECRET_KEY,
  LIBTV_MODELS,
  LibtvConfigError,
  type LibtvEnv,
  type LibtvMode,
  type LibtvModel,
  type LibtvSettings,
  libtvEnvSchema,
  libtvSettingsFrom,
} from './config.js'
export { isLibtvError, LibtvError, type LibtvErrorKind } from './errors.js'
export { checkFetchUrl, defaultFetchPolicy, type FetchPolicy, LIBTV_MEDIA_HOSTS } from './fetch-policy.js'
export { type ImageSignatureCheck, type SignImageUrlInput, signImageUrl, verifyImageSignature } from './signed-url.js'
export { isTerminal, type ShotStatus, type TerminalShotStatus } from './status.js'
