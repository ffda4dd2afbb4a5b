// Issue 23: the account page's copy button for a fresh API key works in a real browser under the
// CSP (static/copy-button.js), and the wrong-password deletion lands focused on its field.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium, screenshot, watchForProblems } from '../support/chromium.js'

let app: TestApp
let browser: Browser
beforeAll(async () => {
  app = await startTestApp()
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

describe('the account page in a browser (issue 23)', () => {
  it('copies a fresh key with its button, and brings a wrong deletion password back to its field', async () => {
    const { client } = await signUpUser(app)
    expect((await client.postForm('/account/api-key', { confirm: 'yes' })).status).toBe(303)
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url })
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: app.url })))
    const page = await context.newPage()
    const problems = watchForProblems(page)
    await page.goto(`${app.url}/account`)
    const key = await page.getByTestId('api-key-full').inputValue()
    const copy = page.getByTestId('copy-api-key')
    await expect.poll(() => copy.isVisible()).toBe(true)
    await copy.click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key)
    expect(await page.locator('[data-copy-said]').textContent()).toBe('Copied. Keep it somewhere safe.')
    await screenshot(page, 'pages-23/account-390')

    await page.locator('#delete-account summary').click()
    await page.getByLabel('Confirm with your password').fill('not my password')
    await page.getByRole('button', { name: 'Delete my account' }).click()
    await page.waitForURL(/\/account\/delete$/)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password')
    const field = (await page.locator('#password').boundingBox())!
    expect(field.y).toBeGreaterThanOrEqual(0)
    expect(field.y + field.height).toBeLessThanOrEqual(844)
    await screenshot(page, 'pages-23/account-delete-wrong-390')
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([])
    await context.close()
  })
})
