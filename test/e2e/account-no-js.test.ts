// The account lifecycle as a person on `make run` meets it, with JavaScript off and on a phone:
// sign up and confirm through the local mailbox, change the password, change the email (confirmed
// from the mailbox), forget the password and reset it, download everything, delete the account.
import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GOOD_PASSWORD } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium, screenshot } from '../support/chromium.js'
import { realProblems, signUpThroughPages } from '../support/page-checks.js'

let app: TestApp
let browser: Browser

beforeAll(async () => {
  ;[app, browser] = await Promise.all([startTestApp({}, undefined, {}, { deliverMail: true }), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

/** Opens the local mailbox and waits for a mail whose subject matches; returns its link in the list. */
async function waitForMail(page: Page, subject: RegExp) {
  await page.goto(`${app.url}/dev/mail`)
  const newest = page.getByRole('link', { name: subject }).first()
  for (let i = 0; i < 50 && (await newest.count()) === 0; i++) {
    await new Promise((r) => setTimeout(r, 100))
    await page.reload()
  }
  return newest
}

/** Opens the newest mail whose subject matches in the local mailbox, and follows its link. */
async function followNewestMail(page: Page, subject: RegExp): Promise<void> {
  await (await waitForMail(page, subject)).click()
  const href = await page
    .getByRole('link', { name: /token=/ })
    .first()
    .getAttribute('href')
  const link = new URL(href ?? '')
  await page.goto(new URL(link.pathname + link.search, app.url).toString())
}

describe('the account lifecycle without JavaScript, at 390 px', () => {
  it('signs up, changes password and email, resets a forgotten password, exports a ZIP and deletes the account', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      acceptDownloads: true,
    })
    const page = await context.newPage()
    const problems = realProblems(page)
    const shot = (name: string) => screenshot(page, `account-no-js/${name}`)

    await signUpThroughPages(page, app, 'lifecycle@example.com', GOOD_PASSWORD)
    await shot('welcome-home')

    // Change the password from the account page.
    await page.goto(`${app.url}/account`)
    await page.locator('#currentPassword').fill(GOOD_PASSWORD)
    await page.locator('#newPassword').fill('a second long passphrase')
    await page.getByRole('button', { name: 'Change password' }).click()
    await page.waitForURL('**/account?done=password-changed')
    expect(await page.getByRole('status').textContent()).toContain('Your password was changed')
    await shot('password-changed')

    // Change the email: nothing changes until the link mailed to the new address is followed.
    await page.getByLabel('New email').fill('lifecycle.moved@example.com')
    await page.locator('#email-current-password').fill('a second long passphrase')
    await page.getByRole('button', { name: 'Send confirmation link' }).click()
    await page.waitForURL('**/account?done=email-sent')
    expect(await page.getByTestId('account-email').textContent()).toBe('lifecycle@example.com')
    await followNewestMail(page, /Confirm your new email/)
    await shot('email-change-confirm')
    await page.getByRole('button', { name: 'Use this address' }).click()
    await page.waitForURL('**/account?done=email-changed')
    expect(await page.getByTestId('account-email').textContent()).toBe('lifecycle.moved@example.com')

    // Sign out, forget the password, reset it from the mailed link.
    await page.getByRole('button', { name: 'Sign out', exact: true }).first().click()
    await page.goto(`${app.url}/signin`)
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await page.getByLabel('Email').fill('lifecycle.moved@example.com')
    await page.getByRole('button', { name: 'Mail me a link' }).click()
    // The forgot-password inbox page has its own words (issue 23), not the sign-up page's.
    await page.getByRole('heading', { name: 'Look for the reset link' }).waitFor()
    await shot('reset-check-inbox')
    await followNewestMail(page, /Reset your password/)
    await page.getByLabel('New password').fill('the third passphrase here')
    await shot('reset-form')
    await page.getByRole('button', { name: 'Save the new password' }).click()
    await page.waitForURL('**/account?done=password-reset')

    // Download everything: a plain link, so it works without script.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download everything (ZIP)' }).click(),
    ])
    const zip = await fs.promises.readFile((await download.path())!)
    expect(zip.subarray(0, 2).toString()).toBe('PK')
    expect(zip.toString('latin1')).toContain('lumina-export.json')

    // Delete: the danger zone is a <details>, which opens without script.
    await page.getByText('Delete my account', { exact: true }).first().click()
    await page.getByLabel('Confirm with your password').fill('the third passphrase here')
    await shot('delete')
    await page.getByRole('button', { name: 'Delete my account' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    expect(await page.getByRole('status').textContent()).toContain('deleted')

    // The last mail arrived; signing in no longer works.
    expect(await (await waitForMail(page, /Your account was deleted/)).count()).toBe(1)
    await page.goto(`${app.url}/signin`)
    await page.getByLabel('Email').fill('lifecycle.moved@example.com')
    await page.getByLabel('Password').fill('the third passphrase here')
    await page.getByRole('button', { name: 'Sign in' }).click()
    expect(await page.getByRole('alert').textContent()).toContain('do not match an account')
    expect(problems().filter((p) => !p.includes('422'))).toEqual([])
    await context.close()
  }, 120_000)
})
