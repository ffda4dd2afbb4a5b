import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  LIBTV_DEV_ACCESS_KEY,
  LIBTV_DEV_SECRET_KEY,
  LibtvConfigError,
  libtvEnvSchema,
  libtvSettingsFrom,
} from '../../src/libtv/config.js'

const parse = (env: Record<string, string>) => libtvEnvSchema.parse(env)
const AK = 'ak-live-0123456789abcdef'
const SK = 'sk-live-fedcba9876543210'

describe('LibTV configuration', () => {
  it('has working defaults: simulator with the development keys', () => {
    const s = libtvSettingsFrom(parse({}), { production: false })
    expect(s).toMatchObject({
      simulate: true,
      simulateReason: 'no_keys',
      baseUrl: 'https://openapi.liblibai.cloud',
      model: 'kling-v2-1',
      mode: 'std',
      simPort: 4010,
      ffmpegPath: 'ffmpeg',
      ffprobePath: 'ffprobe',
    })
    expect(s.accessKey).toBe(LIBTV_DEV_ACCESS_KEY)
    expect(s.secretKey).toBe(LIBTV_DEV_SECRET_KEY)
  })

  it('uses the real service when keys are set', () => {
    const s = libtvSettingsFrom(
      parse({ LIBTV_ACCESS_KEY: AK, LIBTV_SECRET_KEY: SK, LIBTV_MODE: 'pro', LIBTV_BASE_URL: 'https://api.example/' }),
      { production: true },
    )
    expect(s).toMatchObject({ simulate: false, simulateReason: null, mode: 'pro', baseUrl: 'https://api.example' })
    expect([s.accessKey, s.secretKey]).toEqual([AK, SK])
  })

  it('stops production start-up without keys, unless the simulator is asked for', () => {
    expect(() => libtvSettingsFrom(parse({}), { production: true })).toThrow(
      /LIBTV_ACCESS_KEY and LIBTV_SECRET_KEY are required in production/,
    )
    expect(libtvSettingsFrom(parse({ LIBTV_SIMULATE: '1' }), { production: true })).toMatchObject({
      simulate: true,
      simulateReason: 'requested',
    })
  })

  it('requires an https LIBTV_BASE_URL in production (its origin is trusted for the URLs LibTV returns)', () => {
    const keys = { LIBTV_ACCESS_KEY: AK, LIBTV_SECRET_KEY: SK, LIBTV_BASE_URL: 'http://libtv.internal' }
    expect(() => libtvSettingsFrom(parse(keys), { production: true })).toThrow(
      /LIBTV_BASE_URL must be https in production/,
    )
    // Development may point real keys at a local simulator; production may simulate on loopback.
    expect(libtvSettingsFrom(parse(keys), { production: false }).baseUrl).toBe('http://libtv.internal')
    expect(libtvSettingsFrom(parse({ ...keys, LIBTV_SIMULATE: '1' }), { production: true }).simulate).toBe(true)
  })

  it('refuses half a key pair without echoing the key', () => {
    const run = () => libtvSettingsFrom(parse({ LIBTV_ACCESS_KEY: AK }), { production: false })
    expect(run).toThrow(LibtvConfigError)
    expect(run).toThrow(/LIBTV_SECRET_KEY is missing/)
    try {
      run()
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(AK)
    }
  })

  it('refuses kling-v2-5-turbo outside pro mode and unknown models', () => {
    expect(() => libtvSettingsFrom(parse({ LIBTV_MODEL: 'kling-v2-5-turbo' }), { production: false })).toThrow(
      /LIBTV_MODE=pro/,
    )
    expect(libtvEnvSchema.safeParse({ LIBTV_MODEL: 'gpt-video' }).success).toBe(false)
    expect(libtvEnvSchema.safeParse({ LIBTV_MODE: 'turbo' }).success).toBe(false)
    expect(libtvEnvSchema.safeParse({ LIBTV_BASE_URL: 'ftp://x' }).success).toBe(false)
    expect(libtvEnvSchema.safeParse({ LIBTV_SIM_PORT: '70000' }).success).toBe(false)
  })

  it('never prints the keys: not in JSON, not in util.inspect, not in a spread', () => {
    const s = libtvSettingsFrom(parse({ LIBTV_ACCESS_KEY: AK, LIBTV_SECRET_KEY: SK }), { production: true })
    for (const shown of [
      JSON.stringify(s),
      inspect(s, { depth: 5 }),
      JSON.stringify({ ...s }),
      String(Object.keys(s)),
    ]) {
      expect(shown).not.toContain(AK)
      expect(shown).not.toContain(SK)
    }
  })
})
