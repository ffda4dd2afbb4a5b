import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs } from '../../db/schema.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import { fieldError, goodBrief, newUser, postBrief, type TestUser, type Upload } from './helpers.js'

// The brief form's platform choice (issue 24), as a browser without JavaScript sends it: format
// and resolution left on "the platform's default" take the preset's; a length the platform does
// not take is refused on its field with the reason (the API test reads it in Chinese).

let app: TestApp
let alice: TestUser
let photo: Upload

beforeAll(async () => {
  app = await startTestApp()
  alice = await newUser(app)
  photo = { bytes: await img.jpeg(900, 900), name: 'a.jpg', type: 'image/jpeg' }
})
afterAll(async () => {
  await app?.close()
})

const newest = () => app.db.select().from(briefs).all().at(-1)!.data

describe('the brief form with a platform preset', () => {
  it('offers the platforms before the format, with the script that pre-fills', async () => {
    const html = await (await alice.client.get('/briefs/new')).text()
    expect(html.indexOf('name="preset"')).toBeGreaterThan(0)
    expect(html.indexOf('name="preset"')).toBeLessThan(html.indexOf('name="aspectRatio"'))
    expect(html).toContain('<option value="xiaohongshu">Xiaohongshu (3:4)</option>')
    expect(html).toContain('src="/static/presets.js"')
  })

  it('takes the preset’s shape and resolution when they were left to it', async () => {
    const res = await postBrief(
      alice.client,
      goodBrief({ preset: 'xiaohongshu', aspectRatio: '', resolution: '' }),
      photo,
    )
    expect(res.status).toBe(303)
    expect(newest()).toMatchObject({ preset: 'xiaohongshu', aspectRatio: '3:4', resolution: '1080p' })
  })

  it('without a preset, the app’s defaults; a shape chosen by hand wins over the preset’s', async () => {
    expect(
      (await postBrief(alice.client, goodBrief({ preset: 'custom', aspectRatio: '', resolution: '' }), photo)).status,
    ).toBe(303)
    expect(newest()).toMatchObject({ preset: 'custom', aspectRatio: '9:16', resolution: '720p' })
    expect(
      (await postBrief(alice.client, goodBrief({ preset: 'xiaohongshu', aspectRatio: '1:1' }), photo)).status,
    ).toBe(303)
    expect(newest()).toMatchObject({ preset: 'xiaohongshu', aspectRatio: '1:1' })
  })

  it('refuses a length Taobao does not take, saying why on its field', async () => {
    const fields = goodBrief({ preset: 'taobao', aspectRatio: '', lengthSeconds: '60' })
    const res = await postBrief(alice.client, fields, photo)
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), 'lengthSeconds')).toBe(
      'A Taobao main video is at most 60 seconds, end card included: choose 15, 20, 30, 45 seconds.',
    )
  })
})
