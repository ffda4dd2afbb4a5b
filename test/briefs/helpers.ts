import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { briefs, images, screenplays, users } from '../../db/schema.js'
import { signUpUser } from '../support/accounts.js'
import type { TestApp } from '../support/app.js'
import type { BrowserClient } from '../support/browser-client.js'

export type Upload = { bytes: Buffer | Uint8Array; name: string; type?: string }
export type Fields = Record<string, string | string[]>

/** A brief that passes validation, as the form sends it. */
export function goodBrief(overrides: Fields = {}): Fields {
  return {
    productName: 'Aura X2 Headphones',
    description: 'Wireless over-ear headphones with adaptive noise cancelling and a brushed aluminium frame.',
    sellingPoints: ['40-hour battery life', 'Adaptive noise cancelling', 'Folds flat', '', '', ''],
    audience: 'Commuters and frequent flyers',
    tone: 'premium',
    template: 'hero-reveal',
    aspectRatio: '9:16',
    lengthSeconds: '30',
    language: 'en',
    callToAction: 'Shop now',
    brandColor: '#6A4CFF',
    ...overrides,
  }
}

/** A signed-up user with their id, for looking at their rows and files. */
export async function newUser(app: TestApp) {
  const user = await signUpUser(app)
  const row = app.db.select().from(users).where(eq(users.email, user.email)).get()!
  return { ...user, id: row.id }
}
export type TestUser = Awaited<ReturnType<typeof newUser>>

export function multipart(fields: Fields, files: Record<string, Upload> = {}): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v)
  }
  for (const [name, file] of Object.entries(files)) {
    form.append(
      name,
      new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? 'application/octet-stream' }),
    )
  }
  return form
}

export function postMultipart(
  client: BrowserClient,
  url: string,
  form: FormData,
  headers: Record<string, string> = {},
) {
  return client.send(url, { method: 'POST', body: form, headers: { origin: client.origin, ...headers } })
}

/** What htmx sends when a file is picked: just the photo, to /images. */
export function uploadPreview(client: BrowserClient, photo: Upload, field = 'photo') {
  return postMultipart(client, '/images', multipart({}, { [field]: photo }), {
    'hx-request': 'true',
    'hx-target': 'photo-preview',
  })
}

/** The brief form as a browser without JavaScript sends it: fields and the photo together. */
export function postBrief(client: BrowserClient, fields: Fields, photo?: Upload, url = '/briefs') {
  return postMultipart(client, url, multipart(fields, photo ? { photo } : {}))
}

/** Urlencoded with repeated keys (BrowserClient.postForm takes one value per name). */
export function postFields(client: BrowserClient, url: string, fields: Fields, headers: Record<string, string> = {}) {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v)
  return client.send(url, {
    method: 'POST',
    body: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: client.origin, ...headers },
  })
}

/** Creates a brief with a fresh preview upload and returns its id and the image id. */
export async function createBrief(client: BrowserClient, photo: Upload, overrides: Fields = {}) {
  const preview = await uploadPreview(client, photo)
  const html = await preview.text()
  if (preview.status !== 200) throw new Error(`preview failed with ${preview.status}: ${html}`)
  const imageId = hiddenImageId(html)!
  const res = await postBrief(client, goodBrief({ ...overrides, imageId }))
  if (res.status !== 303) throw new Error(`brief failed with ${res.status}: ${await res.text()}`)
  const id = /^\/briefs\/([0-9a-f-]{36})\/screenplay$/.exec(res.headers.get('location') ?? '')?.[1]
  if (!id) throw new Error(`unexpected redirect ${res.headers.get('location')}`)
  return { id, imageId }
}

export function imageDir(app: TestApp, userId: string) {
  return path.join(app.dataDir, 'users', userId, 'images')
}
/** The files in a user's image folder (none when the folder does not exist). */
export function imageFiles(app: TestApp, userId: string): string[] {
  const dir = imageDir(app, userId)
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []
}
export function imageRows(app: TestApp, userId: string) {
  return app.db.select().from(images).where(eq(images.userId, userId)).all()
}
/** Image rows that stand for stored photos: the storage caps count rows and their recorded bytes. */
export function addImageRows(app: TestApp, userId: string, n: number, bytes = 1000) {
  for (let i = 0; i < n; i++) {
    const sha256 = randomBytes(32).toString('hex')
    app.db
      .insert(images)
      .values({ id: randomUUID(), userId, sha256, width: 800, height: 600, bytes, createdAt: Date.now() })
      .run()
  }
}
export function briefRows(app: TestApp, userId: string) {
  return app.db.select().from(briefs).where(eq(briefs.userId, userId)).all()
}
export function screenplayRows(app: TestApp, briefId: string) {
  return app.db.select().from(screenplays).where(eq(screenplays.briefId, briefId)).all()
}

// ---- reading the pages -------------------------------------------------------------------

export function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
}

/** The message in the photo area (#photo-preview) of a preview fragment or of the brief form. */
export function photoAreaError(html: string): string | undefined {
  const message = /<div id="photo-preview"[\s\S]*?<p class="error" role="alert">([\s\S]*?)<\/p>/.exec(html)?.[1]
  return message === undefined ? undefined : decodeHtml(message)
}

export function hiddenImageId(html: string): string | undefined {
  return /<input type="hidden" name="imageId" value="([0-9a-f-]{36})"/.exec(html)?.[1]
}

/** The error shown beside a field (the `.field` block around the control called `name`), or undefined. */
export function fieldError(html: string, name: string): string | undefined {
  const at = html.indexOf(`name="${name}"`)
  if (at < 0) throw new Error(`no control named ${name}`)
  const start = Math.max(html.lastIndexOf('<div class="field', at), html.lastIndexOf('<fieldset class="field', at))
  const end = html.slice(at).search(/<\/div>|<\/fieldset>/) + at
  const block = html.slice(start, end)
  const message = /<p class="error"[^>]*>([\s\S]*?)<\/p>/.exec(block)?.[1]
  if (message && !/class="field field-invalid"/.test(block))
    throw new Error(`${name} has a message but is not marked invalid`)
  return message === undefined ? undefined : decodeHtml(message)
}

/** The value an input or textarea called `name` is rendered with (the first one). */
export function controlValue(html: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0]
  if (input) {
    const value = /\bvalue="([^"]*)"/.exec(input)?.[1]
    return value === undefined ? '' : decodeHtml(value)
  }
  const area = new RegExp(`<textarea[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1]
  return area === undefined ? undefined : decodeHtml(area)
}

export type EditorShot = {
  camera: string
  beat: string
  transition: string
  caption: string
  prompt: string
  duration: string
}
export type Editor = { template: string; variation: string; aspectRatio: string; language: string; shots: EditorShot[] }

/** The screenplay editor form as the page renders it. */
export function readEditor(html: string): Editor {
  const form = /<form[^>]*id="screenplay-editor"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1]
  if (!form) throw new Error('no screenplay editor on the page')
  const hidden = (name: string, block: string) => {
    const value = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(block)?.[1]
    if (value === undefined) throw new Error(`no hidden ${name}`)
    return decodeHtml(value)
  }
  // Camera move and transition are choices since issue 23: the selected option of their select.
  const chosen = (name: string, block: string) => {
    const select = new RegExp(`<select name="${name}">([\\s\\S]*?)</select>`).exec(block)?.[1]
    const value = select && /<option value="([^"]+)" selected=""/.exec(select)?.[1]
    if (value === undefined) throw new Error(`no choice of ${name}`)
    return value
  }
  const cards = form.split(/<li class="card shot-card"/).slice(1)
  return {
    template: hidden('template', form),
    variation: hidden('variation', form),
    aspectRatio: hidden('aspectRatio', form),
    language: hidden('language', form),
    shots: cards.map((card) => ({
      camera: chosen('camera', card),
      beat: hidden('beat', card),
      transition: chosen('transition', card),
      caption: decodeHtml(/<input[^>]*name="caption"[^>]*value="([^"]*)"/.exec(card)?.[1] ?? ''),
      prompt: decodeHtml(/<textarea[^>]*name="prompt"[^>]*>([\s\S]*?)<\/textarea>/.exec(card)?.[1] ?? ''),
      duration: /<option value="(5|10)" selected/.exec(card)?.[1] ?? '',
    })),
  }
}

/** The editor's fields as the browser posts them, with an intent ("save", "up:2", "drop:1"…). */
export function editorFields(editor: Editor, intent = 'save'): Fields {
  const shots = editor.shots
  return {
    template: editor.template,
    variation: editor.variation,
    aspectRatio: editor.aspectRatio,
    language: editor.language,
    caption: shots.map((s) => s.caption),
    prompt: shots.map((s) => s.prompt),
    duration: shots.map((s) => s.duration),
    camera: shots.map((s) => s.camera),
    beat: shots.map((s) => s.beat),
    transition: shots.map((s) => s.transition),
    intent,
  }
}

/** Same status and same page: what a 404 for someone else's id must look like. */
export async function pageOf(res: Response) {
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() }
}
