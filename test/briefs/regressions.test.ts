// Regression tests for bugs found while testing the brief, photo and screenplay pages (each failed before its fix).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import {
  controlValue,
  createBrief,
  editorFields,
  fieldError,
  goodBrief,
  hiddenImageId,
  multipart,
  newUser,
  postBrief,
  postFields,
  postMultipart,
  readEditor,
  screenplayRows,
  type TestUser,
  uploadPreview,
} from './helpers.js'

let app: TestApp
let alice: TestUser
let photo: { bytes: Buffer; name: string; type: string }

beforeAll(async () => {
  app = await startTestApp()
  alice = await newUser(app)
  photo = { bytes: await img.jpeg(800, 800), name: 'p.jpg', type: 'image/jpeg' }
})
afterAll(async () => {
  await app?.close()
})

describe('regressions', () => {
  it('a screenplay form with fewer than 3 shots is refused with a 4xx, not a 500', async () => {
    const { id } = await createBrief(alice.client, photo, { lengthSeconds: '15' })
    const editor = readEditor(await (await alice.client.get(`/briefs/${id}/screenplay`)).text())
    const two = { ...editor, shots: editor.shots.slice(0, 2) }
    const none = { ...editor, shots: [] }
    for (const tampered of [two, none]) {
      const res = await postFields(alice.client, `/briefs/${id}/screenplay`, editorFields(tampered))
      expect(res.status, `${tampered.shots.length} shots`).toBeGreaterThanOrEqual(400)
      expect(res.status, `${tampered.shots.length} shots`).toBeLessThan(500)
    }
    expect(screenplayRows(app, id)).toEqual([])
  })

  it('a 100 kB description gets the description’s own message and the typed text back', async () => {
    const imageId = hiddenImageId(await (await uploadPreview(alice.client, photo)).text())!
    const description = 'A wonderful product. '.repeat(4900) // 102 900 characters
    const res = await postBrief(alice.client, goodBrief({ productName: 'Typed Name', description, imageId }))
    const html = await res.text()
    expect(res.status).toBe(422)
    expect(fieldError(html, 'description')).toBe('Description must be at most 600 characters')
    expect(controlValue(html, 'productName')).toBe('Typed Name')
    expect(hiddenImageId(html)).toBe(imageId)
  })

  it('a form the envelope cannot read still shows what went wrong (not "fix the highlighted fields" with none highlighted)', async () => {
    const res = await postMultipart(
      alice.client,
      '/briefs',
      multipart({ ...goodBrief({ productName: 'Typed Name' }), photo: 'not a file' }),
    )
    const html = await res.text()
    expect(res.status).toBe(422)
    // Either a field is highlighted, or the page says the form could not be read.
    expect(html.includes('field-invalid') || html.includes('The form could not be read.')).toBe(true)
    expect(controlValue(html, 'productName')).toBe('Typed Name')
  })

  it('saving an unedited draft stores exactly the prompts the page showed', async () => {
    const { id } = await createBrief(alice.client, photo, { template: 'hero-reveal' })
    const path = `/briefs/${id}/screenplay`
    for (const variation of [0, 1, 2, 3]) {
      const shown = readEditor(await (await alice.client.get(`${path}?variation=${variation}`)).text())
      const res = await postFields(alice.client, path, editorFields(shown))
      expect(res.status).toBe(303)
      const saved = readEditor(await (await alice.client.get(res.headers.get('location')!)).text())
      expect(
        saved.shots.map((s) => s.prompt),
        `variation ${variation}`,
      ).toEqual(shown.shots.map((s) => s.prompt))
    }
  })

  it('prompts edited up to their 2000-character limit in Chinese can still be saved (not a 413 about photos)', async () => {
    const { id } = await createBrief(alice.client, photo, { lengthSeconds: '60' })
    const path = `/briefs/${id}/screenplay`
    const shown = readEditor(await (await alice.client.get(path)).text())
    const edited = {
      ...shown,
      shots: shown.shots.map((s) => ({ ...s, prompt: '镜头缓慢推近产品，柔和的晨光。'.repeat(134).slice(0, 2000) })),
    }
    const res = await postFields(alice.client, path, editorFields(edited))
    const html = await res.text()
    expect(html).not.toContain('Photos can be at most 15 MB')
    expect(res.status).toBe(303)
  })
})

describe('regressions (htmx)', () => {
  it('an htmx save reloads the whole page, so the version notice and Render panel appear', async () => {
    const { id } = await createBrief(alice.client, photo)
    const path = `/briefs/${id}/screenplay`
    const shown = readEditor(await (await alice.client.get(path)).text())
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(editorFields(shown)))
      for (const x of Array.isArray(v) ? v : [v]) body.append(k, x)
    const res = await alice.client.send(path, {
      method: 'POST',
      body: body.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: alice.client.origin,
        'hx-request': 'true',
      },
    })
    expect(res.status).toBe(200)
    const location = res.headers.get('hx-redirect')!
    expect(location).toBe(`${path}?version=1&saved=1`)
    const page = await (await alice.client.get(location)).text()
    expect(page).toContain('Saved as version 1.')
    expect(page).toContain('Renders version 1;')
  })

  it('a photo over the upload limit picked for the preview answers with the preview box, not a whole page', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 1)
    const form = new FormData()
    form.append('photo', new File([big], 'big.jpg', { type: 'image/jpeg' }))
    const res = await alice.client.send('/images', {
      method: 'POST',
      body: form,
      headers: { origin: alice.client.origin, 'hx-request': 'true' },
    })
    expect(res.status).toBe(413)
    const html = await res.text()
    expect(html.startsWith('<div id="photo-preview"')).toBe(true)
    expect(html).toContain('Photos can be at most 15 MB')
  })

  it('htmx is told never to carry style attributes across swaps (the CSP forbids inline styles)', async () => {
    const html = await (await alice.client.get('/briefs/new')).text()
    const config = JSON.parse(/name="htmx-config" content="([^"]+)"/.exec(html)![1]!.replace(/&quot;/g, '"')) as {
      attributesToSettle: string[]
    }
    expect(config.attributesToSettle).not.toContain('style')
  })
})
