import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { images, users } from '../db/schema.js'
import { saveProductImage } from '../src/briefs/images.js'
import { signedImageUrl } from '../src/briefs/signed-image.js'
import { ConfigError, loadConfig } from '../src/config.js'
import { loadOrCreateSecret } from '../src/ops/secrets.js'
import { signUpUser } from './support/accounts.js'
import { startTestApp, type TestApp } from './support/app.js'

let app: TestApp
afterEach(async () => {
  await app?.close()
})

async function photo(width = 640, height = 480) {
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .jpeg()
    .toBuffer()
}

describe('LibTV configuration', () => {
  it('uses the simulator without keys outside production, and refuses to start without keys in production', () => {
    expect(loadConfig({}).libtv.simulate).toBe(true)
    expect(loadConfig({ LIBTV_ACCESS_KEY: 'ak', LIBTV_SECRET_KEY: 'sk' }).libtv.simulate).toBe(false)
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError)
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /LIBTV_ACCESS_KEY and LIBTV_SECRET_KEY are required in production/,
    )
    expect(
      loadConfig({ NODE_ENV: 'production', LIBTV_SIMULATE: '1', SMTP_URL: 'smtp://mail.example:587' }).libtv
        .simulateReason,
    ).toBe('requested')
  })

  it('never prints the keys, even in an error', () => {
    const config = loadConfig({ LIBTV_ACCESS_KEY: 'ak-visible-nowhere', LIBTV_SECRET_KEY: 'sk-visible-nowhere' })
    expect(JSON.stringify(config)).not.toContain('visible-nowhere')
    let message = ''
    try {
      loadConfig({ LIBTV_ACCESS_KEY: 'ak-visible-nowhere' })
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toContain('LIBTV_SECRET_KEY')
    expect(message).not.toContain('visible-nowhere')
  })

  it('shows the simulated-renders badge only when renders are simulated', async () => {
    app = await startTestApp({}, undefined, { simulatedRenders: true })
    expect(await (await fetch(`${app.url}/`)).text()).toContain('Simulated renders')
    await app.close()
    app = await startTestApp({}, undefined, { simulatedRenders: false })
    expect(await (await fetch(`${app.url}/`)).text()).not.toContain('Simulated renders')
  })
})

describe('signed image URLs for LibTV', () => {
  async function setup() {
    app = await startTestApp()
    await signUpUser(app)
    const user = app.db.select().from(users).get()!
    const image = await saveProductImage(app.db, app.dataDir, user.id, await photo())
    const other = await saveProductImage(app.db, app.dataDir, user.id, await photo(800, 600))
    return { image, other, secret: app.deps.runtime.urlSigningSecret }
  }

  it('serve exactly that image, without a session, until they expire', async () => {
    const { image, secret } = await setup()
    const url = signedImageUrl(app.url, secret, image)
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    const bytes = Buffer.from(await res.arrayBuffer())
    const stored = app.db.select().from(images).where(eq(images.id, image.id)).get()!
    expect(bytes.length).toBe(stored.bytes)
    expect((await sharp(bytes).metadata()).width).toBe(640)
  })

  it('refuse expired, tampered and other-file URLs with the same 404', async () => {
    const { image, other, secret } = await setup()
    const expired = signedImageUrl(app.url, secret, image, Date.now() - 2 * 60 * 60 * 1000)
    const good = new URL(signedImageUrl(app.url, secret, image))
    const tamperedSig = new URL(good)
    const sig = good.searchParams.get('sig')!
    tamperedSig.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1))
    const longerExpiry = new URL(good)
    longerExpiry.searchParams.set('expires', String(Number(good.searchParams.get('expires')) + 1000))
    const otherFile = new URL(good)
    otherFile.pathname = `/libtv/images/${other.id}.jpg`
    const wrongSecret = signedImageUrl(app.url, 'x'.repeat(43), image)
    const bare = new URL(good)
    bare.search = ''
    for (const url of [expired, tamperedSig, longerExpiry, otherFile, wrongSecret, bare]) {
      const res = await fetch(url)
      expect(res.status, String(url)).toBe(404)
      expect(await res.text()).toBe('Not found')
    }
  })
})

describe('server secrets', () => {
  it('are generated once, kept with owner-only permissions, and reused', () => {
    const dir = fs.mkdtempSync('/tmp/lumina-secret-')
    const first = loadOrCreateSecret(dir, 'url-signing.key')
    expect(first.length).toBeGreaterThanOrEqual(32)
    expect(loadOrCreateSecret(dir, 'url-signing.key')).toBe(first)
    expect(fs.statSync(`${dir}/secrets/url-signing.key`).mode & 0o777).toBe(0o600)
    expect(loadOrCreateSecret(dir, 'url-signing.key', 'c'.repeat(40))).toBe('c'.repeat(40))
    fs.rmSync(dir, { recursive: true })
  })
})
