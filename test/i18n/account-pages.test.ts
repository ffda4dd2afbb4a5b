// Issue 21, slice 2 (the account area): the account page with everything on it, what its forms
// and notices say, the 429 download page, the one-click questions, the statement CSV and the
// signed-in home, for an account whose language is zh-CN or zh-HK: no English word left on the
// page (the brand, kept terms, the person's own text and code samples excepted), <html lang> right.
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users, webhookDeliveries, webhookEndpoints } from '../../db/schema.js'
import { GOOD_PASSWORD, signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { insertVideo, makeBrief } from '../support/render.js'
import { englishWords, htmlLang, visibleText } from './scan.js'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: '1' })
})
afterAll(() => app?.close())

type Locale = 'zh-CN' | 'zh-HK'

let ipCounter = 0
/** A browser that asks for `locale`, from an address of its own (the limits are per address). */
function browser(locale: string): BrowserClient {
  ipCounter += 1
  return new BrowserClient(app.url, app.url, {
    'accept-language': locale,
    'x-forwarded-for': `10.23.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`,
  })
}

/** An account signed up in `locale` (so its saved language is that one), signed in. */
async function account(locale: string) {
  const signedUp = await signUpUser(app, uniqueEmail('acct'), GOOD_PASSWORD, browser(locale))
  const row = app.db.select().from(users).where(eq(users.email, signedUp.email)).get()
  if (!row) throw new Error('no account row')
  return { ...signedUp, id: row.id }
}

// The person's own text is Chinese here, so any Latin word left is ours.
const PRODUCT = '极光耳机'

/** An account with a brief, a video of each state, a statement and webhook deliveries. */
async function busyAccount(locale: string) {
  const person = await account(locale)
  const project = await makeBrief(app, person.id, { productName: PRODUCT })
  for (const status of ['done', 'failed', 'queued'] as const)
    insertVideo(app, person.id, project, { status, title: PRODUCT })
  app.db
    .insert(webhookEndpoints)
    .values({ userId: person.id, url: 'https://hooks.example/lumina', secret: 'v1:a:b:c', createdAt: Date.now() })
    .run()
  for (const status of ['pending', 'delivered', 'failed'] as const) {
    app.db
      .insert(webhookDeliveries)
      .values({
        id: randomUUID(),
        userId: person.id,
        type: 'video.succeeded',
        videoId: randomUUID(),
        status,
        attempts: 1,
        nextAttemptAt: Date.now(),
        lastStatusCode: status === 'delivered' ? 200 : null,
        createdAt: Date.now(),
      })
      .run()
  }
  return { ...person, project }
}

/** Words a Chinese page writes in Latin letters besides the scan's own list: file formats, units, the time zone. */
const ALSO_KEPT = ['CSV', 'ZIP', 'MB', 'kB', 'UTC']

/** The page's words without its code samples (a curl line, an endpoint, an event type). */
function wordsOf(html: string): string[] {
  const prose = html.replace(/<pre\b[\s\S]*?<\/pre>/g, ' ').replace(/<code\b[^>]*>[\s\S]*?<\/code>/g, ' ')
  const dialogs = [...html.matchAll(/\shx-confirm="([^"]*)"/g)].map((m) => m[1]).join(' ')
  return englishWords(`${visibleText(prose)} ${visibleText(dialogs)}`, ALSO_KEPT)
}

function expectTranslated(html: string, locale: Locale) {
  expect(htmlLang(html)).toBe(locale)
  expect(wordsOf(html)).toEqual([])
  expect(html).not.toMatch(/<main[^>]* lang="en"/)
}

const PAGES: [name: string, status: number, open: (l: Locale) => Promise<Response>][] = [
  ['account page, new account', 200, async (l) => (await account(l)).client.get('/account')],
  [
    'account page with usage, statements and webhook deliveries',
    200,
    async (l) => (await busyAccount(l)).client.get('/account'),
  ],
  [
    'account page with a new API key shown',
    200,
    async (l) => {
      const { client } = await account(l)
      await client.postForm('/account/api-key', { confirm: 'yes' })
      return client.get('/account')
    },
  ],
  ['account page, password changed', 200, async (l) => (await account(l)).client.get('/account?done=password-changed')],
  ['account page, password reset', 200, async (l) => (await account(l)).client.get('/account?done=password-reset')],
  ['account page, email link sent', 200, async (l) => (await account(l)).client.get('/account?done=email-sent')],
  ['account page, email changed', 200, async (l) => (await account(l)).client.get('/account?done=email-changed')],
  ['change password, nothing typed', 422, async (l) => (await account(l)).client.postForm('/account/password', {})],
  [
    'change password, wrong current password',
    422,
    async (l) =>
      (await account(l)).client.postForm('/account/password', {
        currentPassword: 'not my password',
        newPassword: 'a brand new passphrase',
      }),
  ],
  [
    'change email, the same address',
    422,
    async (l) => {
      const { client, email } = await account(l)
      return client.postForm('/account/email', { newEmail: email, password: GOOD_PASSWORD })
    },
  ],
  ['change email, nothing typed', 422, async (l) => (await account(l)).client.postForm('/account/email', {})],
  ['delete account, nothing typed', 422, async (l) => (await account(l)).client.postForm('/account/delete', {})],
  [
    'delete account, wrong password',
    422,
    async (l) => (await account(l)).client.postForm('/account/delete', { password: 'not my password' }),
  ],
  [
    'delete account, too many tries',
    429,
    async (l) => {
      const { client } = await account(l)
      for (let i = 0; i < 10; i++) await client.postForm('/account/delete', { password: 'not my password' })
      return client.postForm('/account/delete', { password: 'not my password' })
    },
  ],
  [
    'too many downloads',
    429,
    async (l) => {
      const { client } = await account(l)
      for (let i = 0; i < 50; i++) {
        const res = await client.get('/account/export')
        if (res.status === 429) return res
        await res.arrayBuffer()
      }
      throw new Error('the download limit never answered 429')
    },
  ],
  ['rotate the API key: the question', 200, async (l) => (await account(l)).client.postForm('/account/api-key', {})],
  [
    'delete a brief: the question',
    200,
    async (l) => {
      const { client, project } = await busyAccount(l)
      return client.postForm(`/briefs/${project.briefId}/delete`, {})
    },
  ],
  ['signed-in home, nothing made yet', 200, async (l) => (await account(l)).client.get('/')],
  ['signed-in home, welcome', 200, async (l) => (await account(l)).client.get('/?welcome=1')],
  ['signed-in home with videos and briefs', 200, async (l) => (await busyAccount(l)).client.get('/')],
]

for (const locale of ['zh-CN', 'zh-HK'] as const) {
  describe(`the account pages in ${locale}`, () => {
    it.each(PAGES)('%s (%i): no English word, <html lang> set', async (name, status, open) => {
      const res = await open(locale)
      const html = await res.text()
      expect(res.status, name).toBe(status)
      expectTranslated(html, locale)
    })

    it('the statement CSV: headers and words in the account language, times still ISO 8601', async () => {
      const { client } = await busyAccount(locale)
      const month = new Date().toISOString().slice(0, 7)
      const res = await client.get(`/account/statements/${month}.csv`)
      expect(res.status).toBe(200)
      const [header, ...lines] = (await res.text()).trim().split('\r\n')
      expect(header).toBe(
        locale === 'zh-CN'
          ? '日期_UTC,视频_ID,标题,镜头数,秒数,套餐,是否计入,作废时间_UTC'
          : '日期_UTC,影片_ID,標題,鏡頭數目,秒數,計劃,是否計算在內,作廢時間_UTC',
      )
      expect(lines).toHaveLength(3)
      for (const line of lines) {
        expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,[0-9a-f-]{36},极光耳机,/)
        expect(englishWords(line.replace(/^[^,]*,[^,]*,/, '').replace(/\d{4}-[\dT:.-]+Z/g, ' '))).toEqual([])
      }
    })

    it('dates and months in the page language', async () => {
      const html = await (await (await busyAccount(locale)).client.get('/account')).text()
      const now = new Date()
      const year = now.getUTCFullYear()
      const month = now.getUTCMonth() + 1
      expect(html).toContain(`${year}年${month}月`) // the statement's month, and every date
      expect(html).not.toMatch(/January|February|March|April|May|June|July|August|September|October|November|December/)
    })
  })
}

describe('in English, for an account without a language', () => {
  it('the statement CSV keeps its headers', async () => {
    const { client } = await busyAccount('en-GB')
    const month = new Date().toISOString().slice(0, 7)
    const csv = await (await client.get(`/account/statements/${month}.csv`)).text()
    expect(csv.split('\r\n')[0]).toBe('date_utc,video_id,title,shots,seconds,plan,counted,voided_at_utc')
    expect(csv).toContain(',Free,yes,')
  })

  it('the account page names the month in English, as before', async () => {
    const html = await (await (await busyAccount('en-GB')).client.get('/account')).text()
    const now = new Date()
    const name = now.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    expect(html).toContain(`<td>${name}</td>`)
    expect(html).toContain('Rotate your API key? The current key stops working at once')
  })
})
