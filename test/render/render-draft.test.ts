import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenplays, usageRecords, videoShots, videos } from '../../db/schema.js'
import {
  controlValue,
  decodeHtml,
  type Editor,
  editorFields,
  type Fields,
  fieldError,
  newUser,
  postFields,
  readEditor,
  type TestUser,
} from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { makeBrief, usageRows } from '../support/render.js'

// "Render video" sits beside "Save screenplay" from the start (issue 14): it posts the editor's
// form to /videos, which saves an edited draft as a new version and starts the render in the
// same request. Mistakes come back in the editor with nothing lost; a cap reached meanwhile
// leaves the draft saved and says why it was not rendered.

let app: TestApp

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

function versionsOf(briefId: string) {
  return app.db.select().from(screenplays).where(eq(screenplays.briefId, briefId)).all()
}
function videosOf(userId: string) {
  return app.db.select().from(videos).where(eq(videos.userId, userId)).all()
}

/** The editor as the page shows it, and the hidden fields Render video sends with it. */
async function openEditor(user: TestUser, path: string) {
  const html = await (await user.client.get(path)).text()
  const fields: Record<string, string> = {}
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    if (m[1] === 'briefId' || m[1] === 'basedOn') fields[m[1]] = m[2]!
  return { html, editor: readEditor(html), fields }
}

function renderFields(editor: Editor, fields: Record<string, string>): Fields {
  const { intent: _intent, ...rest } = editorFields(editor)
  return { ...rest, ...fields } // Render video has no name: the form's fields only
}

/** A brief whose screenplay was never saved: the editor shows a fresh draft. */
async function draftBrief(user: TestUser) {
  const made = await makeBrief(app, user.id)
  app.db.delete(screenplays).where(eq(screenplays.id, made.screenplayId)).run()
  return made.briefId
}

describe('Render video on the screenplay page', () => {
  it('is there from the start for an unsaved draft, beside Save screenplay and the quota line', async () => {
    const user = await newUser(app)
    const briefId = await draftBrief(user)
    const { html, fields } = await openEditor(user, `/briefs/${briefId}/screenplay`)
    const bar = /<section[^>]*data-testid="render-panel"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? ''
    expect(bar).toMatch(/<button type="submit" formaction="\/videos" class="button">\s*Render video\s*<\/button>/)
    expect(bar).toMatch(/<button[^>]*value="save"[^>]*>\s*Save screenplay\s*<\/button>/)
    expect(decodeHtml(/data-testid="render-allowance">([\s\S]*?)<\/p>/.exec(bar)?.[1] ?? '')).toBe(
      'Uses 1 of your 3 videos this month (3 left).',
    )
    expect(fields).toEqual({ briefId }) // a draft is based on no saved version
  })

  it('saves the edited draft as version 1 and renders exactly that, in one request', async () => {
    const user = await newUser(app)
    const briefId = await draftBrief(user)
    const { editor, fields } = await openEditor(user, `/briefs/${briefId}/screenplay`)
    editor.shots[1]!.caption = 'Typed, never saved'
    const res = await postFields(user.client, '/videos', renderFields(editor, fields))
    expect(res.status).toBe(303)
    const videoId = /^\/videos\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1]
    expect(videoId).toBeDefined()
    const versions = versionsOf(briefId)
    expect(versions.map((v) => v.version)).toEqual([1])
    expect((versions[0]!.body as { shots: { caption: string }[] }).shots[1]!.caption).toBe('Typed, never saved')
    expect(videosOf(user.id).map((v) => v.screenplayId)).toEqual([versions[0]!.id])
    expect(usageRows(app, user.id)).toHaveLength(1)
  })

  it('renders the saved version it was opened from when nothing changed, and a new version when something did', async () => {
    const user = await newUser(app)
    const made = await makeBrief(app, user.id)
    const path = `/briefs/${made.briefId}/screenplay`
    const first = await openEditor(user, path)
    expect(first.fields).toEqual({ briefId: made.briefId, basedOn: made.screenplayId })

    const same = await postFields(user.client, '/videos', renderFields(first.editor, first.fields))
    expect(same.status).toBe(303)
    expect(versionsOf(made.briefId)).toHaveLength(1)

    first.editor.shots[0]!.prompt = `${first.editor.shots[0]!.prompt} Slower, please.`
    const changed = await postFields(user.client, '/videos', renderFields(first.editor, first.fields))
    expect(changed.status).toBe(303)
    const versions = versionsOf(made.briefId)
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2])
    const v2 = versions.find((v) => v.version === 2)!
    expect(
      videosOf(user.id)
        .map((v) => v.screenplayId)
        .sort(),
    ).toEqual([made.screenplayId, v2.id].sort())
  })

  it('answers htmx with HX-Redirect to the new video page', async () => {
    const user = await newUser(app)
    const briefId = await draftBrief(user)
    const { editor, fields } = await openEditor(user, `/briefs/${briefId}/screenplay`)
    const res = await postFields(user.client, '/videos', renderFields(editor, fields), { 'hx-request': 'true' })
    expect(res.status).toBe(200)
    expect(res.headers.get('hx-redirect')).toMatch(/^\/videos\/[0-9a-f-]{36}$/)
    expect(videosOf(user.id)).toHaveLength(1)
  })

  it('brings a mistake back in the editor as typed, saving and starting nothing', async () => {
    const user = await newUser(app)
    const briefId = await draftBrief(user)
    const { editor, fields } = await openEditor(user, `/briefs/${briefId}/screenplay`)
    editor.shots[0]!.caption = 'Kept as typed'
    editor.shots[0]!.prompt = '   '
    const res = await postFields(user.client, '/videos', renderFields(editor, fields))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'prompt')).toBe('Describe what this shot shows.')
    expect(controlValue(html, 'caption')).toBe('Kept as typed')
    expect(versionsOf(briefId)).toHaveLength(0)
    expect(videosOf(user.id)).toHaveLength(0)
  })

  it('keeps the draft as a saved version and says why when the quota ran out meanwhile', async () => {
    const user = await newUser(app)
    const briefId = await draftBrief(user)
    const { editor, fields } = await openEditor(user, `/briefs/${briefId}/screenplay`)
    // Three renders elsewhere (another tab) since the page was shown: the free plan's month is used.
    const other = await makeBrief(app, user.id)
    for (let i = 0; i < 3; i++) {
      const res = await postFields(user.client, '/videos', { screenplayId: other.screenplayId })
      expect(res.status).toBe(303)
    }
    editor.shots[0]!.caption = 'Worth keeping'
    const res = await postFields(user.client, '/videos', renderFields(editor, fields))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/briefs/${briefId}/screenplay?version=1&notRendered=1`)
    expect(versionsOf(briefId)).toHaveLength(1)
    expect(videosOf(user.id)).toHaveLength(3)
    const page = decodeHtml(await (await user.client.get(res.headers.get('location')!)).text())
    expect(page).toContain('Saved as version 1, but not rendered: you have used all 3 videos this month.')
    expect(controlValue(page, 'caption')).toBe('Worth keeping')
    expect(app.db.select().from(usageRecords).where(eq(usageRecords.userId, user.id)).all()).toHaveLength(3)
  })

  it("refuses someone else's brief with a 404, saving nothing", async () => {
    const owner = await newUser(app)
    const stranger = await newUser(app)
    const briefId = await draftBrief(owner)
    const { editor, fields } = await openEditor(owner, `/briefs/${briefId}/screenplay`)
    const res = await postFields(stranger.client, '/videos', renderFields(editor, fields))
    expect(res.status).toBe(404)
    expect(versionsOf(briefId)).toHaveLength(0)
    expect(videosOf(stranger.id)).toHaveLength(0)
  })
})

describe('the page of a video while it renders', () => {
  it('names its progress in the tab, refreshes itself without JavaScript, and is never cached', async () => {
    const user = await newUser(app)
    const made = await makeBrief(app, user.id)
    const res = await postFields(user.client, '/videos', { screenplayId: made.screenplayId })
    const path = res.headers.get('location')!
    const page = await user.client.get(path)
    expect(page.headers.get('cache-control')).toBe('no-store')
    const html = await page.text()
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe('Queued · Aura X2 Headphones · Lumina.AI')
    expect(html).toContain('<noscript id="refresh-without-script"><meta http-equiv="refresh" content="5"/></noscript>')

    // htmx's poll: the fragment starts with the title htmx puts on the tab.
    const status = await (await user.client.get(`${path}/status`, { 'hx-request': 'true' })).text()
    expect(status).toMatch(/^<title>Queued · Aura X2 Headphones · Lumina\.AI<\/title><section id="video-status"/)

    // Halfway through the shots: the title says how far (shots are 90 % of the wait).
    const videoId = path.split('/').pop()!
    app.db.update(videos).set({ status: 'rendering' }).where(eq(videos.id, videoId)).run()
    const shots = app.db.select().from(videoShots).where(eq(videoShots.videoId, videoId)).all()
    app.db.update(videoShots).set({ status: 'done' }).where(eq(videoShots.id, shots[0]!.id)).run()
    const expected = Math.floor((100 / shots.length) * 0.9)
    const polled = await (await user.client.get(`${path}/status`, { 'hx-request': 'true' })).text()
    expect(polled.startsWith(`<title>${expected}% rendering · Aura X2 Headphones · Lumina.AI</title>`)).toBe(true)

    // Finished: no refresh, and the tab says so.
    app.db
      .update(videos)
      .set({ status: 'failed', failureReason: 'LibTV refused the photo.' })
      .where(eq(videos.id, videoId))
      .run()
    const done = await (await user.client.get(path)).text()
    expect(done).not.toContain('http-equiv="refresh"')
    expect(/<title>([^<]*)<\/title>/.exec(done)?.[1]).toBe('Failed · Aura X2 Headphones · Lumina.AI')
  })
})
