// Issue 21: the briefs pages (the list, the brief form, its photo box, its validation messages
// and the refusals of a photo or a brief) for a signed-in person whose account speaks zh-CN or
// zh-HK: no English word left (the person's own text is Chinese here, so nothing is excepted),
// and <html lang> saying which Chinese it is.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../db/schema.js'
import { StorageFull, storageRoom } from '../../src/accounts/storage-caps.js'
import { saveProductImage } from '../../src/briefs/images.js'
import { createBrief } from '../../src/briefs/service.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import {
  editorFields,
  multipart,
  postBrief,
  postFields,
  postMultipart,
  readEditor,
  uploadPreview,
} from '../briefs/helpers.js'
import { signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import * as img from '../support/images.js'
import { briefInput, makeBrief } from '../support/render.js'
import { englishWords, htmlLang, visibleText } from './scan.js'

type Locale = 'zh-CN' | 'zh-HK'

const MB = 1024 * 1024
let app: TestApp
let free = 10_000 * MB
let photo: Buffer

beforeAll(async () => {
  // Each person from an address of their own (X-Forwarded-For), so the sign-up limits never meet.
  app = await startTestApp({ TRUST_PROXY: '1' }, undefined, { freeDiskBytes: async () => free })
  photo = await img.jpeg(800, 600)
})
afterAll(() => app?.close())

let ipCounter = 0
const randomIp = () => `10.22.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`

/** A person who signed up on a page in `locale` (so their account speaks it), signed in. */
async function chinesePerson(locale: Locale) {
  const client = new BrowserClient(app.url, app.url, { 'accept-language': locale, 'x-forwarded-for': randomIp() })
  const { email } = await signUpUser(app, uniqueEmail(`briefs-${locale.toLowerCase()}`), undefined, client)
  const row = app.db.select().from(users).where(eq(users.email, email)).get()!
  expect(row.locale).toBe(locale)
  return { client, id: row.id }
}

/** A brief whose text is the person's own, in Chinese. */
const chineseBrief = (n = 1) =>
  briefSchema.parse(
    briefInput({
      productName: `极光耳机 ${n}`,
      description: '无线头戴式耳机，主动降噪。',
      sellingPoints: ['续航四十小时', '可折叠'],
      audience: '通勤族',
      callToAction: '立即选购',
      language: 'zh-CN',
    }),
  )
const chineseFields = (overrides: Record<string, string | string[]> = {}) => ({
  productName: '极光耳机',
  description: '无线头戴式耳机，主动降噪。',
  sellingPoints: ['续航四十小时', '', '', '', '', ''],
  audience: '通勤族',
  tone: 'premium',
  template: 'hero-reveal',
  aspectRatio: '9:16',
  lengthSeconds: '30',
  language: 'zh-CN',
  callToAction: '立即选购',
  brandColor: '',
  ...overrides,
})

async function makeBriefs(userId: string, count: number) {
  const image = await saveProductImage(app.db, app.dataDir, userId, photo)
  const ids: string[] = []
  for (let i = 0; i < count; i++) ids.push(createBrief(app.db, userId, chineseBrief(i + 1), i % 2 ? null : image.id).id)
  return ids
}

/** Technical terms Chinese text writes in Latin letters on these pages, and the colour in a hint. */
const TERMS = ['JPEG', 'PNG', 'WebP', 'GIF', 'HEIC', 'SVG', 'GPS', 'MB', 'LUFS', '6A4CFF']

/** A whole page: in the person's language, every word of it. */
async function expectTranslatedPage(res: Response, status: number, locale: Locale, sent: string[] = []) {
  const html = await res.text()
  expect(res.status, html.slice(0, 400)).toBe(status)
  expect(htmlLang(html)).toBe(locale)
  expect(englishWords(visibleText(html), [...TERMS, ...sent])).toEqual([])
  expect(html).not.toMatch(/<main[^>]* lang="en"/)
  return html
}

/**
 * The screenplay editor: its shot prompts are written in English for the video model (they are
 * the screenplay's text, not the page's words), so the textareas' contents are left out.
 */
async function expectTranslatedEditor(res: Response, status: number, locale: Locale) {
  const html = await res.text()
  expect(res.status, html.slice(0, 400)).toBe(status)
  expect(htmlLang(html)).toBe(locale)
  const words = visibleText(html.replace(/(<textarea\b[^>]*>)[\s\S]*?<\/textarea>/g, '$1</textarea>'))
  expect(englishWords(words, TERMS)).toEqual([])
  expect(html).not.toMatch(/<main[^>]* lang="en"/)
  return html
}

/** The photo box htmx swaps in: a fragment, every word in the person's language. */
async function expectTranslatedBox(res: Response, status: number) {
  const html = await res.text()
  expect(res.status, html).toBe(status)
  expect(html).toContain('id="photo-preview"')
  expect(englishWords(visibleText(html), TERMS)).toEqual([])
  return html
}

for (const locale of ['zh-CN', 'zh-HK'] as const) {
  const zh = (cn: string, hk: string) => (locale === 'zh-CN' ? cn : hk)

  describe(`the briefs pages in ${locale}`, () => {
    let person: Awaited<ReturnType<typeof chinesePerson>>
    let briefIds: string[]
    beforeAll(async () => {
      person = await chinesePerson(locale)
      // Two pages of briefs: more than the free plan keeps.
      app.db.update(users).set({ plan: 'creator' }).where(eq(users.id, person.id)).run()
      briefIds = await makeBriefs(person.id, 13)
    })

    it('no briefs yet', async () => {
      const { client } = await chinesePerson(locale)
      const html = await expectTranslatedPage(await client.get('/briefs'), 200, locale)
      expect(html).toContain(zh('还没有简报', '未有簡報'))
    })

    it('the list, both pages, past the end, and the deleted notice', async () => {
      const first = await expectTranslatedPage(await person.client.get('/briefs'), 200, locale)
      expect(first).toContain(zh('共 13 份简报', '共 13 份簡報'))
      expect(first).toContain(zh('第 1 页，共 2 页', '第 1 頁，共 2 頁'))
      // Dates in the page's locale, not the English house style.
      expect(first).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)
      await expectTranslatedPage(await person.client.get('/briefs?page=2'), 200, locale)
      const past = await expectTranslatedPage(await person.client.get('/briefs?page=9'), 200, locale)
      expect(past).toContain(zh('这一页没有简报', '這一頁沒有簡報'))
      await expectTranslatedPage(await person.client.get('/briefs?deleted=1'), 200, locale)
    })

    it('the new brief form and the edit form (option values unchanged)', async () => {
      const fresh = await expectTranslatedPage(await person.client.get('/briefs/new'), 200, locale)
      // Style, tone and format are radio cards since issue 23; the rest are selects.
      for (const [name, value] of [
        ['tone', 'premium'],
        ['template', 'hero-reveal'],
        ['aspectRatio', '9:16'],
      ]) {
        expect(fresh).toContain(`name="${name}" value="${value}"`)
      }
      for (const value of ['30', 'en', 'zh-CN', 'zh-HK']) {
        expect(fresh).toContain(`<option value="${value}"`)
      }
      // A new brief's captions start in the page's Chinese; an existing brief keeps its own.
      expect(fresh).toContain(`<option value="${locale}" selected="">`)
      const edit = await expectTranslatedPage(await person.client.get(`/briefs/${briefIds[0]}/edit`), 200, locale)
      expect(edit).toContain('<option value="zh-CN" selected="">')
    })

    it('a form with nothing in it: every field says what is missing', async () => {
      const html = await expectTranslatedPage(await postBrief(person.client, {}), 422, locale)
      expect(html).toContain(zh('请填写产品名称', '請填寫產品名稱'))
      expect(html).toContain(zh('请添加一张产品照片。', '請加入一張產品相片。'))
    })

    it('a form with every field wrong: each message in the page language', async () => {
      const fields = chineseFields({
        productName: '长'.repeat(81),
        description: '第一段\n\n第二段',
        sellingPoints: ['一', '二', '三', '四', '五', '六', '七'],
        audience: '长'.repeat(121),
        tone: 'gloomy',
        template: 'nope',
        aspectRatio: '4:3',
        lengthSeconds: '17',
        language: 'fr',
        callToAction: '',
        brandColor: 'purple',
      })
      // The colour that is not one stays in sight beside its message, as it was sent: the person's
      // own word, not the page's.
      const html = await expectTranslatedPage(await postBrief(person.client, fields), 422, locale, ['purple'])
      expect(html).toMatch(/<output id="brandColor-hex"[^>]*>purple<\/output>/)
      expect(html).toContain(zh('产品名称最多 80 个字符', '產品名稱最多 80 個字元'))
      expect(html).toContain(zh('最多添加 6 个卖点', '最多加入 6 個賣點'))
      expect(html).toContain(zh('时长须为 15, 20, 30, 45, 60 秒之一', '長度必須是 15, 20, 30, 45, 60 秒其中之一'))
    })

    it('the photo box: a file that is no photo, an empty one, and a good one', async () => {
      const notImage = await expectTranslatedBox(
        await uploadPreview(person.client, { bytes: Buffer.from('hello'), name: 'a.txt', type: 'text/plain' }),
        422,
      )
      expect(notImage).toContain('JPEG')
      await expectTranslatedBox(
        await uploadPreview(person.client, { bytes: Buffer.alloc(0), name: 'a.jpg', type: 'image/jpeg' }),
        422,
      )
      const small = await img.jpeg(200, 200)
      const tooSmall = await expectTranslatedBox(
        await uploadPreview(person.client, { bytes: small, name: 'small.jpg', type: 'image/jpeg' }),
        422,
      )
      expect(tooSmall).toContain('200×200')
      await expectTranslatedBox(
        await postMultipart(person.client, '/images', multipart({ other: 'x' }), { 'hx-request': 'true' }),
        422,
      )
      await expectTranslatedBox(
        await uploadPreview(person.client, { bytes: photo, name: 'good.jpg', type: 'image/jpeg' }),
        200,
      )
    })

    it('at the plan’s cap of briefs: the refusal on the form', async () => {
      const full = await chinesePerson(locale)
      await makeBriefs(full.id, 10)
      const html = await expectTranslatedPage(await postBrief(full.client, chineseFields()), 403, locale)
      expect(html).toContain(zh('免费套餐最多保存 10 份简报', '免費計劃最多保存 10 份簡報'))
    })

    it('with the disk nearly full: the photo box and the form say so', async () => {
      free = 0
      try {
        const good = { bytes: photo, name: 'good.jpg', type: 'image/jpeg' }
        await expectTranslatedBox(await uploadPreview(person.client, good), 507)
        await expectTranslatedPage(await postBrief(person.client, chineseFields(), good), 507, locale)
      } finally {
        free = 10_000 * MB
      }
    })

    it('the screenplay editor: a draft, a saved version, and an edit with mistakes', async () => {
      const made = await makeBrief(app, person.id, chineseBrief())
      const base = `/briefs/${made.briefId}/screenplay`
      const saved = await expectTranslatedEditor(await person.client.get(`${base}?version=1&saved=1`), 200, locale)
      expect(saved).toContain(zh('已保存为版本 1。', '已儲存為版本 1。'))
      const draft = await expectTranslatedEditor(await person.client.get(`${base}?variation=1`), 200, locale)
      expect(draft).toContain(zh('未保存的草稿', '未儲存的草稿'))
      const editor = readEditor(saved)
      editor.shots[0]!.prompt = ''
      editor.shots[1]!.caption = '长'.repeat(161)
      const wrong = await expectTranslatedEditor(
        await postFields(person.client, base, editorFields(editor)),
        422,
        locale,
      )
      expect(wrong).toContain(zh('请描述这个镜头展示的内容。', '請描述這個鏡頭的內容。'))
      expect(wrong).toContain(zh('字幕最多 160 个字符。', '字幕最多 160 個字元。'))
      const moved = await expectTranslatedEditor(
        await postFields(person.client, base, editorFields(readEditor(saved), 'down:1')),
        200,
        locale,
      )
      expect(moved).toContain(zh('有未保存的修改', '有未儲存的修改'))
      await expectTranslatedPage(await postFields(person.client, base, { intent: 'save' }), 400, locale)
      await expectTranslatedEditor(await person.client.get(`${base}?version=1&notRendered=1`), 200, locale)
    })

    it('deleting without JavaScript asks first, in the page language', async () => {
      const res = await person.client.postForm(`/briefs/${briefIds[1]}/delete`, {})
      const html = await res.text()
      expect(res.status).toBe(200)
      expect(htmlLang(html)).toBe(locale)
      expect(englishWords(visibleText(html), TERMS)).toEqual([])
      expect(html).toContain(zh('要删除这份简报及其视频吗？', '要刪除這份簡報及其影片嗎？'))
    })
  })
}

describe('the API keeps English', () => {
  it('a refusal’s message (the API problem detail) is the English sentence, for a Chinese account too', async () => {
    const { id } = await chinesePerson('zh-HK')
    await makeBriefs(id, 10)
    const full = storageRoom(app.db, id, { kind: 'briefs' })
    expect(full).toBeInstanceOf(StorageFull)
    expect(full?.message).toBe(
      'Your Free plan keeps up to 10 briefs, and you have 10. Delete a brief you no longer need, then save this one.',
    )
  })
})
