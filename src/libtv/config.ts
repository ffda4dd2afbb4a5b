import { z } from 'zod'

// The img2video models. All but kling-v2-6 take the photo as `startFrame`; kling-v2-6 takes it as
// `image` (the doc's table; its example says `images: [url]`), which is unverified against the real
// API (docs/libtv.md#submitting-a-shot).
export const LIBTV_MODELS = [
  'kling-v1-6',
  'kling-v2-master',
  'kling-v2-1-master',
  'kling-v2-1',
  'kling-v2-5-turbo',
  'kling-v2-6',
] as const
export type LibtvModel = (typeof LIBTV_MODELS)[number]
export type LibtvMode = 'std' | 'pro'

/** Models that can add sound to a clip (`sound: "on"`): v2.6 and later, per LibTV's doc. */
const SOUND_MODELS: readonly LibtvModel[] = ['kling-v2-6']

export function modelMakesSound(model: LibtvModel): boolean {
  return SOUND_MODELS.includes(model)
}

/** How the model takes the photo: `startFrame`, or `image` for kling-v2-6. */
export function imageFieldOf(model: LibtvModel): 'startFrame' | 'image' {
  return model === 'kling-v2-6' ? 'image' : 'startFrame'
}

/** Fixed development keys: the simulator accepts them when no keys are configured. */
export const LIBTV_DEV_ACCESS_KEY = 'lumina-dev-access-key'
export const LIBTV_DEV_SECRET_KEY = 'lumina-dev-secret-key-not-for-production'

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .default('')
  .transform((v) => v === '1' || v === 'true' || v === 'yes')

/** The LibTV part of the environment: src/config.ts merges it into the app's; `npm run libtv:sim` uses it alone. */
export const libtvEnvSchema = z.object({
  LIBTV_ACCESS_KEY: z.string().min(1).optional(),
  LIBTV_SECRET_KEY: z.string().min(1).optional(),
  LIBTV_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://openapi.liblibai.cloud'),
  LIBTV_MODEL: z.enum(LIBTV_MODELS).default('kling-v2-1'),
  LIBTV_MODE: z.enum(['std', 'pro']).default('std'),
  LIBTV_SIMULATE: flag,
  LIBTV_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
  FFPROBE_PATH: z.string().min(1).default('ffprobe'),
})
export type LibtvEnv = z.infer<typeof libtvEnvSchema>

export type LibtvSettings = {
  /** True: start the built-in simulator and point the client at it (its URL replaces baseUrl). */
  simulate: boolean
  /** Why the simulator is used, for the start-up log line and the "simulated renders" badge. */
  simulateReason: 'requested' | 'no_keys' | null
  /** Not enumerable, so JSON.stringify, pino and util.inspect never print the keys. */
  accessKey: string
  secretKey: string
  baseUrl: string
  model: LibtvModel
  mode: LibtvMode
  simPort: number
  ffmpegPath: string
  ffprobePath: string
}

export class LibtvConfigError extends Error {
  override name = 'LibtvConfigError'
}

/**
 * Turns parsed variables into settings. Without keys the simulator is used, except in
 * production, where missing keys stop start-up unless LIBTV_SIMULATE=1 asks for it.
 * Messages name variables, never their values.
 */
export function libtvSettingsFrom(env: LibtvEnv, opts: { production: boolean }): LibtvSettings {
  const hasAccess = env.LIBTV_ACCESS_KEY !== undefined
  const hasSecret = env.LIBTV_SECRET_KEY !== undefined
  if (hasAccess !== hasSecret) {
    const missing = hasAccess ? 'LIBTV_SECRET_KEY' : 'LIBTV_ACCESS_KEY'
    throw new LibtvConfigError(`Invalid configuration: ${missing} is missing; set both LibTV keys or neither`)
  }
  // LibTV runs kling-v2-5-turbo only in pro mode.
  if (env.LIBTV_MODEL === 'kling-v2-5-turbo' && env.LIBTV_MODE !== 'pro') {
    throw new LibtvConfigError('Invalid configuration: LIBTV_MODEL kling-v2-5-turbo needs LIBTV_MODE=pro')
  }
  // Keys travel in every API URL, and the client trusts the API's own origin for the URLs LibTV
  // returns (src/libtv/fetch-policy.ts): in production that origin must be https.
  if (opts.production && !env.LIBTV_SIMULATE && !env.LIBTV_BASE_URL.startsWith('https://')) {
    throw new LibtvConfigError('Invalid configuration: LIBTV_BASE_URL must be https in production')
  }
  let simulateReason: LibtvSettings['simulateReason'] = null
  if (env.LIBTV_SIMULATE) simulateReason = 'requested'
  else if (!hasAccess) {
    if (opts.production) {
      throw new LibtvConfigError(
        'Invalid configuration: LIBTV_ACCESS_KEY and LIBTV_SECRET_KEY are required in production ' +
          '(or set LIBTV_SIMULATE=1 to use the built-in LibTV simulator)',
      )
    }
    simulateReason = 'no_keys'
  }
  const settings = {
    simulate: simulateReason !== null,
    simulateReason,
    baseUrl: env.LIBTV_BASE_URL.replace(/\/+$/, ''),
    model: env.LIBTV_MODEL,
    mode: env.LIBTV_MODE,
    simPort: env.LIBTV_SIM_PORT,
    ffmpegPath: env.FFMPEG_PATH,
    ffprobePath: env.FFPROBE_PATH,
  } as LibtvSettings
  const keys = {
    accessKey: env.LIBTV_ACCESS_KEY ?? LIBTV_DEV_ACCESS_KEY,
    secretKey: env.LIBTV_SECRET_KEY ?? LIBTV_DEV_SECRET_KEY,
  }
  for (const [name, value] of Object.entries(keys)) {
    Object.defineProperty(settings, name, { value, enumerable: false, writable: false })
  }
  return settings
}
