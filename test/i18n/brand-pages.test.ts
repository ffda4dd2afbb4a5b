// The brand kit's page, /brand: its forms work without JavaScript (colours, "no colour", font,
// handle, corner logo, logo upload and removal), refusals are said beside the field, and in
// zh-CN and zh-HK no English word is left on it (file formats and the fonts' names excepted).
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { brandKits, users } from '../../db/schema.js'
import { captionFaces, FACE_PREVIEW_HEIGHT as PREVIEW_HEIGHT } from '../../src/formats/fonts.js'
import { GOOD_PASSWORD, signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { SVG } from '../support/images.js'
import { englishWords, htmlLang, visibleText } from './scan.js'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: '1' })
})
afterAll(() => app?.close())

let ipCounter = 0
function browser(locale: string): BrowserClient {
  ipCounter += 1
  return new BrowserClient(app.url, app.url, { 'accept-language': locale, 'x-forwarded-for': `10.25.0.${ipCounter}` })
}

async function account(locale: string) {
  const signedUp = await signUpUser(app, uniqueEmail('brand'), GOOD_PASSWORD, browser(locale))
  const row = app.db.select().from(users).where(eq(users.email, signedUp.email)).get()!
  return { ...signedUp, id: row.id }
}

const logoPng = () =>
  sharp({ create: { width: 120, height: 60, channels: 4, background: { r: 255, g: 0, b: 255, alpha: 0.5 } } })
    .png()
    .toBuffer()

function upload(client: BrowserClient, bytes: Buffer, name = 'logo.png', type = 'image/png') {
  const form = new FormData()
  form.append('logo', new File([new Uint8Array(bytes)], name, { type }))
  return client.send('/brand/logo', { method: 'POST', body: form, headers: { origin: app.url } })
}

describe('the brand page', () => {
  it('saves colours, font, handle and corner logo from a plain form, and "no colour" wins', async () => {
    const { client, id } = await account('en')
    const page = await client.get('/brand')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('type="color"')
    expect(html).toContain('No logo yet')
    const saved = await client.postForm('/brand', {
      primaryColor: '#1f6feb',
      accentColor: '#ffb000',
      noAccent: 'yes',
      font: 'serif',
      handle: ' halolamp.example ',
      cornerLogo: 'yes',
    })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe('/brand?done=saved')
    expect(app.db.select().from(brandKits).where(eq(brandKits.userId, id)).get()).toMatchObject({
      primaryColor: '#1F6FEB',
      accentColor: null,
      font: 'serif',
      handle: 'halolamp.example',
      cornerLogo: true,
    })
    const after = await (await client.get('/brand?done=saved')).text()
    expect(after).toContain('Your brand kit is saved')
    expect(after).toMatch(/id="font-serif"[^>]*checked/)
  })

  it('shows a bad colour or handle beside its field and keeps what was typed', async () => {
    const { client } = await account('en')
    const res = await client.postForm('/brand', { primaryColor: 'teal', font: 'sans', handle: 'x'.repeat(61) })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('A colour must look like #1A2B3C')
    expect(html).toMatch(/<output id="primaryColor-hex"[^>]*>teal<\/output>/)
    expect(html).toContain('The handle can be at most 60 characters')
  })

  it('uploads a logo, shows it to its owner only, refuses an SVG beside the field, removes it', async () => {
    const { client, id } = await account('en')
    const res = await upload(client, await logoPng())
    expect(res.status).toBe(303)
    const html = await (await client.get('/brand?done=logo')).text()
    expect(html).toContain('data-testid="brand-logo"')
    const src = html.match(/src="(\/brand\/logo\.png\?v=[0-9a-f]+)"/)?.[1]
    expect(src).toBeDefined()
    const file = await client.get(src!)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).hasAlpha).toBe(true)
    const stranger = await account('en')
    expect((await stranger.client.get('/brand/logo.png')).status).toBe(404)

    const svg = await upload(client, SVG, 'logo.png', 'image/png')
    expect(svg.status).toBe(422)
    expect(await svg.text()).toContain('SVG logos are not accepted')
    expect(app.db.select().from(brandKits).where(eq(brandKits.userId, id)).get()?.logoSha256).toMatch(/^[0-9a-f]{64}$/)

    expect((await client.postForm('/brand/logo/delete')).status).toBe(303)
    expect(app.db.select().from(brandKits).where(eq(brandKits.userId, id)).get()?.logoSha256).toBeNull()
  })

  it("shows each caption face as a sample drawn in it, in the page's language, and each one differently", async () => {
    const { client } = await account('en')
    const html = await (await client.get('/brand')).text()
    const samples = new Map<string, Buffer>()
    for (const face of captionFaces) {
      const src = html.match(new RegExp(`<img[^>]*src="([^"]+)"[^>]*data-testid="font-preview-${face}"`))?.[1]
      expect(src, face).toBe(`/brand/fonts/en/${face}`)
      const res = await client.get(src!)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      const png = Buffer.from(await res.arrayBuffer())
      // Drawn at twice the height the page gives it.
      expect((await sharp(png).metadata()).height).toBe(2 * PREVIEW_HEIGHT)
      samples.set(face, await sharp(png).raw().toBuffer())
    }
    expect(new Set([...samples.values()].map((b) => b.toString('base64'))).size).toBe(captionFaces.length)
    // Another language draws its own sample text; a face or language off the list is not found.
    const zh = Buffer.from(await (await client.get('/brand/fonts/zh-CN/inter')).arrayBuffer())
    expect(zh.equals(Buffer.from(await (await client.get('/brand/fonts/en/inter')).arrayBuffer()))).toBe(false)
    expect((await client.get('/brand/fonts/en/comic')).status).toBe(404)
    expect((await client.get('/brand/fonts/fr/inter')).status).toBe(404)
  })

  it('says "no colour" once per colour: in its box, not again where the hex would be', async () => {
    const { client } = await account('en')
    await client.postForm('/brand', { primaryColor: '#1f6feb', noPrimary: 'yes', noAccent: 'yes', font: 'sans' })
    const text = visibleText(await (await client.get('/brand')).text())
    expect(text.split('No accent colour').length - 1).toBe(1)
    expect(text.split('No primary colour').length - 1).toBe(1)
  })

  it('is linked from the account page', async () => {
    const { client } = await account('en')
    expect(await (await client.get('/account')).text()).toContain('href="/brand"')
  })
})

const KEPT = [
  'PNG',
  'JPEG',
  'WebP',
  'SVG',
  'MB',
  'Noto',
  'Sans',
  'Serif',
  'CJK',
  'Inter',
  'League',
  'Spartan',
  'halolamp',
  'example',
  'A2B3C',
]

for (const locale of ['zh-CN', 'zh-HK'] as const) {
  describe(`the brand page in ${locale}`, () => {
    it('has no English words left, empty, with a logo, and with errors', async () => {
      const { client } = await account(locale)
      const pages = [await (await client.get('/brand')).text()]
      await upload(client, await logoPng())
      pages.push(await (await client.get('/brand?done=logo')).text())
      pages.push(await (await upload(client, SVG, 'logo.svg', 'image/svg+xml')).text())
      pages.push(
        await (await client.postForm('/brand', { primaryColor: 'teal', font: 'x', handle: 'y'.repeat(70) })).text(),
      )
      for (const html of pages) {
        expect(htmlLang(html)).toBe(locale)
        // "teal" is the person's own bad colour, kept in sight beside its message.
        expect(englishWords(visibleText(html), [...KEPT, 'teal'])).toEqual([])
      }
    })
  })
}
