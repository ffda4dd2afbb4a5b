// The plans' storage caps as a person meets them: every refusal is a 403 with a sentence that
// names the cap and what to delete, nothing is stored, and what was typed or edited comes back.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { videos } from '../../db/schema.js'
import { quotaMonth } from '../../src/accounts/plans.js'
import { saveScreenplayVersion } from '../../src/briefs/screenplays.js'
import { createBrief as createBriefRow } from '../../src/briefs/service.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { writeScreenplay } from '../../src/screenplay/engine.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import { briefInput, insertVideo, makeBrief, postRender } from '../support/render.js'
import {
  addImageRows,
  briefRows,
  controlValue,
  createBrief,
  decodeHtml,
  editorFields,
  goodBrief,
  imageFiles,
  imageRows,
  newUser,
  photoAreaError,
  postBrief,
  postFields,
  readEditor,
  screenplayRows,
  type Upload,
  uploadPreview,
} from './helpers.js'

const MB = 1024 * 1024
let app: TestApp
let photo: Upload

beforeAll(async () => {
  photo = { bytes: await img.jpeg(900, 700), name: 'lamp.jpg', type: 'image/jpeg' }
})

/** A fresh app for each group of tests: sign-up allows 10 accounts per address per 15 minutes. */
function freshApp() {
  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(async () => {
    await app?.close()
  })
}

/** The form-level message of a re-rendered page (FormError), decoded. */
const formMessage = (html: string) =>
  decodeHtml(/<div class="notice notice-error" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').trim()

describe('briefs (free plan: 10)', () => {
  freshApp()

  it('a new brief over the cap is refused with the typed text back, and no photo stored', async () => {
    const user = await newUser(app)
    const brief = briefSchema.parse(briefInput())
    for (let i = 0; i < 10; i++) createBriefRow(app.db, user.id, brief, null)
    const res = await postBrief(user.client, goodBrief({ productName: 'Eleventh Lamp', audience: 'night owls' }), photo)
    expect(res.status).toBe(403)
    const html = await res.text()
    expect(formMessage(html)).toBe(
      'Your Free plan keeps up to 10 briefs, and you have 10. Delete a brief you no longer need, then save this one.',
    )
    expect(controlValue(html, 'productName')).toBe('Eleventh Lamp')
    expect(controlValue(html, 'audience')).toBe('night owls')
    expect(briefRows(app, user.id)).toHaveLength(10)
    expect(imageRows(app, user.id)).toEqual([])
    expect(imageFiles(app, user.id)).toEqual([])
  })

  it('a photo already previewed stays on the refused form, ready once a brief is deleted', async () => {
    const user = await newUser(app)
    const first = await createBrief(user.client, photo)
    const brief = briefSchema.parse(briefInput())
    for (let i = 1; i < 10; i++) createBriefRow(app.db, user.id, brief, null)
    const res = await postBrief(user.client, goodBrief({ imageId: first.imageId }))
    expect(res.status).toBe(403)
    expect(await res.text()).toContain(`<input type="hidden" name="imageId" value="${first.imageId}"`)
  })
})

describe('photos (free plan: 20, 200 MB)', () => {
  freshApp()

  it('the preview at the count cap says so in the photo box, and stores nothing', async () => {
    const user = await newUser(app)
    addImageRows(app, user.id, 20)
    const res = await uploadPreview(user.client, photo)
    expect(res.status).toBe(403)
    const html = await res.text()
    expect(html.startsWith('<div id="photo-preview"')).toBe(true)
    expect(photoAreaError(html)).toBe(
      'Your Free plan keeps up to 20 photos, and you have 20. Delete a brief you no longer need (its photo goes with it) and try again. Photos you uploaded but did not save with a brief are removed after a day.',
    )
    expect(imageRows(app, user.id)).toHaveLength(20)
    expect(imageFiles(app, user.id)).toEqual([])
  })

  it('the brief form without JavaScript, at the megabyte cap: the photo is refused, the text comes back', async () => {
    const user = await newUser(app)
    addImageRows(app, user.id, 1, 200 * MB - 1000)
    const res = await postBrief(user.client, goodBrief({ productName: 'Heavy Lamp' }), photo)
    expect(res.status).toBe(403)
    const html = await res.text()
    expect(photoAreaError(html)).toMatch(
      /^Your Free plan keeps up to 200 MB of photos; yours take 200 MB, and this photo needs \d+(\.\d)? MB\. Delete a brief/,
    )
    expect(controlValue(html, 'productName')).toBe('Heavy Lamp')
    expect(briefRows(app, user.id)).toEqual([])
    expect(imageRows(app, user.id)).toHaveLength(1)
    expect(imageFiles(app, user.id)).toEqual([])
  })
})

/** A brief with 20 saved versions (the free plan's cap) and its editor with one edit not saved. */
async function fullBrief() {
  const user = await newUser(app)
  const { id } = await createBrief(user.client, photo)
  const draft = writeScreenplay(briefSchema.parse(briefRows(app, user.id)[0]!.data), 0)
  for (let i = 0; i < 20; i++) saveScreenplayVersion(app.db, user.id, id, draft)
  const editor = readEditor(await (await user.client.get(`/briefs/${id}/screenplay`)).text())
  editor.shots[0]!.caption = 'An edit worth keeping'
  return { user, id, editor }
}

describe('screenplay versions (free plan: 20 per brief)', () => {
  freshApp()

  it('saving a 21st is refused; the edited draft comes back with why', async () => {
    const { user, id, editor } = await fullBrief()
    const res = await postFields(user.client, `/briefs/${id}/screenplay`, editorFields(editor))
    expect(res.status).toBe(403)
    const html = await res.text()
    expect(formMessage(html)).toBe(
      'This brief has 20 saved versions, the most your Free plan keeps for one brief. Delete a saved version you no longer need (one no video was made from), then save again.',
    )
    expect(readEditor(html).shots[0]!.caption).toBe('An edit worth keeping')
    expect(screenplayRows(app, id)).toHaveLength(20)
  })

  it('through htmx the refusal swaps into the editor (403 is swapped, see views/layout.tsx)', async () => {
    const { user, id, editor } = await fullBrief()
    const res = await postFields(user.client, `/briefs/${id}/screenplay`, editorFields(editor), {
      'hx-request': 'true',
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('hx-redirect')).toBeNull()
    const html = await res.text()
    expect(readEditor(html).shots[0]!.caption).toBe('An edit worth keeping')
    expect(formMessage(html)).toMatch(/^This brief has 20 saved versions/)
    expect(decodeHtml(html)).toContain('{"code":"403","swap":true}')
    expect(screenplayRows(app, id)).toHaveLength(20)
  })
})

describe('deleting a saved version makes room', () => {
  freshApp()

  it('deletes a version no video was made from, and the edited draft can then be saved', async () => {
    const { user, id, editor } = await fullBrief()
    const page = await (await user.client.get(`/briefs/${id}/screenplay?version=3`)).text()
    expect(page).toContain(`action="/briefs/${id}/screenplay/versions/3/delete"`)
    const res = await user.client.postForm(`/briefs/${id}/screenplay/versions/3/delete`)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/briefs/${id}/screenplay?deleted=3`)
    expect(decodeHtml(await (await user.client.get(res.headers.get('location')!)).text())).toContain(
      'Version 3 was deleted.',
    )
    expect(screenplayRows(app, id).map((r) => r.version)).not.toContain(3)
    const saved = await postFields(user.client, `/briefs/${id}/screenplay`, editorFields(editor))
    expect(saved.status).toBe(303)
    expect(screenplayRows(app, id)).toHaveLength(20)
  })

  it('keeps a version a video was made from, and nobody else can delete one', async () => {
    const user = await newUser(app)
    const project = await makeBrief(app, user.id)
    insertVideo(app, user.id, project, { createdAt: quotaMonth(Date.now()).start - 1000, files: false })
    const url = `/briefs/${project.briefId}/screenplay`
    expect(await (await user.client.get(`${url}?version=1`)).text()).not.toContain('/versions/1/delete')
    const res = await user.client.postForm(`${url}/versions/1/delete`)
    expect(res.status).toBe(409)
    expect(decodeHtml(await res.text())).toContain('Version 1 stays: a video was made from it.')
    const other = await newUser(app)
    expect((await other.client.postForm(`${url}/versions/1/delete`)).status).toBe(404)
    expect(screenplayRows(app, project.briefId)).toHaveLength(1)
  })
})

describe('videos kept (free plan: 10)', () => {
  freshApp()

  it('the Render panel says why it cannot start, and the Render button is refused with nothing started', async () => {
    const user = await newUser(app)
    const project = await makeBrief(app, user.id)
    const lastMonth = quotaMonth(Date.now()).start - 1000
    for (let i = 0; i < 10; i++) insertVideo(app, user.id, project, { createdAt: lastMonth, files: false })
    const sentence =
      'Your Free plan keeps up to 10 videos, and you have 10 (renders in progress count). Delete a brief whose videos you no longer need (its videos go with it), then render again.'

    const page = await (await user.client.get(`/briefs/${project.briefId}/screenplay`)).text()
    const panel = /<section[^>]*data-testid="render-panel"[^>]*>([\s\S]*?)<\/section>/.exec(page)?.[1] ?? ''
    expect(decodeHtml(/data-testid="render-storage">([\s\S]*?)<\/p>/.exec(panel)?.[1] ?? '').trim()).toBe(sentence)
    expect(panel).toMatch(/<button(?=[^>]*formaction="\/videos")[^>]*\bdisabled\b/)

    const res = await postRender(user.client, project.screenplayId)
    expect(res.status).toBe(403)
    const text = decodeHtml(await res.text())
    expect(text).toContain('Storage limit reached')
    expect(text).toContain(sentence)
    expect(app.db.select().from(videos).where(eq(videos.userId, user.id)).all()).toHaveLength(10)
  })
})

describe('the account page', () => {
  freshApp()

  it('shows the storage used against each cap', async () => {
    const user = await newUser(app)
    const project = await makeBrief(app, user.id)
    addImageRows(app, user.id, 2, 50 * MB)
    const lastMonth = quotaMonth(Date.now()).start - 1000
    for (const status of ['done', 'done', 'rendering', 'failed'] as const)
      insertVideo(app, user.id, project, { status, createdAt: lastMonth, files: false })
    const photoBytes = imageRows(app, user.id).reduce((sum, r) => sum + r.bytes, 0)
    const html = decodeHtml(await (await user.client.get('/account')).text())
    const figure = (id: string) => new RegExp(`data-testid="storage-${id}">([^<]*)<`).exec(html)?.[1]?.trim()
    expect(figure('photos')).toBe('3 of 20')
    expect(figure('photo-space')).toBe(`${Math.round(photoBytes / MB)} MB of 200 MB`)
    expect(figure('briefs')).toBe('1 of 10')
    expect(figure('videos-kept')).toBe('3 of 10')
    expect(html).toContain('up to 20 per brief')
  })
})
