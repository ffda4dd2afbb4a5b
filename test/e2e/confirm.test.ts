// Issue 20: rotating the API key and deleting a brief ask first, in a real browser. With
// JavaScript htmx asks in a dialog, and a "no" sends nothing; without it the plain form post gets
// a page with the question, whose button goes on and whose link goes back with nothing changed.
import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiKeys, briefs, users } from '../../db/schema.js'
import { GOOD_PASSWORD } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium } from '../support/chromium.js'
import {
  CLEAN,
  checkPage,
  type PageFindings,
  realProblems,
  screenshotIn,
  signUpThroughPages,
} from '../support/page-checks.js'
import { makeBrief } from '../support/render.js'

let app: TestApp
let browser: Browser

beforeAll(async () => {
  ;[app, browser] = await Promise.all([startTestApp({}, undefined, {}, { deliverMail: true }), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const SIZES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const

const userId = (email: string) => app.db.select().from(users).where(eq(users.email, email)).get()!.id
const keyHashes = (id: string) =>
  app.db
    .select({ hash: apiKeys.keyHash })
    .from(apiKeys)
    .where(eq(apiKeys.userId, id))
    .all()
    .map((k) => k.hash)
const briefExists = (id: string) => app.db.select().from(briefs).where(eq(briefs.id, id)).get() !== undefined

/** The POSTs the page sends to `path` from now on. */
function postsTo(page: Page, path: string): () => number {
  let n = 0
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === path) n++
  })
  return () => n
}

describe('asking before a one-click action', () => {
  it('with JavaScript: a dialog; "Cancel" sends nothing and changes nothing, "OK" goes on', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const problems = realProblems(page)
    const email = 'dialog@example.com'
    await signUpThroughPages(page, app, email, GOOD_PASSWORD)
    const id = userId(email)
    const dialogs: string[] = []
    let answer: 'accept' | 'dismiss' = 'dismiss'
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`)
      void (answer === 'accept' ? dialog.accept() : dialog.dismiss())
    })

    // Rotate key, then Cancel in the dialog. (The first visit reveals the key made at sign-up.)
    await page.goto(`${app.url}/account`)
    await page.reload()
    const rotations = postsTo(page, '/account/api-key')
    const keys = keyHashes(id)
    const prefix = await page.getByTestId('api-key-prefix').textContent()
    await page.getByRole('button', { name: 'Rotate key' }).click()
    await page.waitForTimeout(500) // time for a request that should not be sent
    expect(dialogs).toEqual([
      'confirm: Rotate your API key? The current key stops working at once: every script or server that uses it fails until you give it the new key.',
    ])
    expect(rotations()).toBe(0)
    expect(keyHashes(id)).toEqual(keys)
    expect(await page.getByTestId('api-key-prefix').textContent()).toBe(prefix)
    expect(await page.getByTestId('api-key-full').count()).toBe(0)

    // Again, and OK: the new key is swapped in on the same page.
    answer = 'accept'
    await page.getByRole('button', { name: 'Rotate key' }).click()
    await page.getByTestId('api-key-full').waitFor()
    expect(rotations()).toBe(1)
    expect(keyHashes(id)).not.toEqual(keys)
    expect(new URL(page.url()).pathname).toBe('/account')

    // Delete a brief, then Cancel in the dialog.
    const { briefId } = await makeBrief(app, id, { productName: 'Asked First' })
    await page.goto(`${app.url}/briefs/${briefId}/edit`)
    const deletions = postsTo(page, `/briefs/${briefId}/delete`)
    answer = 'dismiss'
    await page.getByText('Delete this brief', { exact: true }).click() // opens the danger zone
    await page.getByRole('button', { name: 'Delete brief' }).click()
    await page.waitForTimeout(500)
    expect(dialogs.at(-1)).toMatch(/^confirm: Delete this brief and its videos\? This deletes the brief/)
    expect(deletions()).toBe(0)
    expect(briefExists(briefId)).toBe(true)
    expect(new URL(page.url()).pathname).toBe(`/briefs/${briefId}/edit`)

    // Again, and OK: deleted, and on to the list that says so.
    answer = 'accept'
    await page.getByRole('button', { name: 'Delete brief' }).click()
    await page.waitForURL('**/briefs?deleted=1')
    expect(deletions()).toBe(1)
    expect(briefExists(briefId)).toBe(false)
    expect(await page.getByRole('status').textContent()).toBe('The brief was deleted.')
    expect(dialogs).toHaveLength(4)
    expect(problems()).toEqual([])
    await context.close()
  }, 60_000)

  it('without JavaScript: a page with the question (photographed at 1280 and 390 px); going back changes nothing', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const problems = realProblems(page)
    const email = 'no-dialog@example.com'
    await signUpThroughPages(page, app, email, GOOD_PASSWORD)
    const id = userId(email)
    const { briefId } = await makeBrief(app, id, { productName: 'Asked On A Page' })

    // Rotate key: the question page; "Keep my current key" goes back with the key unchanged.
    await page.goto(`${app.url}/account`)
    await page.reload() // past the one reveal of the key made at sign-up
    const keys = keyHashes(id)
    await page.getByRole('button', { name: 'Rotate key' }).click()
    await page.getByRole('heading', { level: 1, name: 'Rotate your API key?' }).waitFor()
    expect(keyHashes(id)).toEqual(keys)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await screenshotIn(page, 'confirm', `${size.name}-rotate-key`)
    }
    await page.getByRole('link', { name: 'Keep my current key' }).click()
    await page.waitForURL('**/account#api-key')
    expect(keyHashes(id)).toEqual(keys)
    expect(await page.getByTestId('api-key-full').count()).toBe(0)

    // Again, and the page's button: rotated, the new key shown once.
    await page.getByRole('button', { name: 'Rotate key' }).click()
    await page.getByRole('button', { name: 'Rotate key' }).click()
    await page.waitForURL('**/account#api-key')
    expect(await page.getByTestId('api-key-full').inputValue()).toMatch(/^lum_/)
    expect(keyHashes(id)).not.toEqual(keys)

    // Delete a brief: the question page; "Keep the brief" goes back to its form, the brief kept.
    await page.goto(`${app.url}/briefs/${briefId}/edit`)
    await page.getByText('Delete this brief', { exact: true }).click()
    await page.getByRole('button', { name: 'Delete brief' }).click()
    await page.getByRole('heading', { level: 1, name: 'Delete this brief and its videos?' }).waitFor()
    expect(briefExists(briefId)).toBe(true)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await screenshotIn(page, 'confirm', `${size.name}-delete-brief`)
    }
    await page.getByRole('link', { name: 'Keep the brief' }).click()
    await page.waitForURL(`**/briefs/${briefId}/edit`)
    expect(briefExists(briefId)).toBe(true)

    await page.getByText('Delete this brief', { exact: true }).click()
    await page.getByRole('button', { name: 'Delete brief' }).click()
    await page.getByRole('button', { name: 'Delete brief' }).click()
    await page.waitForURL('**/briefs?deleted=1')
    expect(briefExists(briefId)).toBe(false)
    expect(problems()).toEqual([])
    await context.close()
  }, 60_000)

  // The checks run script in the page (axe-core), so this browser has JavaScript; each form is
  // sent with form.submit(), which skips htmx as a browser without script does.
  it('the question pages pass the page checks at 1280 and 390 px', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const problems = realProblems(page)
    const email = 'question-pages@example.com'
    await signUpThroughPages(page, app, email, GOOD_PASSWORD)
    const { briefId } = await makeBrief(app, userId(email))
    const findings: Record<string, PageFindings> = {}
    for (const [name, from, action] of [
      ['rotate-key', '/account', '/account/api-key'],
      ['delete-brief', `/briefs/${briefId}/edit`, `/briefs/${briefId}/delete`],
    ] as const) {
      for (const size of SIZES) {
        await page.setViewportSize(size)
        await page.goto(app.url + from)
        await page.evaluate((a) => document.querySelector<HTMLFormElement>(`form[action="${a}"]`)!.submit(), action)
        await page.waitForURL(app.url + action)
        findings[`${size.name} ${name}`] = await checkPage(page)
      }
    }
    expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((k) => [k, CLEAN])))
    expect(briefExists(briefId)).toBe(true)
    expect(problems()).toEqual([])
    await context.close()
  }, 60_000)
})
