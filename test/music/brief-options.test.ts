import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs } from '../../db/schema.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { createBrief, goodBrief, newUser, postBrief, type TestUser } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'

// The brief form's two music choices: shown, saved, kept on edit, refused when unknown.
let app: TestApp
let alice: TestUser
beforeAll(async () => {
  app = await startTestApp()
  alice = await newUser(app)
})
afterAll(() => app.close())

const photo = async () => ({ bytes: await img.jpeg(640, 480), name: 'p.jpg', type: 'image/jpeg' })
const stored = (id: string) =>
  app.db.select().from(briefs).where(eq(briefs.id, id)).get()?.data as Record<string, unknown>

describe('music on the brief', () => {
  it('offers "chosen for the tone" and normal volume by default, and every track', async () => {
    const page = await (await alice.client.get('/briefs/new')).text()
    expect(page).toMatch(
      /<select id="music" name="music"[^>]*>\s*<option value="auto" selected="">Chosen to fit the tone/,
    )
    expect(page).toContain('<option value="none">No music</option>')
    expect(page).toContain('<option value="velvet-hour">Velvet Hour (premium, slow)</option>')
    expect(page).toMatch(/<select id="musicVolume"[^>]*>\s*<option value="normal" selected="">Normal \(−14 LUFS/)
  })

  it('saves the choices and shows them again on the edit page', async () => {
    const { id } = await createBrief(alice.client, await photo(), { music: 'bubblegum', musicVolume: 'quiet' })
    expect(stored(id)).toMatchObject({ music: 'bubblegum', musicVolume: 'quiet' })
    const form = await (await alice.client.get(`/briefs/${id}/edit`)).text()
    expect(form).toContain('<option value="bubblegum" selected="">')
    expect(form).toContain('<option value="quiet" selected="">')
    // The account export carries them with the rest of the brief.
    const exported = JSON.parse(await (await alice.client.get('/account/export')).text())
    const brief = exported.briefs.find((b: { id: string }) => b.id === id)
    expect(JSON.stringify(brief)).toMatch(/"music":"bubblegum".*"musicVolume":"quiet"/)
  })

  it('refuses a track that does not exist, in the page’s language', async () => {
    const res = await postBrief(alice.client, goodBrief({ music: 'jazz' }), await photo())
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Choose a music track from the list')
  })

  it('gives a brief saved before music existed the defaults', () => {
    const { music: _m, musicVolume: _v, ...old } = briefSchema.parse({ ...goodBrief(), sellingPoints: ['Folds flat'] })
    expect(briefSchema.parse(old)).toMatchObject({ music: 'auto', musicVolume: 'normal' })
  })
})
