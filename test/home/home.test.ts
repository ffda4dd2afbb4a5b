import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeHtml, newUser } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { makeBrief, submitOverHttp } from '../support/render.js'

// The signed-in home page (issue 14): "Make a video" first and largest, the newest videos and
// briefs with their state, and for a new account the three steps in one line each.

let app: TestApp

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

const text = (html: string) =>
  decodeHtml(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()

describe('the home page', () => {
  it('shows the landing page to a visitor who is not signed in', async () => {
    const html = await (await new BrowserClient(app.url).get('/')).text()
    expect(html).toContain('Create a free account')
    expect(html).not.toContain('Make a video')
  })

  it('shows a new account one big "Make a video" and the three steps, one line each', async () => {
    const user = await newUser(app)
    const res = await user.client.get('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expect(/<h1>([^<]*)<\/h1>/.exec(html)?.[1]).toBe('Make your first video')
    // The one large button on the page, and the first control in the main content.
    expect(html.match(/class="button button-large"/g)).toHaveLength(1)
    const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? ''
    expect(/<(a|button)\b[^>]*>([\s\S]*?)<\/\1>/.exec(main)?.[2]?.trim()).toBe('Make a video')
    expect(/<a class="button button-large" href="([^"]+)"/.exec(html)?.[1]).toBe('/briefs/new')
    const steps = [.../<ol class="how-steps">([\s\S]*?)<\/ol>/.exec(html)![1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)]
    expect(steps.map((m) => text(m[1]!))).toEqual([
      'Describe your product and add one photo of it.',
      'Read the screenplay we write from it, and change any shot you like.',
      'Press Render video, and download the MP4 when it is ready.',
    ])
    expect(text(html)).toContain('3 of your 3 videos left this month.')
  })

  it('lists the newest videos and briefs with where each stands', async () => {
    const user = await newUser(app)
    const rendered = await makeBrief(app, user.id, { productName: 'Rendered Lamp' })
    await makeBrief(app, user.id, { productName: 'Saved Kettle' })
    const videoId = await submitOverHttp(user.client, rendered.screenplayId)

    const html = await (await user.client.get('/')).text()
    expect(/<h1>([^<]*)<\/h1>/.exec(html)?.[1]).toBe('Your videos')
    expect(html).not.toContain('how-steps')
    const videos = [...html.matchAll(/data-testid="home-video">([\s\S]*?)<\/li>/g)].map((m) => m[1]!)
    expect(videos).toHaveLength(1)
    expect(videos[0]).toContain(`href="/videos/${videoId}"`)
    expect(text(videos[0]!)).toContain('Rendered Lamp Queued')
    const briefs = [...html.matchAll(/data-testid="home-brief">([\s\S]*?)<\/li>/g)].map((m) => text(m[1]!))
    expect(briefs).toEqual([
      'Saved Kettle Screenplay version 1 saved, not rendered yet',
      'Rendered Lamp Video: queued Open video of Rendered Lamp',
    ])
    expect(text(html)).toContain('2 of your 3 videos left this month.')
  })

  it("never shows another person's videos or briefs", async () => {
    const owner = await newUser(app)
    await makeBrief(app, owner.id, { productName: 'Private Product' })
    const other = await newUser(app)
    const html = await (await other.client.get('/')).text()
    expect(html).not.toContain('Private Product')
    expect(/<h1>([^<]*)<\/h1>/.exec(html)?.[1]).toBe('Make your first video')
  })
})
