// Issue 23, "small but seen": the navigation marks the current page, breadcrumbs end on the page's
// name, the confirmation page says why it asks for the password, the forgot-password inbox page has
// its own words, and the plan wall says how to get more videos (or when the quota resets).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { submitRender } from '../../src/render/submit.js'
import { decodeHtml } from '../briefs/helpers.js'
import { mailedLink, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { insertVideo, makeBrief, newRenderUser, postRender, type RenderUser } from '../support/render.js'

let app: TestApp
let alice: RenderUser

beforeAll(async () => {
  app = await startTestApp({
    PLAN_UPGRADE_URL: 'https://plans.example.com/upgrade',
    PLAN_CONTACT_EMAIL: 'sales@example.com',
  })
  alice = await newRenderUser(app, 'free')
})
afterAll(async () => {
  await app?.close()
})

/** The site navigation's links with their aria-current. */
function navLinks(html: string) {
  const nav = /<nav class="nav" aria-label="Site">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? ''
  return [...nav.matchAll(/<a href="([^"]+)"(?: aria-current="([^"]+)")?/g)].map((m) => ({ href: m[1], current: m[2] }))
}

function text(html: string): string {
  return decodeHtml(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

describe('the navigation shows where the person is', () => {
  it('marks its own page aria-current="page" and a page inside a section "true"; the others not', async () => {
    const project = await makeBrief(app, alice.id)
    const video = insertVideo(app, alice.id, project, { title: 'Lamp', status: 'done' })
    expect(navLinks(await (await alice.client.get('/videos')).text())).toEqual([
      { href: '/briefs', current: undefined },
      { href: '/videos', current: 'page' },
      { href: '/account', current: undefined },
    ])
    expect(navLinks(await (await alice.client.get(`/videos/${video.id}`)).text())).toEqual([
      { href: '/briefs', current: undefined },
      { href: '/videos', current: 'true' },
      { href: '/account', current: undefined },
    ])
    const account = navLinks(await (await alice.client.get('/account')).text())
    expect(account.find((l) => l.href === '/account')?.current).toBe('page')
    // Signed out: the sign-in page marks its own link.
    const visitor = new BrowserClient(app.url)
    const signin = navLinks(await (await visitor.get('/signin')).text())
    expect(signin.find((l) => l.href === '/signin')?.current).toBe('page')
  })

  it('gives the current link a visible style, not only an attribute', async () => {
    const css = await (await fetch(`${app.url}/static/app.css`)).text()
    expect(css).toMatch(/\.nav a\[aria-current\]\s*\{[^}]*text-decoration: underline/)
  })
})

describe("a video page's breadcrumbs", () => {
  it("link to the library and end on the video's name, with no separator after it", async () => {
    const project = await makeBrief(app, alice.id)
    const video = insertVideo(app, alice.id, project, { title: 'Halo desk lamp', status: 'done' })
    const html = await (await alice.client.get(`/videos/${video.id}`)).text()
    const crumbs = /<nav class="breadcrumbs"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? ''
    expect(crumbs).toContain('<a href="/videos">My videos</a>')
    expect(crumbs).toMatch(/<li aria-current="page">Halo desk lamp<\/li>\s*<\/ol>$/)
    // The separator is drawn by CSS between items: no literal › left dangling in the markup.
    expect(crumbs).not.toContain('›')
  })
})

describe('the pages a mailed link leads to', () => {
  it('the confirmation page says why it asks for the password again', async () => {
    const client = new BrowserClient(app.url)
    const email = uniqueEmail('why')
    await client.postForm('/signup', { email, password: 'correct horse battery staple', ageConfirmed: 'yes' })
    const link = new URL(mailedLink(app, email, 'confirm-signup'))
    const page = text(await (await client.get(`${link.pathname}${link.search}`)).text())
    expect(page).toContain('We ask for it so that only the person who signed up can finish')
  })

  it('"check your inbox" after forgot-password has its own words, and "ask again" goes back to forgot-password', async () => {
    const client = new BrowserClient(app.url)
    const html = await (await client.postForm('/password/forgot', { email: alice.email })).text()
    expect(html).toContain('<h1>Look for the reset link</h1>')
    const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? ''
    expect(main).toContain('<a href="/password/forgot">ask for a new link</a>')
    expect(main).not.toContain('href="/signup"')
  })

  it('the sign-up inbox page still offers to start again at sign-up', async () => {
    const client = new BrowserClient(app.url)
    const html = await (
      await client.postForm('/signup', {
        email: uniqueEmail('again'),
        password: 'correct horse battery staple',
        ageConfirmed: 'yes',
      })
    ).text()
    expect(html).toContain('<h1>Check your inbox</h1>')
    expect(html).toContain('<a href="/signup">start again</a>')
  })
})

describe('the plan wall', () => {
  async function usedUp(target: TestApp) {
    const user = await newRenderUser(target, 'free')
    const project = await makeBrief(target, user.id)
    for (let i = 0; i < 3; i++) submitRender(target.db, user.id, project.screenplayId, 'kling-v2-1')
    return { user, project }
  }

  it("links the operator's upgrade page and contact, and says when the quota resets", async () => {
    const { user, project } = await usedUp(app)
    const res = await postRender(user.client, project.screenplayId)
    expect(res.status).toBe(403)
    const html = await res.text()
    expect(html).toContain('<a class="button" href="https://plans.example.com/upgrade">Get more videos</a>')
    expect(html).toContain('<a href="mailto:sales@example.com">sales@example.com</a>')
    expect(text(html)).toMatch(/Your quota resets on \d+ \w+ \d{4} \(UTC\)/)
    // The signed-in home says it too, beside "used all".
    const home = await (await user.client.get('/')).text()
    expect(home).toContain('data-testid="more-videos"')
    expect(home).toContain('href="https://plans.example.com/upgrade"')
  })

  it('without either setting says when the quota resets and offers nothing it cannot give', async () => {
    const bare = await startTestApp()
    try {
      const { user, project } = await usedUp(bare)
      const res = await postRender(user.client, project.screenplayId)
      expect(res.status).toBe(403)
      const html = await res.text()
      expect(text(html)).toMatch(/Your quota resets on \d+ \w+ \d{4} \(UTC\)/)
      expect(html).not.toContain('data-testid="more-videos"')
      expect(await (await user.client.get('/')).text()).not.toContain('data-testid="more-videos"')
    } finally {
      await bare.close()
    }
  })
})
