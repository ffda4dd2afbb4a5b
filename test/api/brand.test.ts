import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { brandKits, videos } from '../../db/schema.js'
import { deleteAccount } from '../../src/accounts/service.js'
import { storageUsage } from '../../src/accounts/storage-caps.js'
import { parseSnapshot } from '../../src/brand/snapshot.js'
import { captionFaces } from '../../src/formats/fonts.js'
import { submitRender } from '../../src/render/submit.js'
import { brandLogoPath, userDir } from '../../src/storage.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { ContractChecker } from '../support/contract.js'
import { exifTags, phonePhoto, SVG } from '../support/images.js'
import { makeBrief, newRenderUser, type RenderUser } from '../support/render.js'

// GET/PUT /api/v1/brand and the logo over real HTTP, every answer checked against the OpenAPI
// document; the logo gate (SVG, size, EXIF, transparency); the snapshot a render takes; the kit
// in storage, export and account deletion.

let app: TestApp
let contract: ContractChecker
let alice: RenderUser
let bob: RenderUser

beforeAll(async () => {
  app = await startTestApp()
  alice = await newRenderUser(app)
  bob = await newRenderUser(app)
  contract = new ContractChecker(await (await fetch(`${app.url}/api/v1/openapi.json`)).json())
})
afterAll(() => app.close())

type Call = { status: number; body: any; res: Response }

async function call(
  key: string,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Call> {
  const h: Record<string, string> = { authorization: `Bearer ${key}`, ...headers }
  let payload: BodyInit | undefined
  if (Buffer.isBuffer(body)) payload = new Uint8Array(body)
  else if (body !== undefined) {
    h['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const full = `${app.url}/api/v1${url}`
  const res = await fetch(full, { method, headers: h, body: payload })
  const parsed = await contract.check(method, full, res)
  return { status: res.status, body: parsed ?? Buffer.from(await res.arrayBuffer()), res }
}

const putLogo = (key: string, bytes: Buffer, type = 'image/png', headers: Record<string, string> = {}) =>
  call(key, 'PUT', '/brand/logo', bytes, { 'content-type': type, ...headers })

/** A 300×200 PNG: a magenta disc on a fully transparent background. */
function transparentLogo(): Promise<Buffer> {
  return sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><circle cx="150" cy="100" r="80" fill="#FF00FF"/></svg>',
    ),
  )
    .png()
    .toBuffer()
}

describe('GET and PUT /api/v1/brand', () => {
  it('answers the defaults before anything is saved, and replaces every setting on PUT', async () => {
    const before = await call(alice.apiKey, 'GET', '/brand')
    expect(before.status).toBe(200)
    expect(before.body).toEqual({
      primaryColor: null,
      accentColor: null,
      font: 'sans',
      handle: null,
      cornerLogo: false,
      logo: null,
      updatedAt: null,
    })
    const put = await call(alice.apiKey, 'PUT', '/brand', {
      primaryColor: '#1f6feb',
      accentColor: '#FFB000',
      font: 'serif',
      handle: 'halolamp.example',
      cornerLogo: true,
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ primaryColor: '#1F6FEB', accentColor: '#FFB000', font: 'serif', cornerLogo: true })
    // PUT replaces: a field left out goes back to its default.
    const again = await call(alice.apiKey, 'PUT', '/brand', {
      primaryColor: '#1F6FEB',
      font: 'serif',
      handle: 'halolamp.example',
    })
    expect(again.body).toMatchObject({ accentColor: null, cornerLogo: false, handle: 'halolamp.example' })
  })

  it('takes every caption face of the list, and the OpenAPI document lists exactly those', async () => {
    const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json()
    expect(doc.components.schemas.Brand.properties.font.enum).toEqual([...captionFaces])
    for (const font of captionFaces) {
      const put = await call(alice.apiKey, 'PUT', '/brand', { font })
      expect(put.status, font).toBe(200)
      expect((await call(alice.apiKey, 'GET', '/brand')).body.font).toBe(font)
    }
  })

  it('refuses a colour, a font or a handle that is not valid, naming the field, in the request’s language', async () => {
    const bad = await call(alice.apiKey, 'PUT', '/brand', { primaryColor: 'blue', font: 'comic', handle: 'a\nb' })
    expect(bad.status).toBe(422)
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['font', 'handle', 'primaryColor'])
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'primaryColor').message).toBe(
      'A colour must look like #1A2B3C',
    )
    const zh = await call(alice.apiKey, 'PUT', '/brand', { primaryColor: 'blue' }, { 'accept-language': 'zh-CN' })
    expect(zh.body.errors[0].message).toBe('颜色的格式应类似 #1A2B3C')
  })

  it('belongs to the key’s owner: another account sees its own defaults and no logo', async () => {
    expect((await call(bob.apiKey, 'GET', '/brand')).body.handle).toBeNull()
    expect((await call(bob.apiKey, 'GET', '/brand/logo')).status).toBe(404)
  })
})

describe('PUT /api/v1/brand/logo: the upload gate', () => {
  it('keeps transparency, re-encodes to PNG and serves it back to its owner', async () => {
    const res = await putLogo(alice.apiKey, await transparentLogo())
    expect(res.status).toBe(200)
    expect(res.body.logo).toMatchObject({ url: '/api/v1/brand/logo', width: 300, height: 200 })
    const file = await call(alice.apiKey, 'GET', '/brand/logo')
    expect(file.status).toBe(200)
    expect(file.res.headers.get('content-type')).toBe('image/png')
    const { data, info } = await sharp(file.body as Buffer)
      .raw()
      .toBuffer({ resolveWithObject: true })
    expect(info.channels).toBe(4)
    expect(data[3]).toBe(0) // the top-left corner is see-through
    expect(data[(100 * 300 + 150) * 4 + 3]).toBe(255) // the disc is solid
  })

  it('strips EXIF (GPS, camera) from a phone picture and applies its orientation', async () => {
    const photo = await phonePhoto()
    expect(exifTags((await sharp(photo).metadata()).exif).gps.length).toBeGreaterThan(0) // the attack is real
    const res = await putLogo(alice.apiKey, photo, 'image/jpeg')
    expect(res.status).toBe(200)
    expect(res.body.logo).toMatchObject({ width: 600, height: 400 }) // turned a quarter, as shown
    const stored = (await call(alice.apiKey, 'GET', '/brand/logo')).body as Buffer
    const meta = await sharp(stored).metadata()
    expect(meta.exif).toBeUndefined()
    expect(meta.icc).toBeUndefined()
    expect(stored.includes(Buffer.from('Location Leaker'))).toBe(false)
  })

  it('refuses SVG with its own message, whatever type the request claims', async () => {
    for (const type of ['image/svg+xml', 'image/png']) {
      const res = await putLogo(alice.apiKey, SVG, type)
      expect(res.status, type).toBe(422)
      expect(res.body.detail).toMatch(/SVG logos are not accepted/)
      expect(res.body.errors[0].field).toBe('logo')
    }
    const zh = await putLogo(alice.apiKey, SVG, 'image/png', { 'accept-language': 'zh-HK' })
    expect(zh.body.detail).toMatch(/不接受 SVG 標誌/)
  })

  it('refuses a file that is not a picture, one too small, and one over 2 MB', async () => {
    expect((await putLogo(alice.apiKey, Buffer.from('%PDF-1.4 not a logo'), 'image/png')).body.detail).toMatch(
      /not a PNG, JPEG or WebP/,
    )
    const tiny = await sharp({ create: { width: 20, height: 20, channels: 4, background: '#f00' } })
      .png()
      .toBuffer()
    expect((await putLogo(alice.apiKey, tiny)).body.detail).toMatch(/at least 32 pixels/)
    // Random pixels do not compress: a PNG over 2 MB.
    const noise = Buffer.alloc(1000 * 1000 * 3)
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24
    const big = await sharp(noise, { raw: { width: 1000, height: 1000, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer()
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024)
    const res = await putLogo(alice.apiKey, big)
    expect(res.status).toBe(413)
    // What was there before stays.
    expect((await call(alice.apiKey, 'GET', '/brand')).body.logo).not.toBeNull()
  })

  it('counts the logo in the photo storage', async () => {
    const kit = app.db.select().from(brandKits).where(eq(brandKits.userId, alice.id)).get()!
    const photos = storageUsage(app.db, bob.id).imageBytes
    expect(photos).toBe(0)
    expect(storageUsage(app.db, alice.id).imageBytes).toBeGreaterThanOrEqual(kit.logoBytes!)
  })
})

describe('the kit a render takes', () => {
  it('is snapshotted at submission: a later change of colours or logo does not alter it', async () => {
    await putLogo(alice.apiKey, await transparentLogo())
    await call(alice.apiKey, 'PUT', '/brand', { primaryColor: '#112233', handle: 'first.example', cornerLogo: true })
    const first = app.db.select().from(brandKits).where(eq(brandKits.userId, alice.id)).get()!
    const brief = await makeBrief(app, alice.id)
    const video = submitRender(app.db, alice.id, brief.screenplayId, 'kling-v2-1')
    // Changed while the render is on its way.
    await call(alice.apiKey, 'PUT', '/brand', { primaryColor: '#445566', handle: 'second.example' })
    await call(alice.apiKey, 'DELETE', '/brand/logo')
    const row = app.db.select().from(videos).where(eq(videos.id, video.id)).get()!
    expect(parseSnapshot(row.brandKit)).toEqual({
      primaryColor: '#112233',
      accentColor: null,
      font: 'sans',
      handle: 'first.example',
      cornerLogo: true,
      logoSha256: first.logoSha256,
    })
    // The logo it names stays on disk while it renders, though the kit no longer has it.
    expect(fs.existsSync(brandLogoPath(app.dataDir, alice.id, first.logoSha256!))).toBe(true)
    expect((await call(alice.apiKey, 'GET', '/brand')).body.logo).toBeNull()
  })

  it('is removed with a removed logo once no render needs it', async () => {
    const res = await putLogo(bob.apiKey, await transparentLogo())
    const sha = app.db.select().from(brandKits).where(eq(brandKits.userId, bob.id)).get()!.logoSha256!
    expect(res.status).toBe(200)
    expect(fs.existsSync(brandLogoPath(app.dataDir, bob.id, sha))).toBe(true)
    expect((await call(bob.apiKey, 'DELETE', '/brand/logo')).status).toBe(204)
    expect(fs.existsSync(brandLogoPath(app.dataDir, bob.id, sha))).toBe(false)
  })
})

describe('a brief’s own colours', () => {
  it('take an accent override that a later PATCH keeps', async () => {
    const brief = await makeBrief(app, alice.id)
    const set = await call(alice.apiKey, 'PATCH', `/briefs/${brief.briefId}`, { accentColor: '#00AA55' })
    expect(set.status).toBe(200)
    expect(set.body.accentColor).toBe('#00AA55')
    const other = await call(alice.apiKey, 'PATCH', `/briefs/${brief.briefId}`, { productName: 'Halo Lamp' })
    expect(other.body).toMatchObject({ productName: 'Halo Lamp', accentColor: '#00AA55' })
    const bad = await call(alice.apiKey, 'PATCH', `/briefs/${brief.briefId}`, { accentColor: 'green' })
    expect(bad.status).toBe(422)
  })
})

describe('export and deletion', () => {
  it('exports the kit (JSON) and the logo (ZIP)', async () => {
    const carol = await newRenderUser(app)
    await putLogo(carol.apiKey, await transparentLogo())
    await call(carol.apiKey, 'PUT', '/brand', { handle: 'carol.example', accentColor: '#00AA55' })
    const json = await (await carol.client.get('/account/export')).json()
    expect(json.brandKit).toMatchObject({ handle: 'carol.example', accentColor: '#00AA55', logoFile: 'brand/logo.png' })
    expect(json.brandKit.userId).toBeUndefined()
    const zip = Buffer.from(await (await carol.client.get('/account/export.zip')).arrayBuffer())
    expect(zip.toString('latin1')).toContain('brand/logo.png')
  })

  it('deletes the kit and its logo with the account', async () => {
    const dave = await newRenderUser(app)
    await putLogo(dave.apiKey, await transparentLogo())
    const sha = app.db.select().from(brandKits).where(eq(brandKits.userId, dave.id)).get()!.logoSha256!
    expect(fs.existsSync(brandLogoPath(app.dataDir, dave.id, sha))).toBe(true)
    expect(await deleteAccount(app.db, app.dataDir, dave.id)).toBe(true)
    expect(app.db.select().from(brandKits).where(eq(brandKits.userId, dave.id)).get()).toBeUndefined()
    expect(fs.existsSync(path.join(userDir(app.dataDir, dave.id), 'brand'))).toBe(false)
  })
})

describe('the contract', () => {
  it('has checked a successful answer of every /brand operation against the document', async () => {
    const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json()
    const succeeded = new Set(
      [...contract.seen].filter((s) => /\s2\d\d$/.test(s)).map((s) => s.split(' ').slice(0, 2).join(' ')),
    )
    const brandOps = Object.entries(doc.paths as Record<string, object>)
      .filter(([p]) => p.startsWith('/brand'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
    expect(brandOps.length).toBe(5)
    expect(brandOps.filter((op) => !succeeded.has(op))).toEqual([])
  })
})
