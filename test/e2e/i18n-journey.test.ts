import { eq } from 'drizzle-orm'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users, videos } from '../../db/schema.js'
import { catalogs } from '../../src/i18n/catalogs/index.js'
import { translator } from '../../src/i18n/translate.js'
import { DevMailbox, devMailDir } from '../../src/mail/transport.js'
import { failureColumns } from '../../src/render/reasons.js'
import { englishWords, htmlLang, visibleText } from '../i18n/scan.js'
import { GOOD_PASSWORD, signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { launchChromium } from '../support/chromium.js'
import * as img from '../support/images.js'
import { CLEAN, checkPage, type PageFindings, realProblems, screenshotIn } from '../support/page-checks.js'
import { briefInput, insertVideo, makeBrief, type RenderStack, startRenderStack } from '../support/render.js'

// Issue 21's proof in a real browser: a person whose browser asks for zh-CN goes from sign-up to
// a played video at 390 px, through the pages alone (the confirmation link from the local
// mailbox, the brief with its photo, the screenplay, Render video with the LibTV simulator, the
// player). Every page is axe clean with the checks every page gets, and has no English word left
// (the scanner of test/i18n/pages.test.ts). Screenshots: test-output/screenshots/i18n/.

let stack: RenderStack
let browser: Browser
let photo: Buffer

beforeAll(async () => {
  ;[stack, browser, photo] = await Promise.all([
    startRenderStack({ deliverMail: true }),
    launchChromium(),
    img.jpeg(900, 1200),
  ])
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const zh = translator('zh-CN')

// Terms Chinese text writes in Latin letters (as test/i18n/briefs-pages.test.ts allows them), the
// example colour, the local mailbox's SMTP_URL, and the test server's own host in a mail's sender.
const TERMS = [
  'MB',
  'UTC',
  'px',
  'kB',
  'LUFS',
  'JPEG',
  'PNG',
  'WebP',
  'GPS',
  '6A4CFF',
  'SMTP_URL',
  'no-reply',
  'localhost',
]

/**
 * English words in what the page shows. The person's own text is Chinese here, so nothing of
 * theirs is excepted; the screenplay's shot prompts are written in English for the video model
 * (the screenplay's text, not the page's words), so the textareas' contents are left out.
 */
async function englishOn(page: Page): Promise<string[]> {
  const html = await page.content()
  expect(htmlLang(html)).toBe('zh-CN')
  const shown = html.replace(/(<textarea\b[^>]*>)[\s\S]*?<\/textarea>/g, '$1</textarea>')
  return englishWords(visibleText(shown), TERMS)
}

// The journey and the two locales' every-page checks run at once (describe.concurrent): the pages
// are checked while the journey waits for its render. Each has its own people, and the every-page
// checks an app of their own.
describe.concurrent('the first video in zh-CN on a phone', () => {
  it('sign-up → confirm from the local mailbox → brief with photo → screenplay → render → the video plays', {
    timeout: 240_000,
  }, async () => {
    const app = stack.app
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      extraHTTPHeaders: { 'accept-language': 'zh-CN,zh;q=0.9' },
    })
    const page = await context.newPage()
    const problems = realProblems(page)
    const findings: Record<string, PageFindings> = {}
    const english: Record<string, string[]> = {}
    // Each page checked as a fresh visit (keyboard focus from the top), then the journey goes on.
    const step = async (name: string, reload = true) => {
      // Without the #main the previous page's skip link added (a fresh visit starts at the top).
      if (reload) await page.goto(page.url().replace(/#.*$/, ''))
      await screenshotIn(page, 'i18n', `zh-CN-phone-journey-${name}`)
      findings[name] = await checkPage(page)
      english[name] = await englishOn(page)
    }

    await page.goto(`${app.url}/signup`)
    await step('signup', false)
    await page.locator('input[name="email"]').fill('zh.journey@example.com')
    await page.locator('input[name="password"]').fill(GOOD_PASSWORD)
    await page.getByRole('checkbox').check()
    await page.getByRole('button', { name: zh.t('signup.submit') }).click()
    await page.getByRole('heading', { name: zh.t('inbox.title') }).waitFor()
    await step('check-inbox', false)

    // The local mailbox, then the mail (in the account's language), then its link.
    const linkWords = /<link>(.+)<\/link>/.exec(catalogs['zh-CN']['inbox.devMail'])?.[1] ?? ''
    await page.getByRole('link', { name: linkWords }).click()
    const newest = page.getByRole('link', { name: zh.t('mail.confirmSignUp.subject') }).first()
    for (let i = 0; i < 50 && (await newest.count()) === 0; i++) {
      await new Promise((r) => setTimeout(r, 100))
      await page.reload()
    }
    await step('mailbox', false)
    await newest.click()
    await step('mail', false)
    const href = await page.getByRole('link', { name: /\/confirm-email\?token=/ }).getAttribute('href')
    const link = new URL(href ?? '')
    await page.goto(new URL(link.pathname + link.search, page.url()).toString())
    await step('confirm', false)
    await page.locator('input[name="password"]').fill(GOOD_PASSWORD)
    await page.getByRole('button', { name: zh.t('confirm.submit') }).click()
    await page.waitForURL('**/?welcome=1')
    await step('home')

    await page
      .getByRole('link', { name: zh.t('home.makeVideo') })
      .first()
      .click()
    await page.waitForURL('**/briefs/new')
    await step('brief-new')
    await page.getByLabel(zh.t('briefs.form.photoLabel')).setInputFiles({
      name: 'lamp.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    })
    await page.locator('#photo-preview img').waitFor()
    await page.getByLabel(zh.t('briefs.form.productName')).fill('口袋露营灯')
    await page.getByLabel(zh.t('briefs.form.description')).fill('一盏可折叠的灯，充一次电能照亮帐篷三个晚上。')
    await page.getByLabel(zh.t('briefs.form.sellingPoint', { n: 1 })).fill('充一次电用三晚')
    await page.getByLabel(zh.t('briefs.form.audience')).fill('露营和骑行爱好者')
    // The caption language is among the choices with a default, under "More options".
    await page.getByText(zh.t('pages.brief.moreOptions')).click()
    await page.getByLabel(zh.t('briefs.form.language')).selectOption('zh-CN')
    await page.getByLabel(zh.t('briefs.form.callToAction')).fill('带上它出发')
    await screenshotIn(page, 'i18n', 'zh-CN-phone-journey-brief-filled')
    english['brief-filled'] = await englishOn(page)
    await page.getByRole('button', { name: zh.t('briefs.form.submitNew') }).click()
    await page.waitForURL(/\/briefs\/[0-9a-f-]{36}\/screenplay$/)
    await step('screenplay')

    await page.getByRole('button', { name: zh.t('briefs.screenplay.render') }).click()
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/)
    await step('progress')

    // The page updates itself and shows the player when the video is done.
    const player = page.locator('video[data-testid="player"]')
    await player.waitFor({ timeout: 150_000 })
    await step('finished')
    expect((await playToEnd(player)).ended).toBe(true)
    await page.goto(`${app.url}/videos`)
    await step('library', false)

    expect(english).toEqual(Object.fromEntries(Object.keys(english).map((k) => [k, []])))
    expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((k) => [k, CLEAN])))
    expect(problems()).toEqual([])
    await context.close()
  })
})

/** Plays the video from near its end (to keep the test short) until it ends. */
function playToEnd(player: Locator): Promise<{ ended: boolean; duration: number }> {
  return player.evaluate(async (el) => {
    const video = el as HTMLVideoElement
    if (video.readyState < 1) await new Promise((r) => video.addEventListener('loadedmetadata', r, { once: true }))
    video.muted = true
    video.currentTime = Math.max(0, video.duration - 0.6)
    await video.play()
    await new Promise((r) => video.addEventListener('ended', r, { once: true }))
    return { ended: video.ended, duration: video.duration }
  })
}

// Every signed-in page of the product in both Chinese locales, at a phone's and a desktop's
// width: the checks every page gets, no sideways scroll, no button or label whose words overflow
// it, no English word left; screenshots for a person to look at (test-output/screenshots/i18n/).
// The signed-out pages, the policy, the terms and /docs/api are in test/e2e/i18n.test.ts and
// i18n-legal.test.ts; the account pages in i18n-account.test.ts.
const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const

for (const locale of ['zh-CN', 'zh-HK'] as const) {
  describe.concurrent(`every signed-in page in ${locale}`, () => {
    it('fits at 390 and 1280 px, passes every page check and says nothing in English', {
      timeout: 240_000,
    }, async () => {
      // An app of its own: the journey's delivers mail while signUpUser reads the outbox.
      const app = await startTestApp()
      try {
        await everyPage(app, locale)
      } finally {
        await app.close()
      }
    })
  })
}

async function everyPage(app: TestApp, locale: 'zh-CN' | 'zh-HK') {
  const client = new BrowserClient(app.url, app.url, { 'accept-language': locale })
  const { email } = await signUpUser(app, uniqueEmail(`zh-pages-${locale.toLowerCase()}`), GOOD_PASSWORD, client)
  const id = app.db.select().from(users).where(eq(users.email, email)).get()!.id
  const product = locale === 'zh-CN' ? '极光耳机' : '極光耳機'
  const project = await makeBrief(app, id, { productName: product, language: 'zh-CN' })
  const video = (status: 'done' | 'failed' | 'rendering') =>
    insertVideo(app, id, project, { status, title: product }).id
  // A mail in the local mailbox, in the account's language, as the outbox writes it.
  await new DevMailbox(devMailDir(app.dataDir)).send({
    from: 'hello@lumina.example',
    to: email,
    kind: 'test',
    subject: translator(locale).t('mail.confirmSignUp.subject'),
    text: translator(locale).t('mail.confirmSignUp.body', { product: 'Lumina.AI' }),
    html: '',
  })
  const mailId = /href="\/dev\/mail\/([^"?]+)"/.exec(await (await client.get('/dev/mail')).text())?.[1]
  // A failure as the renderer records it (the stand-in's own sentence is not one it writes).
  const failed = video('failed')
  const reason = failureColumns('Shot 2 could not be rendered: The video service refused the request.')
  app.db.update(videos).set(reason).where(eq(videos.id, failed)).run()
  const pages = {
    home: '/',
    briefs: '/briefs',
    'brief-new': '/briefs/new',
    'brief-edit': `/briefs/${project.briefId}/edit`,
    screenplay: `/briefs/${project.briefId}/screenplay`,
    library: '/videos',
    'video-done': `/videos/${video('done')}`,
    'video-failed': `/videos/${failed}`,
    'video-rendering': `/videos/${video('rendering')}`,
    mailbox: '/dev/mail',
    mail: `/dev/mail/${mailId}`,
    'not-found': '/no-such-page',
  }
  const findings: Record<string, PageFindings> = {}
  const english: Record<string, string[]> = {}
  const fit: Record<string, { sideways: boolean; clipped: string[] }> = {}
  for (const size of WIDTHS) {
    const context = await browser.newContext({
      locale,
      viewport: { width: size.width, height: size.height },
      extraHTTPHeaders: { 'accept-language': locale },
    })
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: app.url })))
    const page = await context.newPage()
    for (const [name, path] of Object.entries(pages)) {
      const at = `${size.name} ${name}`
      await page.goto(`${app.url}${path}`)
      await page.waitForLoadState('load')
      await screenshotIn(page, 'i18n', `${locale}-${size.name}-${name}`)
      fit[at] = await page.evaluate(() => ({
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        clipped: [...document.querySelectorAll<HTMLElement>('.button, button, label, th, summary')]
          // A screen reader's words (the editor's hidden Save, first for the Enter key) are clipped on purpose.
          .filter((el) => !el.closest('.visually-hidden') && el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent?.trim() ?? '')
          // A closed select shows its chosen option and does not scroll: one narrower than it
          // would be unconstrained (its widest option and its arrow) cuts some option's words off.
          .concat(
            [...document.querySelectorAll('select')].flatMap((select) => {
              const free = select.cloneNode(true) as HTMLSelectElement
              free.style.cssText = 'position:absolute;visibility:hidden;width:auto;max-width:none;min-width:0'
              document.body.append(free)
              const natural = free.offsetWidth
              free.remove()
              return natural > select.offsetWidth + 1
                ? [`${select.name}: ${select.options[select.selectedIndex]?.text}`]
                : []
            }),
          ),
      }))
      findings[at] = await checkPage(page)
      const html = (await page.content()).replace(/(<textarea\b[^>]*>)[\s\S]*?<\/textarea>/g, '$1</textarea>')
      expect(htmlLang(html), at).toBe(locale)
      // The stand-in captions, the failed video's stored reason and the brief's selling points
      // (English as typed: a Chinese caption may quote a point as the person wrote it) are the
      // test's own words.
      const brief = briefInput()
      const theirs = [...(brief.sellingPoints as string[]), brief.callToAction, 'Caption', 'Aura X2 Headphones']
      english[at] = englishWords(visibleText(html), [...TERMS, ...theirs])
    }
    await context.close()
  }
  expect(fit).toEqual(Object.fromEntries(Object.keys(fit).map((k) => [k, { sideways: false, clipped: [] }])))
  expect(english).toEqual(Object.fromEntries(Object.keys(english).map((k) => [k, []])))
  expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((k) => [k, CLEAN])))
}
