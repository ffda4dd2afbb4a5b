import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefSchema } from '../../src/screenplay/brief.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import { briefRows, goodBrief, hiddenImageId, newUser, postBrief, type TestUser } from './helpers.js'

// Issue 23, the brief on one phone screen and a half: the photo first, required fields marked,
// errors announced with links and the first one focused, one growing list of selling points,
// choices as cards, a colour picker with "No brand colour". All of it without JavaScript.

let app: TestApp
let alice: TestUser

beforeAll(async () => {
  app = await startTestApp()
  alice = await newUser(app)
})
afterAll(async () => {
  await app?.close()
})

const boxes = (html: string) => html.match(/<input type="text" name="sellingPoints"[^>]*>/g) ?? []

describe('the new brief form', () => {
  it('puts the photo first, marks what is required and offers one selling-point box', async () => {
    const html = await (await alice.client.get('/briefs/new')).text()
    expect(html.indexOf('name="photo"')).toBeLessThan(html.indexOf('name="productName"'))
    expect(html).toMatch(
      /<input id="photo" type="file" name="photo" multiple="" accept="[^"]*image\/\*"[^>]*required=""/,
    )
    for (const name of ['productName', 'audience', 'callToAction'])
      expect(html).toMatch(new RegExp(`<input id="${name}" name="${name}" type="text" value="" required=""`))
    expect(html).toMatch(/<textarea id="description" name="description"[^>]*required=""/)
    expect(html.match(/class="required-mark" aria-hidden="true"> \*<\/span>/g)!.length).toBeGreaterThanOrEqual(8)
    expect(boxes(html)).toHaveLength(1)
    expect(boxes(html)[0]).toContain('required=""')
    expect(html).toContain('value="addPoint"')
    // Style, tone and format as cards with a line each; the colour is a picker, none by default.
    expect(html).toMatch(/id="template-lifestyle" name="template" value="lifestyle"[^>]*>.*?The product in use/)
    expect(html).toMatch(/id="tone-warm" name="tone" value="warm"[^>]*>.*?Soft light/)
    expect(html).toMatch(/id="aspectRatio-1x1" name="aspectRatio" value="1:1"/)
    expect(html).toMatch(/<input id="brandColor" type="color" name="brandColor"/)
    expect(html).toMatch(/<input type="checkbox" name="noBrandColor" value="yes" checked=""/)
  })

  it('"Add another" without JavaScript brings the form back with one more box, focused, nothing saved', async () => {
    const before = briefRows(app, alice.id).length
    const photo = { bytes: await img.jpeg(900, 900), name: 'p.jpg', type: 'image/jpeg' }
    const res = await postBrief(
      alice.client,
      { ...goodBrief({ sellingPoints: ['Warm light', 'Oak base'] }), intent: 'addPoint' },
      photo,
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    const list = boxes(html)
    expect(list).toHaveLength(3)
    expect(list[0]).toContain('value="Warm light"')
    expect(list[1]).toContain('value="Oak base"')
    expect(list[2]).toContain('value=""')
    expect(list[2]).toContain('autofocus=""')
    expect(list[2]).toContain('aria-label="Selling point 3"')
    expect(html).not.toContain('role="alert"') // not an error: nothing was submitted yet
    expect(hiddenImageId(html)).toBeDefined() // the photo sent with it is kept as the preview
    expect(briefRows(app, alice.id)).toHaveLength(before)

    const full = await postBrief(alice.client, {
      ...goodBrief({ sellingPoints: ['a', 'b', 'c', 'd', 'e'] }),
      intent: 'addPoint',
      imageId: hiddenImageId(html)!,
    })
    const fullHtml = await full.text()
    expect(boxes(fullHtml)).toHaveLength(6)
    expect(fullHtml).not.toContain('value="addPoint"') // six is the most
  })

  it('announces errors in a summary linking to each field, marks them invalid and focuses the first', async () => {
    const res = await postBrief(alice.client, goodBrief({ productName: '', description: '', sellingPoints: [''] }))
    expect(res.status).toBe(422)
    const html = await res.text()
    const summary = /<div class="notice notice-error error-summary" role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1]
    expect(summary).toBeDefined()
    const links = [...summary!.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1])
    expect(links).toEqual(['photo', 'productName', 'description', 'sellingPoint-1'])
    expect(html).toMatch(
      /<input id="photo"[^>]*aria-invalid="true"[^>]*autofocus=""|<input id="photo"[^>]*autofocus=""[^>]*aria-invalid="true"/,
    )
    expect(html).toMatch(/<input id="productName"[^>]*aria-invalid="true"/)
    expect(html).not.toMatch(/<input id="productName"[^>]*autofocus/) // one field is focused: the first
    expect(html).toMatch(/<textarea id="description"[^>]*aria-invalid="true"/)
  })

  it('"No brand colour" saves none; a picked colour is saved', async () => {
    const photo = async () => ({ bytes: await img.jpeg(900, 900), name: 'p.jpg', type: 'image/jpeg' })
    const none = await postBrief(
      alice.client,
      { ...goodBrief({ brandColor: '#112233' }), noBrandColor: 'yes' },
      await photo(),
    )
    const picked = await postBrief(alice.client, goodBrief({ brandColor: '#112233' }), await photo())
    expect([none.status, picked.status]).toEqual([303, 303])
    const saved = (res: Response) => {
      const id = /\/briefs\/([0-9a-f-]{36})\//.exec(res.headers.get('location')!)![1]
      return briefSchema.parse(briefRows(app, alice.id).find((b) => b.id === id)!.data)
    }
    expect(saved(none).brandColor).toBeUndefined()
    expect(saved(picked).brandColor).toBe('#112233')
    const edit = await (
      await alice.client.get(`${/^(\/briefs\/[^/]+)\//.exec(none.headers.get('location')!)![1]}/edit`)
    ).text()
    expect(edit).toMatch(/name="noBrandColor" value="yes" checked=""/)
  })
})
