// Issue 21: the videos pages (library, a video's page in each state, its live status part, the
// render refusals) rendered in zh-CN and zh-HK for a person whose account speaks that language,
// with no English word left (their product name and captions excepted) and the right <html lang>;
// and every failure reason the renderer writes reads in Chinese on the page.
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users, videoShots, videos } from '../../db/schema.js'
import { translator } from '../../src/i18n/translate.js'
import { LIBTV_ERROR_CODES } from '../../src/libtv/codes.js'
import { LIBTV_GAVE_UP_REASON } from '../../src/libtv/status.js'
import { DevMailbox, devMailDir } from '../../src/mail/transport.js'
import { GAVE_UP_REASON } from '../../src/render/outcomes.js'
import { failureColumns, failureOf, translateReason } from '../../src/render/reasons.js'
import { RENDERING_AGAIN_NOTE } from '../../src/render/shot.js'
import { GOOD_PASSWORD, signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { insertVideo, makeBrief } from '../support/render.js'
import { englishWords, htmlLang, titleOf, visibleText } from './scan.js'

type Locale = 'zh-CN' | 'zh-HK'
const LOCALES: Locale[] = ['zh-CN', 'zh-HK']

/** The person's own words on these pages (product name, captions), and terms Chinese writes in Latin letters. */
const THEIRS = ['Aura X2 Headphones', 'Caption', 'UTC', 'MB', 'kB']

let app: TestApp
beforeAll(async () => {
  // Each account a person of its own (X-Forwarded-For), so the sign-up limits never interfere.
  app = await startTestApp({ TRUST_PROXY: '1' })
})
afterAll(() => app?.close())

let ipCounter = 0
type Person = { id: string; client: BrowserClient }

/** A confirmed account whose saved language is `locale`, signed in, with a brief. */
async function person(locale: Locale | 'en') {
  const ip = `10.22.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`
  const client = new BrowserClient(app.url, app.url, { 'x-forwarded-for': ip })
  const { email, apiKey } = await signUpUser(app, uniqueEmail('videos'), GOOD_PASSWORD, client)
  const row = app.db.select().from(users).where(eq(users.email, email)).get()
  if (!row) throw new Error('no account')
  app.db.update(users).set({ locale }).where(eq(users.id, row.id)).run()
  const user: Person = { id: row.id, client }
  const project = await makeBrief(app, user.id)
  return { user, project, apiKey }
}

function failVideo(id: string, reason: string, shotReason: string) {
  app.db.update(videos).set({ failureReason: reason }).where(eq(videos.id, id)).run()
  app.db.update(videoShots).set({ status: 'failed', failureReason: shotReason }).where(eq(videoShots.videoId, id)).run()
}

type Page = [name: string, status: number, open: (locale: Locale) => Promise<Response>]

const get = (user: Person, path: string) => user.client.get(path)

const PAGES: Page[] = [
  ['library, empty', 200, async (l) => get((await person(l)).user, '/videos')],
  [
    'library, two pages of every state',
    200,
    async (l) => {
      const { user, project } = await person(l)
      const states = ['done', 'failed', 'canceled', 'rendering', 'queued', 'stitching'] as const
      for (let i = 0; i < 14; i++) insertVideo(app, user.id, project, { status: states[i % states.length] })
      return get(user, '/videos?page=2')
    },
  ],
  [
    'library, past the end',
    200,
    async (l) => {
      const { user, project } = await person(l)
      insertVideo(app, user.id, project)
      return get(user, '/videos?page=3')
    },
  ],
  [
    'a ready video',
    200,
    async (l) => {
      const { user, project } = await person(l)
      return get(user, `/videos/${insertVideo(app, user.id, project).id}`)
    },
  ],
  [
    'a rendering video, free to cancel',
    200,
    async (l) => {
      const { user, project } = await person(l)
      const { id } = insertVideo(app, user.id, project, { status: 'rendering' })
      app.db.update(videoShots).set({ percent: 40 }).where(eq(videoShots.videoId, id)).run()
      app.db
        .update(videoShots)
        .set({ status: 'submitted', failureReason: RENDERING_AGAIN_NOTE })
        .where(and(eq(videoShots.videoId, id), eq(videoShots.position, 2)))
        .run()
      return get(user, `/videos/${id}`)
    },
  ],
  [
    'a rendering video: not canceled, it would count',
    200,
    async (l) => {
      const { user, project } = await person(l)
      const { id } = insertVideo(app, user.id, project, { status: 'rendering' })
      app.db.update(videoShots).set({ taskId: 'task-1', status: 'done' }).where(eq(videoShots.videoId, id)).run()
      return get(user, `/videos/${id}?notice=cancel-counts`)
    },
  ],
  [
    'a queued video',
    200,
    async (l) => {
      const { user, project } = await person(l)
      return get(user, `/videos/${insertVideo(app, user.id, project, { status: 'queued' }).id}`)
    },
  ],
  [
    'a failed video',
    200,
    async (l) => {
      const { user, project } = await person(l)
      const { id } = insertVideo(app, user.id, project, { status: 'failed' })
      failVideo(
        id,
        `Shot 2 could not be rendered: ${LIBTV_ERROR_CODES[100052]!.reason}`,
        LIBTV_ERROR_CODES[100052]!.reason,
      )
      return get(user, `/videos/${id}`)
    },
  ],
  [
    'a failed video, LibTV’s own words',
    200,
    async (l) => {
      const { user, project } = await person(l)
      const { id } = insertVideo(app, user.id, project, { status: 'failed' })
      failVideo(id, GAVE_UP_REASON, 'The video service could not render this shot: 生成失败')
      return get(user, `/videos/${id}`)
    },
  ],
  [
    'a canceled video',
    200,
    async (l) => {
      const { user, project } = await person(l)
      return get(user, `/videos/${insertVideo(app, user.id, project, { status: 'canceled' }).id}`)
    },
  ],
  [
    'quota reached',
    403,
    async (l) => {
      const { user, project } = await person(l)
      for (let i = 0; i < 3; i++) insertVideo(app, user.id, project, { status: 'rendering' })
      return user.client.postForm('/videos', { screenplayId: project.screenplayId })
    },
  ],
  // "Confirm your email first" (src/render/routes.tsx) is not reachable through a page: a session
  // needs a confirmed account (src/accounts/sessions.ts), so only a race meets it.
]

describe('the videos pages in Chinese', () => {
  for (const locale of LOCALES) {
    for (const [name, status, open] of PAGES) {
      it(`${locale}: ${name}`, async () => {
        const res = await open(locale)
        const html = await res.text()
        expect(res.status, html).toBe(status)
        expect(htmlLang(html)).toBe(locale)
        // Translated pages carry no lang="en" on their <main>.
        expect(html).not.toMatch(/<main[^>]*lang="en"/)
        expect(englishWords(visibleText(html), THEIRS), name).toEqual([])
        expect(englishWords(titleOf(html), THEIRS), `${name}: title`).toEqual([])
      })
    }

    it(`${locale}: the live status part and what it announces`, async () => {
      const { user, project } = await person(locale)
      const { id } = insertVideo(app, user.id, project, { status: 'stitching' })
      app.db.update(videoShots).set({ status: 'done' }).where(eq(videoShots.videoId, id)).run()
      const fragment = await (await get(user, `/videos/${id}/status?shown=1`)).text()
      expect(englishWords(visibleText(fragment), THEIRS)).toEqual([])
      expect(fragment).toContain(locale === 'zh-CN' ? '第 2 个镜头已生成完成' : '第 2 個鏡頭已製作完成')
      // Finished: the player arrives out of band, in the page's language too.
      app.db
        .update(videos)
        .set({ status: 'done', outputBytes: 3 * 1024 * 1024 })
        .where(eq(videos.id, id))
        .run()
      const done = await (await get(user, `/videos/${id}/status?shown=1,2,3`)).text()
      expect(englishWords(visibleText(done), THEIRS)).toEqual([])
      expect(done).toContain(locale === 'zh-CN' ? '你的视频已完成' : '你的影片已完成')
      expect(done).toContain('3.0 MB')
    })
  }

  it('dates in the page’s locale, English keeping the house style', async () => {
    const at = Date.UTC(2026, 9, 16, 9, 5)
    for (const [locale, date] of [
      ['zh-CN', '2026年10月16日'],
      ['zh-HK', '2026年10月16日'],
      ['en', '16 Oct 2026'],
    ] as const) {
      const { user, project } = await person(locale)
      const { id } = insertVideo(app, user.id, project, { createdAt: at })
      expect(await (await get(user, '/videos')).text()).toContain(date)
      expect(await (await get(user, `/videos/${id}`)).text()).toContain(`${date}${locale === 'en' ? ',' : ''} 09:05`)
    }
  })
})

describe('the local mailbox in Chinese', () => {
  // Opened from this machine, signed out: the browser's language.
  const visitor = (locale: Locale) => new BrowserClient(app.url, app.url, { 'accept-language': locale })
  const ALLOWED = ['SMTP_URL', 'UTC']

  for (const locale of LOCALES) {
    it(`${locale}: the list and a mail in it`, async () => {
      const empty = await (await visitor(locale).get('/dev/mail')).text()
      expect(htmlLang(empty)).toBe(locale)
      expect(englishWords(visibleText(empty), ALLOWED)).toEqual([])
      const mailbox = new DevMailbox(devMailDir(app.dataDir))
      await mailbox.send({
        from: 'hello@lumina.example',
        to: 'shop@shop.example',
        kind: 'test',
        subject: '你好',
        text: '你好 https://lumina.example/x',
        html: '',
      })
      const list = await (await visitor(locale).get('/dev/mail')).text()
      expect(englishWords(visibleText(list), ALLOWED)).toEqual([])
      const id = /href="\/dev\/mail\/([^"]+)"/.exec(list)?.[1]
      const mail = await (await visitor(locale).get(`/dev/mail/${id}`)).text()
      expect(englishWords(visibleText(mail), ALLOWED)).toEqual([])
      expect(mail).toContain(locale === 'zh-CN' ? '发件人' : '寄件人')
      // Times in the viewer's language (Intl), still UTC as the page says.
      expect(list).toMatch(/<td>\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}<\/td>/)
      expect(mail).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}（UTC）/)
    })
  }
})

describe('failure reasons', () => {
  // Every sentence the renderer and the LibTV client write into failure_reason.
  const written = [
    ...Object.values(LIBTV_ERROR_CODES).map((info) => info.reason),
    'The video service refused the request.',
    'The video service did not finish this shot in time.',
    'This shot cannot be rendered: the image URL must be http(s).',
    'This shot cannot be rendered: the prompt must have 1–2000 characters.',
    'This shot cannot be rendered: the duration must be 5 or 10 seconds.',
    'The request to the video service was cancelled.',
    'The video service answered in an unexpected way.',
    'The rendered clip is no longer available from the video service; the shot has to be rendered again.',
    'The video service returned a file that is not a usable MP4.',
    'The video service returned a link to a place we do not download from.',
    'The product image could not be handed to the video service.',
    'The product image must be a JPG or PNG of at most 10 MB.',
    'The video service could not render this shot.',
    'We could not assemble the video from its clips.',
    'The finished video could not be checked.',
    LIBTV_GAVE_UP_REASON,
    GAVE_UP_REASON,
    RENDERING_AGAIN_NOTE,
  ]
  const allowed = ['JPG', 'PNG', 'MP4', 'MB', 'px', 'http', 's', 'LibTV', 'API']

  for (const locale of LOCALES) {
    it(`${locale}: each one, alone and after "Shot N could not be rendered", reads in Chinese`, () => {
      const lang = translator(locale)
      for (const reason of written) {
        expect(englishWords(translateReason(lang, reason), allowed), reason).toEqual([])
        const shot = translateReason(lang, `Shot 3 could not be rendered: ${reason}`)
        expect(englishWords(shot, allowed), reason).toEqual([])
        expect(shot).toContain('3')
      }
    })
  }

  it('English reads the stored sentence unchanged, and an unknown sentence stays as stored', () => {
    const en = translator('en')
    for (const reason of written) {
      expect(translateReason(en, reason)).toBe(reason)
      expect(translateReason(en, `Shot 2 could not be rendered: ${reason}`)).toBe(
        `Shot 2 could not be rendered: ${reason}`,
      )
    }
    expect(translateReason(translator('zh-HK'), 'A sentence from tomorrow.')).toBe('A sentence from tomorrow.')
    // LibTV's own words are kept inside our translated sentence.
    expect(translateReason(translator('zh-CN'), 'The video service could not render this shot: 任务超时')).toBe(
      '视频服务无法生成这个镜头：任务超时',
    )
  })

  it('every sentence written has a code, kept where a failure is recorded', () => {
    for (const reason of written) {
      expect(failureOf(reason), reason).not.toBeNull()
      const shot = failureOf(`Shot 3 could not be rendered: ${reason}`)
      expect(shot?.code, reason).toBe('shot_failed')
      expect(shot?.values?.position).toBe(3)
    }
    expect(failureColumns('The video service could not render this shot: 任务超时')).toEqual({
      failureReason: 'The video service could not render this shot: 任务超时',
      failureCode: 'provider_said',
      failureValues: JSON.stringify({ message: '任务超时' }),
    })
    expect(failureColumns('A sentence from tomorrow.')).toEqual({
      failureReason: 'A sentence from tomorrow.',
      failureCode: null,
      failureValues: null,
    })
  })
})

describe('failure reasons on the page and in the API: by code, or by sentence for an old row', () => {
  async function failedVideo(locale: Locale) {
    const { user, project, apiKey } = await person(locale)
    const id = insertVideo(app, user.id, project, { status: 'failed' }).id
    const api = async () => {
      const res = await fetch(`${app.url}/api/v1/videos/${id}`, { headers: { authorization: `Bearer ${apiKey}` } })
      return (await res.json()) as { failureReason: string | null; failureCode: string | null }
    }
    return { user, id, api }
  }

  it('zh-CN, a row written before the codes (sentence only): translated from its sentence; the API derives its code', async () => {
    const { user, id, api } = await failedVideo('zh-CN')
    const stored =
      'Shot 2 could not be rendered: The rendered clip is no longer available from the video service; the shot has to be rendered again.'
    app.db
      .update(videos)
      .set({ failureReason: stored, failureCode: null, failureValues: null })
      .where(eq(videos.id, id))
      .run()
    const page = await (await get(user, `/videos/${id}`)).text()
    const zh = translator('zh-CN')
    expect(page).toContain(zh.t('videos.reason.shotFailed', { position: 2, reason: zh.t('videos.reason.clipExpired') }))
    expect(page).not.toContain('no longer available')
    // The API keeps the English sentence, and names its code even for an old row.
    expect(await api()).toMatchObject({ failureReason: stored, failureCode: 'shot_failed' })
  })

  it('zh-HK, a row with a code: said by its code and values, whatever its English sentence says', async () => {
    const { user, id, api } = await failedVideo('zh-HK')
    // A sentence the page does not know (English reworded since): the code decides.
    app.db
      .update(videos)
      .set({
        failureReason: 'Shot 1 failed: the clip link lapsed.',
        failureCode: 'shot_failed',
        failureValues: JSON.stringify({ position: 1, reason: { code: 'clip_expired' } }),
      })
      .where(eq(videos.id, id))
      .run()
    const page = await (await get(user, `/videos/${id}`)).text()
    const zh = translator('zh-HK')
    expect(page).toContain(zh.t('videos.reason.shotFailed', { position: 1, reason: zh.t('videos.reason.clipExpired') }))
    expect(page).not.toContain('lapsed')
    expect(await api()).toMatchObject({
      failureReason: 'Shot 1 failed: the clip link lapsed.',
      failureCode: 'shot_failed',
    })
  })
})
