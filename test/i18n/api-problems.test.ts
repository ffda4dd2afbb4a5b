// Issue 21, slice 2: the API's problem `detail` follows Accept-Language (en, zh-CN, zh-HK, by the
// pages' negotiation without an account's choice or ?lang=); `type`, `title` and `status` stay
// the same stable identifiers, and a request without the header gets the English as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { translator } from '../../src/i18n/translate.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { newRenderUser, type RenderUser } from '../support/render.js'

let app: TestApp
let alice: RenderUser
beforeAll(async () => {
  app = await startTestApp()
  alice = await newRenderUser(app, 'creator')
})
afterAll(() => app?.close())

type Problem = { type: string; title: string; status: number; detail?: string; errors: unknown[] }

async function ask(path: string, init: RequestInit & { lang?: string; key?: string | null } = {}) {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) }
  if (init.lang) headers['accept-language'] = init.lang
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? alice.apiKey}`
  const res = await fetch(`${app.url}/api/v1${path}`, { ...init, headers })
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  return { res, body: (await res.json()) as Problem }
}

// Each a failing request, and the English detail it has always had.
const CASES: [name: string, path: string, init: RequestInit & { key?: string | null }, english: string][] = [
  ['no API key', '/me', { key: null }, 'Send your API key as "Authorization: Bearer <key>".'],
  [
    'a revoked key',
    '/me',
    { key: 'lum_not-a-real-key' },
    'This API key is not valid or has been revoked. Rotate it from your account page.',
  ],
  ['an unknown brief', '/briefs/00000000-0000-4000-8000-000000000000', {}, 'There is no brief with this id.'],
  ['no webhook', '/webhook', {}, 'No webhook is set. Set one with PUT /webhook.'],
  [
    'invalid fields',
    '/briefs',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    'Some fields are not valid.',
  ],
  [
    'a bad Idempotency-Key',
    '/briefs',
    { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'ü' }, body: '{}' },
    'Use 1 to 255 visible ASCII characters, e.g. a UUID.',
  ],
  [
    'an unknown route',
    '/no-such-thing',
    {},
    'There is nothing at this address. It may have moved, or the link may be mistyped.',
  ],
]

const HAN = /\p{Script=Han}/u

describe('problem details follow Accept-Language', () => {
  it.each(CASES)('%s: English without the header, as before', async (_name, path, init, english) => {
    const { body, res } = await ask(path, init)
    expect(body.detail).toBe(english)
    expect(body.detail).not.toMatch(HAN)
    expect(res.headers.get('content-language')).toBeNull()
  })

  it.each(CASES)(
    '%s: zh-HK gets Traditional Chinese, zh-CN Simplified, same type/title/status',
    async (_n, path, init) => {
      const en = await ask(path, init)
      const hk = await ask(path, { ...init, lang: 'zh-HK' })
      const cn = await ask(path, { ...init, lang: 'zh-CN,zh;q=0.9,en;q=0.8' })
      for (const zh of [hk, cn]) {
        expect(zh.res.status).toBe(en.res.status)
        expect(zh.body.type).toBe(en.body.type)
        expect(zh.body.title).toBe(en.body.title)
        expect(zh.body.status).toBe(en.body.status)
        expect(zh.body.detail).toMatch(HAN)
        expect(zh.res.headers.get('vary')).toBe('Accept-Language')
      }
      // No character only the other script uses.
      expect(hk.body.detail).not.toMatch(/[这个们没对应视频简请发设证传码账]/)
      expect(cn.body.detail).not.toMatch(/[這個們沒對應視頻簡請發設證傳碼帳]/)
      // English, or a language we do not speak, stays English.
      const fr = await ask(path, { ...init, lang: 'fr-FR, en;q=0.5' })
      expect(fr.body.detail).toBe(en.body.detail)
    },
  )

  it('a Traditional Chinese detail for zh-TW and zh-Hant too; ?lang= does not change the API', async () => {
    const tw = await ask('/webhook', { lang: 'zh-TW' })
    expect(tw.body.detail).toBe('尚未設定 Webhook。請使用 PUT /webhook 設定。')
    const hant = await ask('/webhook', { lang: 'zh-Hant' })
    expect(hant.body.detail).toBe(tw.body.detail)
    const chosen = await ask('/webhook?lang=zh-HK', {})
    expect(chosen.body.detail).toBe('No webhook is set. Set one with PUT /webhook.')
  })
})

describe('too many failed keys', () => {
  it('the wait is said in the language asked for, with the same title and Retry-After', async () => {
    let last: Awaited<ReturnType<typeof ask>> | undefined
    for (let i = 0; i < 20 && last?.res.status !== 429; i++) last = await ask('/me', { key: 'lum_wrong' })
    expect(last?.res.status).toBe(429)
    expect(last?.body.detail).toMatch(/^Too many attempts/)
    const hk = await ask('/me', { key: 'lum_wrong', lang: 'zh-HK' })
    expect(hk.res.status).toBe(429)
    expect(hk.body.title).toBe(last?.body.title)
    expect(hk.body.type).toBe(last?.body.type)
    expect(hk.body.detail).toMatch(HAN)
    expect(hk.res.headers.get('retry-after')).toBeTruthy()
  })
})

describe("a field's message in errors", () => {
  it('follows Accept-Language too; the field and English stay as they were', async () => {
    const en = await ask('/usage?month=2026-13-01')
    expect(en.res.status).toBe(422)
    expect(en.body.errors).toEqual([{ field: 'month', message: 'Use the form YYYY-MM, e.g. 2026-12.' }])
    const hk = await ask('/usage?month=2026-13-01', { lang: 'zh-HK' })
    expect(hk.body.errors).toEqual([{ field: 'month', message: '請使用 YYYY-MM 格式，例如 2026-12。' }])
    expect(hk.res.headers.get('vary')).toBe('Accept-Language')
    // A message with braces in it says them as they were.
    expect(translator('en').t('api.problem.screenplayOrPhoto')).toBe(
      'Send { "screenplayId": … } or a photo and a brief.',
    )
  })
})

// Slice 3: the details and field messages that came with errors from elsewhere.
const POST_JSON = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

describe("zod's per-field messages", () => {
  it("a brief's fields: zh-CN in the brief form's words; English keeps zod's words exactly", async () => {
    const en = await ask('/briefs', POST_JSON({ productName: '', imageId: '00000000-0000-4000-8000-000000000000' }))
    const cn = await ask('/briefs', {
      ...POST_JSON({ productName: '', imageId: '00000000-0000-4000-8000-000000000000' }),
      lang: 'zh-CN',
    })
    expect(en.res.status).toBe(422)
    const enMessage = (field: string) =>
      (en.body.errors as { field: string; message: string }[]).find((e) => e.field === field)?.message
    const cnMessage = (field: string) =>
      (cn.body.errors as { field: string; message: string }[]).find((e) => e.field === field)?.message
    expect(enMessage('productName')).toBe('Product name is required')
    expect(cnMessage('productName')).toBe(translator('zh-CN').t('briefs.invalid.productNameMissing'))
    expect(cnMessage('description')).toBe(translator('zh-CN').t('briefs.invalid.descriptionMissing'))
    // The same fields in the same order, every message Chinese.
    expect(cn.body.errors.map((e) => (e as { field: string }).field)).toEqual(
      en.body.errors.map((e) => (e as { field: string }).field),
    )
    for (const e of cn.body.errors as { message: string }[]) expect(e.message).toMatch(HAN)
    expect(cn.res.headers.get('vary')).toBe('Accept-Language')
  })

  it("any other field by zod's rule: zh-HK says it, English is zod's own", async () => {
    const body = { take: -1, template: 'x'.repeat(41) }
    const id = '00000000-0000-4000-8000-000000000000'
    const en = await ask(`/briefs/${id}/screenplays`, POST_JSON(body))
    const hk = await ask(`/briefs/${id}/screenplays`, { ...POST_JSON(body), lang: 'zh-HK' })
    expect(en.res.status).toBe(422)
    expect(en.body.errors).toContainEqual({ field: 'take', message: 'Too small: expected number to be >=0' })
    expect(hk.body.errors).toContainEqual({ field: 'take', message: '最小為 0。' })
  })
})

describe('errors that come from elsewhere', () => {
  it('a photo the API rejects (ImageRejected): zh-CN detail and field message', async () => {
    const { jpeg } = await import('../support/images.js')
    const small = await jpeg(100, 100)
    const upload = (lang?: string) => {
      const f = new FormData()
      f.append('image', new Blob([new Uint8Array(small)], { type: 'image/jpeg' }), 'tiny.jpg')
      return ask('/images', { method: 'POST', body: f, ...(lang ? { lang } : {}) })
    }
    const en = await upload()
    const cn = await upload('zh-CN')
    expect(en.res.status).toBe(422)
    expect(en.body.detail).toBe('The image is 100×100 pixels; each side must be at least 300 pixels.')
    expect(cn.body.detail).toBe(translator('zh-CN').t('briefs.photo.tooSmall', { width: 100, height: 100, min: 300 }))
    expect(cn.body.errors).toEqual([{ field: 'image', message: cn.body.detail }])
  })

  it('a refused webhook address: zh-HK detail; the English as before', async () => {
    const put = (lang?: string) =>
      ask('/webhook', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'not a url' }),
        ...(lang ? { lang } : {}),
      })
    const en = await put()
    expect(en.body.detail).toBe('This is not a URL.')
    const hk = await put('zh-HK')
    expect(hk.body.detail).toBe('這不是一個網址。')
    expect(hk.body.errors).toEqual([{ field: 'url', message: '這不是一個網址。' }])
  })

  it("the screenplay editor's shot problems: zh-CN", async () => {
    const { makeBrief } = await import('../support/render.js')
    const { briefId } = await makeBrief(app, alice.id)
    const body = { shots: [{ prompt: '   ', durationSeconds: 5 }] }
    const en = await ask(`/briefs/${briefId}/screenplays`, POST_JSON(body))
    const cn = await ask(`/briefs/${briefId}/screenplays`, { ...POST_JSON(body), lang: 'zh-CN' })
    const english = translator('en').t('briefs.screenplay.promptMissing')
    expect(en.body.errors).toEqual([{ field: 'shots.0.prompt', message: english }])
    expect(cn.body.errors).toEqual([
      { field: 'shots.0.prompt', message: translator('zh-CN').t('briefs.screenplay.promptMissing') },
    ])
  })

  it('an image id that is not yours: zh-CN field message', async () => {
    const { briefInput } = await import('../support/render.js')
    const body = { ...briefInput(), imageId: '00000000-0000-4000-8000-000000000000' }
    const en = await ask('/briefs', POST_JSON(body))
    expect(en.body.errors).toEqual([
      { field: 'imageId', message: 'There is no image with this id. Upload it with POST /images first.' },
    ])
    const cn = await ask('/briefs', { ...POST_JSON(body), lang: 'zh-CN' })
    expect(cn.body.errors).toEqual([
      { field: 'imageId', message: '没有与此 ID 对应的图片。请先用 POST /images 上传。' },
    ])
  })

  it('a refusal (the data disk short of room) in zh-HK, with its type and members unchanged', async () => {
    const full = await startTestApp({}, undefined, { freeDiskBytes: async () => 0 })
    try {
      const bob = await newRenderUser(full, 'creator')
      const post = (lang?: string) => {
        const headers: Record<string, string> = { authorization: `Bearer ${bob.apiKey}` }
        if (lang) headers['accept-language'] = lang
        const f = new FormData()
        f.append('image', new Blob([new Uint8Array(8)], { type: 'image/jpeg' }), 'p.jpg')
        return fetch(`${full.url}/api/v1/images`, { method: 'POST', headers, body: f })
      }
      const en = await post()
      const hk = await post('zh-HK')
      expect(en.status).toBe(507)
      expect(hk.status).toBe(507)
      const enBody = (await en.json()) as Problem
      const hkBody = (await hk.json()) as Problem
      expect(enBody.detail).toBe(translator('en').t('briefs.disk.low'))
      expect(hkBody.detail).toBe(translator('zh-HK').t('briefs.disk.low'))
      expect(hkBody.type).toBe(enBody.type)
      expect(hkBody.title).toBe(enBody.title)
      expect(hk.headers.get('vary')).toContain('Accept-Language')
    } finally {
      await full.close()
    }
  })

  it('a body too large for the API: zh-CN detail', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10)
    const cn = await ask('/briefs', { ...POST_JSON({ productName: big }), lang: 'zh-CN' })
    expect(cn.res.status).toBe(413)
    expect(cn.body.detail).toBe('请求正文超过 1 MB。')
  })
})
