import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs, screenplayDrafts, screenplays, videos } from '../../db/schema.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import {
  createBrief,
  decodeHtml,
  type Editor,
  editorFields,
  goodBrief,
  newUser,
  postBrief,
  postFields,
  readEditor,
  type TestUser,
} from './helpers.js'

// Issue 23, never lose work: the editor's unsaved edits are kept on the server with the brief,
// brought back on return, replaced only after asking, and Render waits when the brief changed.

let app: TestApp
let alice: TestUser
let bob: TestUser
const photo = async () => ({ bytes: await img.jpeg(900, 1200), name: 'p.jpg', type: 'image/jpeg' })

beforeAll(async () => {
  app = await startTestApp()
  alice = await newUser(app)
  bob = await newUser(app)
})
afterAll(async () => {
  await app?.close()
})

const draftRow = (briefId: string) =>
  app.db.select().from(screenplayDrafts).where(eq(screenplayDrafts.briefId, briefId)).get()

async function open(user: TestUser, path: string) {
  const res = await user.client.get(path)
  const html = await res.text()
  return { res, html, editor: readEditor(html) }
}
/** What the page's script posts as the person types: the editor form, without a button's intent. */
function typed(editor: Editor, html: string) {
  const { intent: _intent, ...fields } = editorFields(editor)
  const writtenAt = /name="writtenAt" value="(\d+)"/.exec(html)?.[1]
  return writtenAt ? { ...fields, writtenAt } : fields
}

describe('the draft', () => {
  it('is kept as the person types and comes back on return, with a word that it did', async () => {
    const { id } = await createBrief(alice.client, await photo())
    const base = `/briefs/${id}/screenplay`
    const { html, editor } = await open(alice, base)
    expect(html).not.toContain('Your unsaved edits are back')
    editor.shots[0]!.caption = 'Typed, never saved'
    const kept = await postFields(alice.client, `${base}/draft`, typed(editor, html))
    expect(kept.status).toBe(204)
    expect(draftRow(id)).toBeDefined()
    expect(app.db.select().from(screenplays).where(eq(screenplays.briefId, id)).all()).toEqual([]) // not a version

    const back = await open(alice, base)
    expect(back.editor.shots[0]!.caption).toBe('Typed, never saved')
    expect(back.html).toContain('Your unsaved edits are back, as you left them.')
    expect(back.res.headers.get('cache-control')).toBe('no-store')

    // Saving makes it a version and the draft goes: the editor then opens the version.
    const saved = await postFields(alice.client, base, editorFields(back.editor))
    expect(saved.status).toBe(303)
    expect(draftRow(id)).toBeUndefined()
    const after = await open(alice, base)
    expect(after.html).toContain('saved version 1')
    expect(after.editor.shots[0]!.caption).toBe('Typed, never saved')
  })

  it('is kept by a move without JavaScript, too', async () => {
    const { id } = await createBrief(alice.client, await photo())
    const base = `/briefs/${id}/screenplay`
    const { editor } = await open(alice, base)
    const moved = await postFields(alice.client, base, editorFields(editor, 'down:1'))
    expect(moved.status).toBe(200)
    const html = await moved.text()
    // The moved shot is focused, so it stays in view.
    expect(html).toMatch(/<li class="card shot-card"[^>]*id="shot-2" tabindex="-1" autofocus=""/)
    const back = await open(alice, base)
    expect(back.editor.shots[1]).toEqual(editor.shots[0])
  })

  it('is the owner’s only: no one else writes or reads it', async () => {
    const { id } = await createBrief(alice.client, await photo())
    const base = `/briefs/${id}/screenplay`
    const { html, editor } = await open(alice, base)
    editor.shots[0]!.caption = 'Bob was here'
    expect((await postFields(bob.client, `${base}/draft`, typed(editor, html))).status).toBe(404)
    expect(draftRow(id)).toBeUndefined()
    editor.shots[0]!.caption = 'Alice’s own'
    expect((await postFields(alice.client, `${base}/draft`, typed(editor, html))).status).toBe(204)
    expect((await bob.client.get(base)).status).toBe(404)
    expect((await postFields(bob.client, `${base}/open`, { variation: '1', confirm: 'yes' })).status).toBe(404)
    expect(draftRow(id)).toBeDefined()
    // Half-done work is kept as typed: an emptied prompt too (saving it then asks for one).
    const empty = structuredClone(editor)
    empty.shots[0]!.prompt = ''
    expect((await postFields(alice.client, `${base}/draft`, typed(empty, html))).status).toBe(204)
    const back = await open(alice, base)
    expect(back.editor.shots[0]!.prompt).toBe('')
    const save = await postFields(alice.client, base, editorFields(back.editor))
    expect(save.status).toBe(422)
    expect(await save.text()).toContain('Describe what this shot shows.')
    expect(draftRow(id)).toBeDefined()
    // A form without its shots is not a draft: the one before stays.
    const { caption: _c, prompt: _p, ...shapeless } = typed(editor, html)
    expect((await postFields(alice.client, `${base}/draft`, shapeless)).status).toBe(202)
    expect((await open(alice, base)).editor.shots[0]!.caption).toBe('Alice’s own')
  })

  it('goes with the brief, and is in the export', async () => {
    const { id } = await createBrief(alice.client, await photo())
    const base = `/briefs/${id}/screenplay`
    const { html, editor } = await open(alice, base)
    expect((await postFields(alice.client, `${base}/draft`, typed(editor, html))).status).toBe(204)
    const exported = (await (await alice.client.get('/account/export')).json()) as {
      screenplayDrafts: { briefId: string; body: unknown }[]
    }
    expect(exported.screenplayDrafts.map((d) => d.briefId)).toContain(id)
    const deleted = await postFields(alice.client, `/briefs/${id}/delete`, { confirm: 'yes' })
    expect(deleted.status).toBe(303)
    expect(draftRow(id)).toBeUndefined()
  })
})

describe('replacing the draft asks first', () => {
  it('another take with unsaved edits asks; declining keeps them, going on replaces them', async () => {
    const { id } = await createBrief(alice.client, await photo())
    const base = `/briefs/${id}/screenplay`
    const { html, editor } = await open(alice, base)
    // The toolbar's forms post to /open and carry the dialog's words for the script.
    expect(html).toMatch(/<form method="post" action="[^"]*\/open" class="toolbar-form" data-replaces-draft="Replace/)

    // No edits yet: another take opens straight away.
    const straight = await postFields(alice.client, `${base}/open`, { variation: '1', template: 'hero-reveal' })
    expect(straight.status).toBe(303)
    expect(straight.headers.get('location')).toBe(`${base}?variation=1&template=hero-reveal`)

    editor.shots[0]!.caption = 'My careful edit'
    await postFields(alice.client, `${base}/draft`, typed(editor, html))
    const asked = await postFields(alice.client, `${base}/open`, { variation: '1', template: 'hero-reveal' })
    expect(asked.status).toBe(200)
    const question = decodeHtml(await asked.text())
    expect(question).toContain('Replace your unsaved edits?')
    expect(question).toContain(`action="${base}/open?variation=1&template=hero-reveal"`)
    expect(question).toContain(`href="${base}"`) // Keep editing
    expect(draftRow(id)).toBeDefined()
    expect((await open(alice, base)).editor.shots[0]!.caption).toBe('My careful edit') // declined: still there

    const went = await postFields(alice.client, `${base}/open?variation=1&template=hero-reveal`, { confirm: 'yes' })
    expect(went.status).toBe(303)
    expect(went.headers.get('location')).toBe(`${base}?variation=1&template=hero-reveal`)
    expect(draftRow(id)).toBeUndefined()
  })
})

describe('a brief the screenplay no longer matches', () => {
  it('is shown at the top with one action; Render is disabled and refused until a new screenplay is written', async () => {
    const { id, imageId } = await createBrief(alice.client, await photo(), { aspectRatio: '9:16', lengthSeconds: '30' })
    const base = `/briefs/${id}/screenplay`
    const first = await open(alice, base)
    expect(first.html).not.toContain('data-testid="mismatch"')
    first.editor.shots[0]!.caption = 'Kept through the change'
    await postFields(alice.client, `${base}/draft`, typed(first.editor, first.html))
    const changed = await postBrief(
      alice.client,
      goodBrief({ aspectRatio: '1:1', lengthSeconds: '15', imageId }),
      undefined,
      `/briefs/${id}/edit`,
    )
    expect(changed.status).toBe(303)

    const page = await open(alice, base)
    const text = decodeHtml(page.html)
    expect(page.editor.shots[0]!.caption).toBe('Kept through the change')
    expect(text).toContain('This screenplay was written for 9:16 · 30 s, but the brief now asks for 1:1 · 15 s.')
    expect(text).toMatch(/<button type="submit" class="button">Write a new screenplay for 1:1 · 15 s<\/button>/)
    expect(page.html).toMatch(/formaction="\/videos" class="button" disabled=""/)
    expect(text).toContain('Not rendered: the brief now asks for 1:1 · 15 s. Write a new screenplay for it first.')

    // The server refuses it too, even when the button is forced.
    const briefId = id
    const forced = await postFields(alice.client, '/videos', { ...typed(page.editor, page.html), briefId })
    expect(forced.status).toBe(422)
    expect(decodeHtml(await forced.text())).toContain('Not rendered: the brief now asks for 1:1 · 15 s.')
    expect(app.db.select().from(videos).where(eq(videos.briefId, id)).all()).toEqual([])
    expect(app.db.select().from(screenplays).where(eq(screenplays.briefId, id)).all()).toEqual([])

    // Writing the new screenplay asks (the edits would go), then Render is enabled again.
    const vars = /name="variation" value="(\d+)"[\s\S]*?name="template" value="([a-z-]+)"/.exec(
      page.html.slice(page.html.indexOf('data-testid="mismatch"')),
    )!
    const go = await postFields(alice.client, `${base}/open?variation=${vars[1]}&template=${vars[2]}`, {
      confirm: 'yes',
    })
    expect(go.status).toBe(303)
    const fresh = await open(alice, go.headers.get('location')!)
    expect(fresh.editor.aspectRatio).toBe('1:1')
    expect(fresh.html).not.toContain('data-testid="mismatch"')
    expect(fresh.html).not.toMatch(/formaction="\/videos" class="button" disabled=""/)
    const rendered = await postFields(alice.client, '/videos', { ...typed(fresh.editor, fresh.html), briefId })
    expect(rendered.status).toBe(303)
    expect(app.db.select().from(briefs).where(eq(briefs.id, id)).get()).toBeDefined()
  })
})

describe('the storyboard', () => {
  it('saves a changed camera move and transition with the version; a drag posts the new order', async () => {
    const { id } = await createBrief(alice.client, await photo(), { aspectRatio: '1:1' })
    const base = `/briefs/${id}/screenplay`
    const { html, editor } = await open(alice, base)
    // Each shot at the video's ratio, its caption over the photo, the prompt behind "Advanced".
    expect(html).toMatch(/<div class="shot-frame aspect-1x1" data-frame="true">/)
    expect(decodeHtml(html)).toContain(
      `<p class="frame-caption" lang="en" data-caption-preview="caption-1"><span>${editor.shots[0]!.caption}</span>`,
    )
    expect(html).toMatch(/<details class="shot-advanced"><summary>Advanced: the shot prompt<\/summary>/)
    expect(html).toContain('class="end-card-frame aspect-1x1')
    expect(html).toMatch(/<rect width="1" height="1" fill="#6A4CFF"/) // the brief's brand colour

    editor.shots[0]!.camera = 'orbit'
    editor.shots[1]!.transition = 'whip'
    const saved = await postFields(alice.client, base, editorFields(editor))
    expect(saved.status).toBe(303)
    const version = app.db.select().from(screenplays).where(eq(screenplays.briefId, id)).get()!
    const body = version.body as { shots: { camera: string; transition: string }[] }
    expect(body.shots[0]!.camera).toBe('orbit')
    expect(body.shots[1]!.transition).toBe('whip')
    const reopened = await open(alice, base)
    expect(reopened.editor.shots[0]!.camera).toBe('orbit')

    // A drag reorders the cards in the page and posts them as they now are, saying where the shot landed.
    const dragged = structuredClone(reopened.editor)
    dragged.shots = [dragged.shots[1]!, dragged.shots[0]!, ...dragged.shots.slice(2)]
    const res = await postFields(alice.client, base, editorFields(dragged, 'at:1'))
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(readEditor(page).shots).toEqual(dragged.shots)
    expect(page).toMatch(/id="shot-1" tabindex="-1" autofocus=""/)
  })
})
