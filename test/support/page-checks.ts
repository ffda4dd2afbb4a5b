import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { projectPath } from '../../src/paths.js'
import type { TestApp } from './app.js'
import { confirmInBrowser, SCREENSHOT_DIR, watchForProblems } from './chromium.js'

// What every page must be for everyone (issue 14): one h1, a skip link, visible keyboard focus,
// labelled fields, no serious axe-core finding (colour contrast included), no sideways scrolling,
// and tap targets of at least 44 px. The checks read the page as a browser lays it out.

const axeSource = fs.readFileSync(projectPath('node_modules/axe-core/axe.min.js'), 'utf8')

/** The smallest side a finger must be able to hit (WCAG 2.5.5, Apple's and Google's guidance). */
export const MIN_TAP = 44

export type PageFindings = {
  h1Count: number
  axe: string[]
  overflow: { scrollWidth: number; innerWidth: number } | null
  smallTargets: string[]
  skipLink: string | null
  unfocusable: string[]
}

/**
 * axe-core's serious and critical violations. The page's CSP rightly refuses an injected inline
 * script, so axe is evaluated through the DevTools protocol, as Playwright's own helpers are.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  return page.evaluate(async () => {
    type Axe = {
      run(
        ctx: Document,
        opts: object,
      ): Promise<{
        violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]
      }>
    }
    const axe = (window as unknown as { axe: Axe }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
}

/**
 * Controls in the main content smaller than MIN_TAP either way. Links inside a sentence are
 * exempt (WCAG's inline exception): their line of text sets their height.
 */
export async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary'
    const found: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>(`main ${selector}`)) {
      if (el.closest('.visually-hidden') || el.tabIndex < 0) continue
      const box = el.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue // not shown (a closed <details>)
      const input = el as HTMLInputElement
      // A checkbox is pressed through its label, which wraps it.
      const target = input.type === 'checkbox' || input.type === 'radio' ? (el.closest('label') ?? el) : el
      const rect = target.getBoundingClientRect()
      if (el.tagName === 'A') {
        const parentText = (el.parentElement?.textContent ?? '').replace(/\s+/g, ' ').trim()
        const ownText = (el.textContent ?? '').replace(/\s+/g, ' ').trim()
        if (parentText !== ownText && getComputedStyle(el).display === 'inline') continue
      }
      if (rect.height < min - 0.5 || rect.width < min - 0.5) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('name') ?? '').trim()
        found.push(
          `${el.tagName.toLowerCase()} "${name.slice(0, 40)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`,
        )
      }
    }
    return found
  }, MIN_TAP)
}

/**
 * The keyboard: the first Tab must reach a visible skip link whose Enter moves focus into <main>;
 * then every control of the page, focused in turn, must show a focus ring. Returns what failed.
 */
export async function keyboardFocus(page: Page): Promise<{ skipLink: string | null; unfocusable: string[] }> {
  await page.evaluate(() => {
    ;(document.activeElement as HTMLElement | null)?.blur()
    window.scrollTo(0, 0)
  })
  await page.keyboard.press('Tab')
  const first = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    const box = el?.getBoundingClientRect()
    return {
      text: (el?.textContent ?? '').trim().slice(0, 40),
      href: el?.getAttribute('href') ?? null,
      onScreen: !!box && box.bottom > 0 && box.top < window.innerHeight && box.width > 0,
    }
  })
  let skipLink: string | null = null
  if (first.href !== '#main' || !first.onScreen) {
    skipLink = `the first Tab reached "${first.text}" (${first.href}), not a visible skip link`
  } else {
    await page.keyboard.press('Enter')
    const inMain = await page.evaluate(() => document.activeElement?.tagName === 'MAIN')
    if (!inMain) skipLink = 'the skip link does not move focus to <main>'
  }
  // After a key press, focusing a control from script shows the ring a Tab would (:focus-visible).
  const unfocusable = await page.evaluate(() => {
    const selector =
      'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea, summary, [tabindex="0"]'
    const missing: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.tabIndex < 0) continue
      el.focus()
      if (document.activeElement !== el) continue // not focusable as shown (inside a closed <details>)
      const style = getComputedStyle(el)
      const ring =
        el.matches(':focus-visible') && style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2
      if (!ring)
        missing.push(
          `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('name') || '').trim().slice(0, 40)}"`,
        )
    }
    ;(document.activeElement as HTMLElement | null)?.blur()
    return missing
  })
  return { skipLink, unfocusable }
}

/** Every check of this file on the page as it is now. */
export async function checkPage(page: Page): Promise<PageFindings> {
  const h1Count = await page.locator('h1').count()
  const overflow = await page.evaluate(() => {
    const scrollWidth = document.scrollingElement?.scrollWidth ?? 0
    return scrollWidth > window.innerWidth ? { scrollWidth, innerWidth: window.innerWidth } : null
  })
  const axe = await axeViolations(page)
  const smallTargets = await smallTapTargets(page)
  const { skipLink, unfocusable } = await keyboardFocus(page)
  return { h1Count, axe, overflow, smallTargets, skipLink, unfocusable }
}

/** What a clean page's findings are, to compare with toEqual (the diff names what is wrong). */
export const CLEAN: PageFindings = {
  h1Count: 1,
  axe: [],
  overflow: null,
  smallTargets: [],
  skipLink: null,
  unfocusable: [],
}

/** A full-page screenshot under test-output/screenshots/<folder>/ (git-ignored), for a person to look at. */
export async function screenshotIn(page: Page, folder: string, name: string): Promise<string> {
  const dir = path.join(SCREENSHOT_DIR, folder)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.png`)
  // Playwright's screenshot leaves style="" on inputs (it hides the caret), which an htmx swap
  // would then copy and the CSP refuse: callers reload before using the page again.
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/**
 * Sign-up as a person does it, through the pages. One place, so the steps a new account takes
 * (e.g. confirming the email) change here only. Ends signed in.
 */
export async function signUpThroughPages(page: Page, app: TestApp, email: string, password: string): Promise<void> {
  await page.goto(`${app.url}/signup`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('checkbox').check()
  await page.getByRole('button', { name: 'Create account' }).click()
  await confirmInBrowser(page, email, password)
}

/**
 * Console errors, page errors and failed requests (a CSP violation, a missing asset), except
 * requests the browser itself abandoned (ERR_ABORTED: a poll or a video preload cut short by
 * the next navigation). Call the result to read them.
 */
export function realProblems(page: Page): () => string[] {
  const problems = watchForProblems(page)
  const aborted = new Set<string>()
  page.on('requestfailed', (req) => {
    if (req.failure()?.errorText === 'net::ERR_ABORTED') aborted.add(`request failed: ${req.url()}`)
  })
  return () => problems.filter((p) => !aborted.has(p))
}
