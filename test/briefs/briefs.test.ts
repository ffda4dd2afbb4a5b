import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs } from '../../db/schema.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import {
  briefRows,
  controlValue,
  createBrief,
  editorFields,
  type Fields,
  fieldError,
  goodBrief,
  hiddenImageId,
  imageFiles,
  imageRows,
  newUser,
  postBrief,
  postFields,
  readEditor,
  screenplayRows,
  type TestUser,
  type Upload,
  uploadPreview,
} from './helpers.js'

let app: TestApp
let alice: TestUser
const photos: Upload[] = []

beforeAll(async () => {
  app = await startTestApp()
  alice = await newUser(app)
  const [a, b, c] = await Promise.all([img.jpeg(900, 900), img.jpeg(1000, 800), img.png(800, 1000)])
  photos.push(
    { bytes: a, name: 'a.jpg', type: 'image/jpeg' },
    { bytes: b, name: 'b.jpg', type: 'image/jpeg' },
    { bytes: c, name: 'c.png', type: 'image/png' },
  )
})
afterAll(async () => {
  await app?.close()
})

const briefById = (id: string) => app.db.select().from(briefs).where(eq(briefs.id, id)).get()

describe('creating a brief', () => {
  it('with a previewed photo: saved with the photo, redirected to its screenplay, listed on My briefs', async () => {
    const preview = await uploadPreview(alice.client, photos[0]!)
    const imageId = hiddenImageId(await preview.text())!
    const res = await postBrief(alice.client, goodBrief({ productName: 'Cloud Mug', imageId }))
    expect(res.status).toBe(303)
    const id = /^\/briefs\/([0-9a-f-]{36})\/screenplay$/.exec(res.headers.get('location')!)![1]!
    const row = briefById(id)!
    expect(row.userId).toBe(alice.id)
    expect(row.imageId).toBe(imageId)
    expect(row.productName).toBe('Cloud Mug')
    expect(row.data).toMatchObject({
      productName: 'Cloud Mug',
      sellingPoints: ['40-hour battery life', 'Adaptive noise cancelling', 'Folds flat'], // blank boxes dropped
      lengthSeconds: 30,
      brandColor: '#6A4CFF',
    })

    const page = await alice.client.get(res.headers.get('location')!)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<h1>Cloud Mug</h1>')

    const projects = await (await alice.client.get('/briefs')).text()
    expect(projects).toContain('<h2>Cloud Mug</h2>')
    expect(projects).toContain(`href="/briefs/${id}/screenplay"`)
    expect(projects).toContain(`href="/briefs/${id}/edit"`)
    expect(projects).toContain(`src="/images/${imageId}/thumb"`)
    expect(projects).toContain('9:16 · 30 s')
  })

  it('a brief with a good photo but a wrong field keeps the photo (hidden imageId) and the typed text', async () => {
    const bob = await newUser(app)
    const res = await postBrief(bob.client, goodBrief({ productName: 'Keep Me', brandColor: 'red' }), photos[1])
    const html = await res.text()
    expect(res.status).toBe(422)
    expect(fieldError(html, 'brandColor')).toBe('Brand colour must look like #1A2B3C')
    expect(controlValue(html, 'productName')).toBe('Keep Me')
    expect(controlValue(html, 'brandColor')).toBe('red')
    const [image] = imageRows(app, bob.id)
    expect(hiddenImageId(html)).toBe(image!.id)
    expect(briefRows(app, bob.id)).toEqual([])

    const fixed = await postBrief(bob.client, goodBrief({ productName: 'Keep Me', imageId: image!.id }))
    expect(fixed.status).toBe(303)
    expect(briefRows(app, bob.id).map((b) => [b.productName, b.imageId])).toEqual([['Keep Me', image!.id]])
  })
})

describe('validation: field-level messages, typed text kept, nothing saved', () => {
  let imageId: string
  beforeAll(async () => {
    imageId = hiddenImageId(await (await uploadPreview(alice.client, photos[0]!)).text())!
  })

  const cases: [string, Fields, string, RegExp][] = [
    [
      'a 10 kB description',
      { description: 'Lovely. '.repeat(1280) },
      'description',
      /^Description must be at most 600 characters$/,
    ],
    [
      'a two-paragraph description',
      { description: 'First paragraph.\n\nSecond paragraph.' },
      'description',
      /one paragraph/,
    ],
    ['no selling points', { sellingPoints: ['', '', ''] }, 'sellingPoints', /^Add at least one selling point$/],
    [
      'seven selling points',
      { sellingPoints: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] },
      'sellingPoints',
      /^Add at most 6 selling points$/,
    ],
    [
      'a selling point that is too long',
      { sellingPoints: ['x'.repeat(121)] },
      'sellingPoints',
      /at most 120 characters/,
    ],
    ['a blank product name', { productName: '   ' }, 'productName', /^Product name is required$/],
    ['an 81-character product name', { productName: 'N'.repeat(81) }, 'productName', /at most 80 characters/],
    ['no audience', { audience: '' }, 'audience', /^Audience is required$/],
    ['no call to action', { callToAction: '' }, 'callToAction', /^Call to action is required$/],
    ['an unknown tone', { tone: 'angry' }, 'tone', /^Choose a tone from the list$/],
    ['an unknown template', { template: 'explainer' }, 'template', /^Choose a template from the list$/],
    ['an unknown aspect ratio', { aspectRatio: '4:3' }, 'aspectRatio', /^Choose 9:16, 16:9, 1:1, 3:4 or 4:5$/],
    [
      'a length LibTV clips cannot add up to',
      { lengthSeconds: '25' },
      'lengthSeconds',
      /^Length must be one of 15, 20, 30, 45, 60 seconds$/,
    ],
    ['a length that is not a number', { lengthSeconds: 'thirty' }, 'lengthSeconds', /^Length must be one of/],
    [
      'an unknown language',
      { language: 'fr' },
      'language',
      /^Choose English, Simplified Chinese or Traditional Chinese$/,
    ],
    ['a brand colour "red"', { brandColor: 'red' }, 'brandColor', /^Brand colour must look like #1A2B3C$/],
    ['a three-digit brand colour', { brandColor: '#abc' }, 'brandColor', /^Brand colour must look like/],
  ]

  it.each(cases)('%s', async (_label, change, field, message) => {
    const before = briefRows(app, alice.id).length
    const fields = goodBrief({ productName: 'Typed Name', audience: 'Typed audience', ...change, imageId })
    const res = await postBrief(alice.client, fields)
    const html = await res.text()
    expect(res.status).toBe(422)
    expect(fieldError(html, field)).toMatch(message)
    expect(html).toContain('Please fix the highlighted fields below.')
    // Every other text field comes back as typed.
    for (const name of ['productName', 'description', 'audience', 'callToAction', 'brandColor'] as const) {
      if (name in change) continue
      expect(controlValue(html, name), name).toBe(fields[name])
      expect(fieldError(html, name), name).toBeUndefined()
    }
    if (!('sellingPoints' in change)) expect(html).toContain('value="40-hour battery life"')
    expect(hiddenImageId(html)).toBe(imageId) // the photo is not lost either
    expect(briefRows(app, alice.id)).toHaveLength(before)
  })

  it('the typed description comes back whole, even when it is far too long', async () => {
    const description = 'Lovely. '.repeat(1280).trim()
    const res = await postBrief(alice.client, goodBrief({ description, imageId }))
    expect(controlValue(await res.text(), 'description')).toBe(description)
  })

  it('several wrong fields get one message each', async () => {
    const res = await postBrief(alice.client, goodBrief({ tone: 'x', language: 'x', brandColor: 'x', imageId }))
    const html = await res.text()
    expect(res.status).toBe(422)
    expect([fieldError(html, 'tone'), fieldError(html, 'language'), fieldError(html, 'brandColor')]).toEqual([
      'Choose a tone from the list',
      'Choose English, Simplified Chinese or Traditional Chinese',
      'Brand colour must look like #1A2B3C',
    ])
    expect(fieldError(html, 'template')).toBeUndefined()
  })
})

describe('editing a brief', () => {
  it('shows the saved values, saves changes and goes back to the screenplay', async () => {
    const { id } = await createBrief(alice.client, photos[0]!, {
      productName: 'Before Edit',
      tone: 'playful',
      lengthSeconds: '45',
    })
    const form = await (await alice.client.get(`/briefs/${id}/edit`)).text()
    expect(controlValue(form, 'productName')).toBe('Before Edit')
    // Tone is a choice of cards now (issue 23): the saved one is the checked radio button.
    expect(form).toMatch(/<input type="radio" id="tone-playful" name="tone" value="playful" checked=""/)
    expect(form).toContain('<option value="45" selected="">')
    expect(form).toContain(`action="/briefs/${id}/edit"`)
    const imageId = hiddenImageId(form)!
    expect(imageId).toBe(briefById(id)!.imageId)

    const before = briefById(id)!
    const res = await postBrief(
      alice.client,
      goodBrief({ productName: 'After Edit', tone: 'warm', imageId }),
      undefined,
      `/briefs/${id}/edit`,
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/briefs/${id}/screenplay`)
    const after = briefById(id)!
    expect(after.productName).toBe('After Edit')
    expect(after.data).toMatchObject({ productName: 'After Edit', tone: 'warm' })
    expect(after.imageId).toBe(imageId)
    expect(after.updatedAt).toBeGreaterThanOrEqual(before.updatedAt)
    expect(await (await alice.client.get('/briefs')).text()).toContain('<h2>After Edit</h2>')
  })

  it('the resolution: saved from the form, shown selected on the edit page, a wrong value refused on its field', async () => {
    const { id } = await createBrief(alice.client, photos[0]!, { resolution: '1080p' })
    expect(briefById(id)!.data).toMatchObject({ resolution: '1080p' })
    const form = await (await alice.client.get(`/briefs/${id}/edit`)).text()
    expect(form).toContain('<option value="1080p" selected="">')
    const imageId = hiddenImageId(form)!
    const res = await postBrief(alice.client, goodBrief({ resolution: '8k', imageId }), undefined, `/briefs/${id}/edit`)
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), 'resolution')).toBe('Choose 720p or 1080p')
    expect(briefById(id)!.data).toMatchObject({ resolution: '1080p' })
  })

  it('an invalid edit changes nothing and keeps what was typed', async () => {
    const { id } = await createBrief(alice.client, photos[0]!, { productName: 'Stable' })
    const before = briefById(id)!
    const res = await postBrief(
      alice.client,
      goodBrief({ productName: 'Half Typed', lengthSeconds: '7' }),
      undefined,
      `/briefs/${id}/edit`,
    )
    const html = await res.text()
    expect(res.status).toBe(422)
    expect(fieldError(html, 'lengthSeconds')).toMatch(/^Length must be one of/)
    expect(controlValue(html, 'productName')).toBe('Half Typed')
    expect(briefById(id)).toEqual(before)
  })

  it('a new photo replaces the old one, whose files go when no other brief uses them', async () => {
    const carol = await newUser(app)
    const { id, imageId: oldImage } = await createBrief(carol.client, photos[1]!)
    const oldRow = imageRows(app, carol.id).find((r) => r.id === oldImage)!
    const res = await postBrief(carol.client, goodBrief(), photos[2], `/briefs/${id}/edit`)
    expect(res.status).toBe(303)
    const newImage = briefById(id)!.imageId!
    expect(newImage).not.toBe(oldImage)
    expect(imageRows(app, carol.id).map((r) => r.id)).toEqual([newImage])
    expect(imageFiles(app, carol.id).some((f) => f.startsWith(oldRow.sha256))).toBe(false)
    expect(imageFiles(app, carol.id)).toHaveLength(2)
  })
})

describe('deleting a brief', () => {
  it('removes the brief, its screenplays and its photo files, then says so on My briefs', async () => {
    const dave = await newUser(app)
    const { id, imageId } = await createBrief(dave.client, photos[0]!, { productName: 'Doomed' })
    const page = await (await dave.client.get(`/briefs/${id}/screenplay`)).text()
    expect((await postFields(dave.client, `/briefs/${id}/screenplay`, editorFields(readEditor(page)))).status).toBe(303)
    expect(screenplayRows(app, id)).toHaveLength(1)
    expect(imageFiles(app, dave.id)).toHaveLength(2)

    const res = await dave.client.postForm(`/briefs/${id}/delete`, { confirm: 'yes' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/briefs?deleted=1')
    expect(briefById(id)).toBeUndefined()
    expect(screenplayRows(app, id)).toEqual([])
    expect(imageRows(app, dave.id)).toEqual([])
    expect(imageFiles(app, dave.id)).toEqual([])
    const projects = await (await dave.client.get('/briefs?deleted=1')).text()
    expect(projects).toContain('The brief was deleted.')
    expect(projects).not.toContain('Doomed')
    expect(projects).toContain('No briefs yet')
    expect((await dave.client.get(`/briefs/${id}/screenplay`)).status).toBe(404)
    expect((await dave.client.get(`/images/${imageId}/thumb`)).status).toBe(404)
    expect((await dave.client.postForm(`/briefs/${id}/delete`, { confirm: 'yes' })).status).toBe(404)
  })

  it('a photo shared by two briefs survives deleting one and goes with the second', async () => {
    const erin = await newUser(app)
    const first = await createBrief(erin.client, photos[1]!, { productName: 'First' })
    const second = await createBrief(erin.client, photos[1]!, { productName: 'Second' }) // same photo, same image row
    expect(second.imageId).toBe(first.imageId)
    const [image] = imageRows(app, erin.id)
    const full = path.join(app.dataDir, 'users', erin.id, 'images', `${image!.sha256}.jpg`)

    expect((await erin.client.postForm(`/briefs/${first.id}/delete`, { confirm: 'yes' })).status).toBe(303)
    expect(imageRows(app, erin.id)).toHaveLength(1)
    expect(fs.existsSync(full)).toBe(true)
    expect((await erin.client.get(`/images/${image!.id}/full`)).status).toBe(200)
    expect(await (await erin.client.get('/briefs')).text()).toContain('<h2>Second</h2>')

    expect((await erin.client.postForm(`/briefs/${second.id}/delete`, { confirm: 'yes' })).status).toBe(303)
    expect(imageRows(app, erin.id)).toEqual([])
    expect(fs.existsSync(full)).toBe(false)
  })

  it('is a POST from our own origin only', async () => {
    const { id } = await createBrief(alice.client, photos[0]!)
    expect((await alice.client.get(`/briefs/${id}/delete`)).status).toBe(404)
    const crossSite = await alice.client.postForm(
      `/briefs/${id}/delete`,
      { confirm: 'yes' },
      { origin: 'https://evil.example' },
    )
    expect(crossSite.status).toBe(403)
    expect(briefById(id)).toBeDefined()
  })
})

describe('HTML and script in every text field', () => {
  const payload = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`
  const hostile = goodBrief({
    productName: `P ${payload}`,
    description: `D ${payload}`,
    sellingPoints: [`S ${payload}`, 'Plain point'],
    audience: `A ${payload}`,
    callToAction: payload,
  })
  /** No payload markup survives as markup; quotes cannot break out of attributes. */
  function expectInert(html: string) {
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).not.toMatch(/"'>/)
    expect(html).not.toMatch(/onerror=alert\(2\)>/)
  }

  it('is escaped on the re-rendered form, My briefs, the screenplay page and the edit form', async () => {
    expect(payload.length).toBeLessThanOrEqual(60) // fits every field's limit, so it is stored
    const frank = await newUser(app)
    const imageId = hiddenImageId(await (await uploadPreview(frank.client, photos[0]!)).text())!

    const invalid = await postBrief(frank.client, { ...hostile, brandColor: payload, imageId })
    const form = await invalid.text()
    expect(invalid.status).toBe(422)
    expectInert(form)
    expect(form).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    for (const name of ['productName', 'description', 'audience', 'callToAction', 'brandColor'])
      expect(controlValue(form, name)).toContain(payload)

    const created = await postBrief(frank.client, { ...hostile, imageId })
    expect(created.status).toBe(303)
    const id = briefRows(app, frank.id)[0]!.id
    expect(briefById(id)!.data).toMatchObject({ productName: `P ${payload}`, callToAction: payload }) // stored as typed

    const projects = await (await frank.client.get('/briefs')).text()
    expectInert(projects)
    expect(projects).toContain('<h2>P &lt;script&gt;alert(1)&lt;/script&gt;')

    const screenplay = await (await frank.client.get(`/briefs/${id}/screenplay`)).text()
    expectInert(screenplay)
    expect(screenplay).toContain('<h1>P &lt;script&gt;')
    expect(screenplay).toMatch(/<title>P &lt;script&gt;[^<]*<\/title>/)

    const edit = await (await frank.client.get(`/briefs/${id}/edit`)).text()
    expectInert(edit)
    for (const name of ['productName', 'description', 'audience', 'callToAction'])
      expect(controlValue(edit, name)).toContain(payload)
    expect(edit).toContain(
      `value="S &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;"`,
    )

    // A saved screenplay and its versions page too.
    const saved = await postFields(frank.client, `/briefs/${id}/screenplay`, editorFields(readEditor(screenplay)))
    expect(saved.status).toBe(303)
    expectInert(await (await frank.client.get(saved.headers.get('location')!)).text())
  })
})
