import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiKeys, briefs, mailOutbox } from '../../db/schema.js'
import { createBrief, decodeHtml, imageFiles, newUser, type TestUser, type Upload } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'

// Issue 20: rotating the API key and deleting a brief ask first. With JavaScript htmx shows a
// dialog and sends `confirm=yes` only after a yes (test/e2e/confirm.test.ts); without it, the
// plain form post gets a page asking the question, whose button posts again with `confirm=yes`.

let app: TestApp
let photo: Upload

beforeAll(async () => {
  app = await startTestApp()
  photo = { bytes: await img.jpeg(900, 900), name: 'a.jpg', type: 'image/jpeg' }
})
afterAll(async () => {
  await app?.close()
})

const me = (key: string) => fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } })
const keysOf = (user: TestUser) => app.db.select().from(apiKeys).where(eq(apiKeys.userId, user.id)).all()
const mailKinds = (user: TestUser) =>
  app.db
    .select({ kind: mailOutbox.kind })
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, user.email.toLowerCase()))
    .all()
    .map((m) => m.kind)

/** The confirmation page's one form: where it posts and what it carries. */
function confirmForm(html: string) {
  const form = /<form method="post" action="([^"]+)" class="form-actions">([\s\S]*?)<\/form>/.exec(html)
  return {
    action: form?.[1],
    confirm: /<input type="hidden" name="confirm" value="yes"\/>/.test(form?.[2] ?? ''),
    keep: /<a class="button button-secondary" href="([^"]+)">/.exec(form?.[2] ?? '')?.[1],
  }
}

describe('rotating the API key without JavaScript', () => {
  it('asks on a page first and changes nothing; the page’s button rotates', async () => {
    const user = await newUser(app)
    const keysBefore = keysOf(user)
    const mailsBefore = mailKinds(user)

    const unconfirmed: Record<string, string>[] = [{}, { confirm: 'no' }, { confirm: '' }]
    for (const fields of unconfirmed) {
      const res = await user.client.postForm('/account/api-key', fields)
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-store')
      const html = await res.text()
      expect(decodeHtml(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '')).toBe('Rotate your API key?')
      expect(html).toContain('The current key stops working at once')
      expect(confirmForm(html)).toEqual({ action: '/account/api-key', confirm: true, keep: '/account#api-key' })
      expect(html).not.toMatch(/lum_[A-Za-z0-9_-]{43}/) // no new key revealed
    }
    expect(keysOf(user)).toEqual(keysBefore)
    expect(mailKinds(user)).toEqual(mailsBefore) // no "your key was replaced" notice either
    expect((await me(user.apiKey)).status).toBe(200)
    // Nothing waits to be revealed on the account page.
    expect(await (await user.client.get('/account')).text()).not.toContain('data-testid="api-key-full"')

    const confirmed = await user.client.postForm('/account/api-key', { confirm: 'yes' })
    expect(confirmed.status).toBe(303)
    expect(confirmed.headers.get('location')).toBe('/account#api-key')
    expect((await me(user.apiKey)).status).toBe(401)
    expect(await (await user.client.get('/account')).text()).toContain('data-testid="api-key-full"')
  })

  it('the account page’s form sends the confirmation only through htmx, after its dialog', async () => {
    const user = await newUser(app)
    const html = await (await user.client.get('/account')).text()
    const form = /<form method="post" action="\/account\/api-key"[^>]*>/.exec(html)?.[0] ?? ''
    expect(form).toContain('hx-post="/account/api-key"')
    expect(decodeHtml(/hx-confirm="([^"]*)"/.exec(form)?.[1] ?? '')).toMatch(/^Rotate your API key\? The current key/)
    expect(JSON.parse(decodeHtml(/hx-vals="([^"]*)"/.exec(form)?.[1] ?? '{}'))).toEqual({ confirm: 'yes' })
    // The plain form itself carries no confirmation: without JavaScript the question page comes first.
    expect(/<form method="post" action="\/account\/api-key"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1]).not.toContain(
      'name="confirm"',
    )
  })
})

describe('deleting a brief without JavaScript', () => {
  it('asks on a page first and keeps the brief, its photo and files; the page’s button deletes', async () => {
    const user = await newUser(app)
    const { id } = await createBrief(user.client, photo, { productName: 'Kept Until Asked' })
    const files = imageFiles(app, user.id)
    expect(files.length).toBeGreaterThan(0)

    const res = await user.client.postForm(`/briefs/${id}/delete`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(decodeHtml(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '')).toBe('Delete this brief and its videos?')
    expect(confirmForm(html)).toEqual({ action: `/briefs/${id}/delete`, confirm: true, keep: `/briefs/${id}/edit` })
    expect(html).toContain('class="button button-danger"')
    expect(app.db.select().from(briefs).where(eq(briefs.id, id)).get()).toBeDefined()
    expect(imageFiles(app, user.id)).toEqual(files)

    const confirmed = await user.client.postForm(`/briefs/${id}/delete`, { confirm: 'yes' })
    expect(confirmed.status).toBe(303)
    expect(confirmed.headers.get('location')).toBe('/briefs?deleted=1')
    expect(app.db.select().from(briefs).where(eq(briefs.id, id)).get()).toBeUndefined()
    expect(imageFiles(app, user.id)).toEqual([])
  })

  it('asks only the brief’s owner: anyone else gets the same 404 as for no brief', async () => {
    const owner = await newUser(app)
    const other = await newUser(app)
    const { id } = await createBrief(owner.client, photo)
    const res = await other.client.postForm(`/briefs/${id}/delete`)
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('Delete this brief')
    expect(app.db.select().from(briefs).where(eq(briefs.id, id)).get()).toBeDefined()
  })

  it('with htmx, after the dialog: deleted, and htmx is sent on to the list (HX-Redirect)', async () => {
    const user = await newUser(app)
    const { id } = await createBrief(user.client, photo)
    const edit = await (await user.client.get(`/briefs/${id}/edit`)).text()
    const form = new RegExp(`<form method="post" action="/briefs/${id}/delete"[^>]*>`).exec(edit)?.[0] ?? ''
    expect(form).toContain(`hx-post="/briefs/${id}/delete"`)
    expect(decodeHtml(/hx-confirm="([^"]*)"/.exec(form)?.[1] ?? '')).toMatch(/^Delete this brief and its videos\? /)
    expect(JSON.parse(decodeHtml(/hx-vals="([^"]*)"/.exec(form)?.[1] ?? '{}'))).toEqual({ confirm: 'yes' })

    const res = await user.client.postForm(`/briefs/${id}/delete`, { confirm: 'yes' }, { 'hx-request': 'true' })
    expect(res.status).toBe(204)
    expect(res.headers.get('hx-redirect')).toBe('/briefs?deleted=1')
    expect(app.db.select().from(briefs).where(eq(briefs.id, id)).get()).toBeUndefined()
  })
})
