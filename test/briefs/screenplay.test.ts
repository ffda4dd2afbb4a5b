import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenplays } from '../../db/schema.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { cleanForPrompt } from '../../src/screenplay/clean.js'
import { writeScreenplay } from '../../src/screenplay/engine.js'
import { savedScreenplaySchema } from '../../src/screenplay/saved.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import {
  briefRows,
  createBrief,
  decodeHtml,
  type Editor,
  editorFields,
  type Fields,
  fieldError,
  newUser,
  postFields,
  readEditor,
  screenplayRows,
  type TestUser,
} from './helpers.js'

let app: TestApp
let alice: TestUser
let brief: { id: string; imageId: string }
let short: { id: string; imageId: string }
let base: string

beforeAll(async () => {
  app = await startTestApp()
  alice = await newUser(app)
  const photo = { bytes: await img.jpeg(900, 1200), name: 'p.jpg', type: 'image/jpeg' }
  brief = await createBrief(alice.client, photo, { productName: 'Velvet Serum', lengthSeconds: '30' })
  short = await createBrief(alice.client, photo, { productName: 'Tiny Clip', lengthSeconds: '15' })
  base = `/briefs/${brief.id}/screenplay`
})
afterAll(async () => {
  await app?.close()
})

async function editorAt(path: string): Promise<{ html: string; editor: Editor }> {
  const res = await alice.client.get(path)
  const html = await res.text()
  expect(res.status, path).toBe(200)
  return { html, editor: readEditor(html) }
}
const storedBrief = (id: string) => briefSchema.parse(briefRows(app, alice.id).find((b) => b.id === id)!.data)
const versionRow = (briefId: string, version: number) =>
  app.db
    .select()
    .from(screenplays)
    .where(and(eq(screenplays.briefId, briefId), eq(screenplays.version, version)))
    .get()
/** The stored JSON exactly as SQLite holds it, to prove a version never changes. */
const rawBody = (briefId: string, version: number) =>
  (
    app.db.$client.prepare('select body from screenplays where brief_id = ? and version = ?').get(briefId, version) as {
      body: string
    }
  ).body

const prompts = (e: Editor) => e.shots.map((s) => s.prompt)
/** The editor after a round trip through the server: every posted prompt is cleaned as user text. */
const cleaned = (e: Editor): Editor => ({
  ...e,
  shots: e.shots.map((s) => ({ ...s, prompt: cleanForPrompt(s.prompt, 2000) })),
})

describe('the draft screenplay', () => {
  it('shows the engine’s draft as shot cards: prompt, caption, camera, duration, thumbnail', async () => {
    const { html, editor } = await editorAt(base)
    const expected = writeScreenplay(storedBrief(brief.id), 0)
    expect(editor.template).toBe(expected.template)
    expect(editor.aspectRatio).toBe('9:16')
    expect(editor.shots).toHaveLength(expected.shots.length)
    expect(editor.shots.length).toBeGreaterThanOrEqual(3)
    expected.shots.forEach((shot, i) => {
      const card = editor.shots[i]!
      expect(card.prompt).toBe(shot.prompt)
      expect(card.caption).toBe(shot.caption)
      expect(card.camera).toBe(shot.camera)
      expect(card.duration).toBe(String(shot.durationSeconds))
    })
    expect(html.match(/data-testid="shot"/g)).toHaveLength(expected.shots.length)
    // Each shot is drawn in its frame with the photo (issue 23); the end card's still shows it once more.
    expect(
      html.match(new RegExp(`<img src="/images/${brief.imageId}/thumb" alt="" class="shot-photo"`, 'g')),
    ).toHaveLength(expected.shots.length)
    expect(html).toContain(`<img src="/images/${brief.imageId}/thumb" alt="" class="end-card-photo"`)
    // Camera move and transition are choices now, showing the engine's.
    expect(decodeHtml(html)).toContain(
      `<option value="${expected.shots[0]!.camera}" selected="">${expected.shots[0]!.camera.replace(/-/g, ' ')}</option>`,
    )
    expect(html).toContain('<strong>unsaved draft</strong>')
    expect(html).toContain(`Total ${expected.lengthSeconds} s.`)
    expect(html).toContain('Shot 1')
  })

  it('"try another take" (?variation=1) gives a different screenplay; the same take twice is identical', async () => {
    const { html, editor: first } = await editorAt(base)
    expect(html).toMatch(/<input type="hidden" name="variation" value="1"\/>/) // what the button asks for
    const { editor: take } = await editorAt(`${base}?variation=1&template=hero-reveal`)
    expect(take.variation).toBe('1')
    expect(prompts(take)).not.toEqual(prompts(first))
    expect(take.shots.reduce((t, s) => t + Number(s.duration), 0)).toBe(30)
    const { editor: again } = await editorAt(`${base}?variation=1&template=hero-reveal`)
    expect(again).toEqual(take)
  })

  it('switching the template writes that template’s screenplay', async () => {
    const { editor: hero } = await editorAt(base)
    const { html, editor: unboxing } = await editorAt(`${base}?template=unboxing&variation=0`)
    expect(unboxing.template).toBe('unboxing')
    expect(html).toContain('<option value="unboxing" selected="">')
    expect(prompts(unboxing)).not.toEqual(prompts(hero))
    expect(prompts(unboxing)).toEqual(writeScreenplay(storedBrief(brief.id), 0, 'unboxing').shots.map((s) => s.prompt))
    // An unknown template falls back to the brief's own.
    expect((await editorAt(`${base}?template=nonsense`)).editor.template).toBe('hero-reveal')
  })
})

describe('saving versions', () => {
  it('saves version 1, then 2; version 1 never changes; the page opens the latest and any version', async () => {
    const { editor: draft } = await editorAt(base)
    const first = await postFields(alice.client, base, editorFields(draft))
    expect(first.status).toBe(303)
    expect(first.headers.get('location')).toBe(`${base}?version=1&saved=1`)
    const savedPage = await (await alice.client.get(first.headers.get('location')!)).text()
    expect(savedPage).toContain('Saved as version 1.')
    expect(savedPage).toContain('saved version 1')
    expect(cleaned(draft)).toEqual(draft) // the engine writes prompts that cleaning leaves alone
    expect(readEditor(savedPage)).toEqual(draft)
    const v1Raw = rawBody(brief.id, 1)
    const v1 = savedScreenplaySchema.parse(JSON.parse(v1Raw))
    expect(v1.shots.map((s) => s.prompt)).toEqual(prompts(cleaned(draft)))
    expect(v1.shots.map((s) => [s.caption, s.camera, String(s.durationSeconds)])).toEqual(
      draft.shots.map((s) => [s.caption, s.camera, s.duration]),
    )

    const edited = structuredClone(draft)
    edited.shots[1]!.caption = 'A brand new caption'
    const second = await postFields(alice.client, base, editorFields(edited))
    expect(second.headers.get('location')).toBe(`${base}?version=2&saved=1`)
    expect(
      screenplayRows(app, brief.id)
        .map((r) => r.version)
        .sort(),
    ).toEqual([1, 2])
    expect(rawBody(brief.id, 1)).toBe(v1Raw) // immutable
    expect(savedScreenplaySchema.parse(versionRow(brief.id, 2)!.body).shots[1]!.caption).toBe('A brand new caption')

    const latest = await editorAt(base)
    expect(latest.html).toContain('saved version 2')
    expect(latest.html).not.toContain('Saved as version') // only right after saving
    expect(latest.editor.shots[1]!.caption).toBe('A brand new caption')
    expect(latest.html).toMatch(/<option value="2" selected="">Version 2 · /)
    expect(latest.html).toMatch(/<option value="1">Version 1 · /)
    const old = await editorAt(`${base}?version=1`)
    expect(old.editor).toEqual(cleaned(draft))
    expect((await alice.client.get(`${base}?version=3`)).status).toBe(404)
  })

  it('the saved length is the sum of the shots’ durations', async () => {
    const { editor } = await editorAt(`${base}?variation=2`)
    const edited = structuredClone(editor)
    edited.shots.forEach((s) => (s.duration = '10'))
    const res = await postFields(alice.client, base, editorFields(edited))
    expect(res.status).toBe(303)
    const version = Number(/version=(\d+)/.exec(res.headers.get('location')!)![1])
    const saved = savedScreenplaySchema.parse(versionRow(brief.id, version)!.body)
    expect(saved.lengthSeconds).toBe(10 * edited.shots.length)
    expect(saved.lengthSeconds).toBe(saved.shots.reduce((t, s) => t + s.durationSeconds, 0))
    expect(saved.variation).toBe(2)
    expect(await (await alice.client.get(res.headers.get('location')!)).text()).toContain(
      `${10 * edited.shots.length} s · ${edited.shots.length} shots`,
    )
  })

  it('a Chinese brief at its longest still fits the 64 kB page form limit when its screenplay is saved', async () => {
    const long = await createBrief(
      alice.client,
      { bytes: await img.jpeg(600, 600), name: 'c.jpg', type: 'image/jpeg' },
      {
        template: 'feature-tour',
        productName: '云朵保温杯'.repeat(16), // 80 characters, 9 bytes each once percent-encoded
        description: '316 不锈钢双层真空保温杯，十二小时保温，一只手就能打开，适合通勤和户外使用。'
          .repeat(15)
          .slice(0, 600),
        sellingPoints: [
          '十二小时保温'.repeat(20),
          '一只手就能打开'.repeat(17),
          '食品级不锈钢'.repeat(20),
          '保'.repeat(120),
          '温'.repeat(120),
          '杯'.repeat(120),
        ],
        audience: '通'.repeat(120),
        callToAction: '立'.repeat(60),
        language: 'zh-CN',
        lengthSeconds: '60',
      },
    )
    const path = `/briefs/${long.id}/screenplay`
    const { editor } = await editorAt(path)
    expect(editor.language).toBe('zh-CN')
    const res = await postFields(alice.client, path, editorFields(editor))
    expect(res.status).toBe(303)
    expect(screenplayRows(app, long.id)).toHaveLength(1)
  })
})

describe('moving and dropping shots', () => {
  const count = () => screenplayRows(app, brief.id).length

  it('moves a shot up and down without saving', async () => {
    const editor = cleaned((await editorAt(`${base}?variation=0&template=hero-reveal`)).editor)
    const before = count()
    const up = await postFields(alice.client, base, editorFields(editor, 'up:2'))
    const upHtml = await up.text()
    expect(up.status).toBe(200)
    const moved = readEditor(upHtml)
    expect(prompts(moved)).toEqual([editor.shots[1]!.prompt, editor.shots[0]!.prompt, ...prompts(editor).slice(2)])
    expect(moved.shots[0]).toEqual(editor.shots[1]) // the whole shot moves: caption, camera, duration…
    expect(upHtml).toContain('Unsaved changes. Save the screenplay to keep them.')

    const down = readEditor(await (await postFields(alice.client, base, editorFields(moved, 'down:1'))).text())
    expect(down).toEqual(editor)
    const last = editor.shots.length
    // Moving the first shot up or the last down changes nothing.
    expect(readEditor(await (await postFields(alice.client, base, editorFields(editor, 'up:1'))).text())).toEqual(
      editor,
    )
    expect(
      readEditor(await (await postFields(alice.client, base, editorFields(editor, `down:${last}`))).text()),
    ).toEqual(editor)
    expect(count()).toBe(before)
  })

  it('drops a shot without saving; saving then stores the shorter screenplay', async () => {
    const editor = cleaned((await editorAt(`${base}?variation=0&template=hero-reveal`)).editor)
    const res = await postFields(alice.client, base, editorFields(editor, 'drop:2'))
    const html = await res.text()
    expect(res.status).toBe(200)
    const dropped = readEditor(html)
    expect(prompts(dropped)).toEqual(prompts(editor).filter((_, i) => i !== 1))
    const total = dropped.shots.reduce((t, s) => t + Number(s.duration), 0)
    expect(html).toContain(`Total ${total} s.`)
    expect(html).toContain('<strong>unsaved draft</strong>')

    const saved = await postFields(alice.client, base, editorFields(dropped))
    const version = Number(/version=(\d+)/.exec(saved.headers.get('location')!)![1])
    const body = savedScreenplaySchema.parse(versionRow(brief.id, version)!.body)
    expect(body.shots).toHaveLength(editor.shots.length - 1)
    expect(body.shots.map((s) => s.index)).toEqual(body.shots.map((_, i) => i + 1))
    expect(body.lengthSeconds).toBe(total)
  })

  it('refuses to drop below three shots', async () => {
    const path = `/briefs/${short.id}/screenplay`
    const { html, editor } = await editorAt(path)
    expect(editor.shots).toHaveLength(3)
    expect(html.match(/value="drop:\d"[^>]*disabled=""/g)).toHaveLength(3) // the buttons say so too
    const res = await postFields(alice.client, path, editorFields(editor, 'drop:1'))
    const page = await res.text()
    expect(res.status).toBe(422)
    expect(page).toContain('A screenplay needs at least 3 shots, so this one cannot be dropped.')
    expect(readEditor(page).shots).toHaveLength(3)
    expect(screenplayRows(app, short.id)).toEqual([])
  })
})

describe('editing shots', () => {
  it('an edited prompt is cleaned before it is stored: no markup, control characters or email', async () => {
    const { editor } = await editorAt(`/briefs/${short.id}/screenplay`)
    const edited = structuredClone(editor)
    edited.shots[0]!.prompt =
      '<b>Macro</b> shot of the bottle\u0007 on wet slate\u001b[31m, write to jane.doe@example.com <script>alert(1)</script>\u202e<img src=x onerror=alert(2)>, soft morning light'
    edited.shots[1]!.caption = 'Fresh <i>every</i> day\u0000'
    const res = await postFields(alice.client, `/briefs/${short.id}/screenplay`, editorFields(edited))
    expect(res.status).toBe(303)
    const [row] = screenplayRows(app, short.id)
    const saved = savedScreenplaySchema.parse(row!.body)
    const prompt = saved.shots[0]!.prompt
    expect(prompt).toContain('Macro shot of the bottle')
    expect(prompt).toContain('soft morning light')
    expect(prompt).not.toMatch(/[<>]/)
    expect(prompt).not.toMatch(/[\u0000-\u001f\u007f\u202e]/)
    expect(prompt).not.toMatch(/@|jane\.doe|example\.com/)
    expect(prompt).not.toMatch(/alert|onerror|script/)
    expect(prompt).not.toMatch(/\s{2}/)
    expect(saved.shots[1]!.caption).not.toMatch(/[<>\u0000]/)
    expect(saved.shots[1]!.caption).toContain('Fresh')
    expect(JSON.stringify(row!.body)).not.toContain('jane.doe')
    // The page shows the cleaned text, escaped.
    const page = await (await alice.client.get(res.headers.get('location')!)).text()
    expect(readEditor(page).shots[0]!.prompt).toBe(prompt)
  })

  it('a prompt over 2000 characters gets a field error and nothing is saved', async () => {
    const { editor } = await editorAt(`${base}?variation=5`)
    const before = screenplayRows(app, brief.id).length
    const edited = structuredClone(editor)
    edited.shots[0]!.prompt = 'A slow push-in on the bottle. '.repeat(70) // 2100 characters
    const res = await postFields(alice.client, base, editorFields(edited))
    const html = await res.text()
    expect(res.status).toBe(422)
    expect(fieldError(html, 'prompt')).toBe('Prompts are at most 2000 characters.')
    expect(html).toMatch(/class="field field-invalid"><label for="prompt-1">/)
    expect(screenplayRows(app, brief.id)).toHaveLength(before)
  })

  it('an empty prompt or one that is only an email asks for a description of the shot', async () => {
    const { editor } = await editorAt(`${base}?variation=5`)
    const before = screenplayRows(app, brief.id).length
    for (const prompt of ['   ', 'jane.doe@example.com']) {
      const edited = structuredClone(editor)
      edited.shots[0]!.prompt = prompt
      const res = await postFields(alice.client, base, editorFields(edited))
      expect(res.status, prompt).toBe(422)
      expect(fieldError(await res.text(), 'prompt')).toBe('Describe what this shot shows.')
    }
    expect(screenplayRows(app, brief.id)).toHaveLength(before)
  })

  it('a caption over 160 characters gets a field error', async () => {
    const { editor } = await editorAt(`${base}?variation=5`)
    const edited = structuredClone(editor)
    edited.shots[0]!.caption = 'c'.repeat(161)
    const res = await postFields(alice.client, base, editorFields(edited))
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), 'caption')).toBe('Captions are at most 160 characters.')
  })
})

describe('tampered screenplay forms', () => {
  let editor: Editor
  let before: number
  beforeAll(async () => {
    editor = (await editorAt(`${base}?variation=7`)).editor
    before = screenplayRows(app, brief.id).length
  })

  const refused: [string, (f: Fields) => Fields][] = [
    ['an unknown camera move', (f) => ({ ...f, camera: ['fly-through', ...(f.camera as string[]).slice(1)] })],
    ['a 7-second shot', (f) => ({ ...f, duration: ['7', ...(f.duration as string[]).slice(1)] })],
    ['an unknown transition', (f) => ({ ...f, transition: ['explode', ...(f.transition as string[]).slice(1)] })],
    ['an unknown template', (f) => ({ ...f, template: 'explainer' })],
    ['an unknown aspect ratio', (f) => ({ ...f, aspectRatio: '4:3' })],
    ['a negative variation', (f) => ({ ...f, variation: '-1' })],
    ['an unknown intent', (f) => ({ ...f, intent: 'explode:1' })],
    [
      'nine shots',
      (f) =>
        Object.fromEntries(
          Object.entries(f).map(([k, v]) => [k, Array.isArray(v) ? [...v, v[0]!, v[0]!, v[0]!, v[0]!, v[0]!] : v]),
        ),
    ],
    ['a 20 001-character prompt', (f) => ({ ...f, prompt: ['p'.repeat(20_001), ...(f.prompt as string[]).slice(1)] })],
  ]
  it.each(refused)('%s: 400 with a clear page, nothing saved', async (_label, tamper) => {
    const res = await postFields(alice.client, base, tamper(editorFields(editor)))
    const html = await res.text()
    expect(res.status).toBe(400)
    expect(html).toContain(
      'The screenplay form was incomplete or changed. Reload the page and try again; your saved versions are safe.',
    )
    expect(screenplayRows(app, brief.id)).toHaveLength(before)
  })

  it.each(['caption', 'camera', 'duration', 'beat', 'transition'])(
    'a missing %s list entry: 422 with the form message, nothing saved',
    async (field) => {
      const fields = editorFields(editor)
      fields[field] = (fields[field] as string[]).slice(1)
      const res = await postFields(alice.client, base, fields)
      expect(res.status).toBe(422)
      expect(await res.text()).toContain('The screenplay form was incomplete. Reload the page and try again.')
      expect(screenplayRows(app, brief.id)).toHaveLength(before)
    },
  )

  it('a form that is not a web form is refused with 415', async () => {
    const res = await alice.client.send(base, {
      method: 'POST',
      body: JSON.stringify(editorFields(editor)),
      headers: { 'content-type': 'application/json', origin: alice.client.origin },
    })
    expect(res.status).toBe(415)
    expect(screenplayRows(app, brief.id)).toHaveLength(before)
  })
})
