import fs from 'node:fs'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOT_DIR = path.resolve('test-output/screenshots')

/** Debian's chromium, with the flags that keep it off the network; playwright gives it a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Collects console errors and failed requests, so CSP violations fail the test. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`))
  return problems
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/**
 * After "Create account": the "check your inbox" page links to the local mailbox (no SMTP_URL in
 * tests); open the newest mail, follow its link and press the one button, as a person would.
 */
export async function confirmInBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor()
  // JavaScript may be off: everything here is plain links and forms.
  await page.getByRole('link', { name: 'open the local mailbox' }).click()
  // This address's mail: another sign-up's may already be there, and this one not yet (its mail
  // is sent after the answer), so "the newest" could be someone else's, its link already used.
  const newest = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: email, exact: true }) })
    .getByRole('link', { name: /Confirm your email/ })
    .first()
  for (let i = 0; i < 50 && (await newest.count()) === 0; i++) {
    await new Promise((r) => setTimeout(r, 100))
    await page.reload()
  }
  await newest.click()
  // Mailed links use BASE_URL; the test server listens on a port chosen at start, so keep the path.
  const href = await page.getByRole('link', { name: /\/confirm-email\?token=/ }).getAttribute('href')
  const link = new URL(href ?? '')
  await page.goto(new URL(link.pathname + link.search, page.url()).toString())
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Confirm and sign in' }).click()
  await page.waitForURL('**/?welcome=1')
}
