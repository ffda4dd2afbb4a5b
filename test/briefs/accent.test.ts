import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, saveBrandSettings } from '../../src/brand/kit.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import {
  briefRows,
  controlValue,
  fieldError,
  goodBrief,
  hiddenImageId,
  newUser,
  postBrief,
  type TestUser,
} from './helpers.js'

// The brief form's accent colour (issue 25: "A brief can override the colours"): a picker under
// "More options" that overrides the brand kit's accent for this brief, a box to go back to the
// kit's, the kit's colours shown as what a brief without its own gets. Without JavaScript.

let app: TestApp
let alice: TestUser

beforeAll(async () => {
  app = await startTestApp()
  alice = await newUser(app)
})
afterAll(async () => {
  await app?.close()
})

const photo = async () => ({ bytes: await img.jpeg(900, 900), name: 'p.jpg', type: 'image/jpeg' })
const idOf = (res: Response) => /\/briefs\/([0-9a-f-]{36})\//.exec(res.headers.get('location') ?? '')?.[1]
const savedBrief = (userId: string, id: string | undefined) =>
  briefSchema.parse(briefRows(app, userId).find((b) => b.id === id)!.data)
const summaryOf = (html: string) => /<span class="more-now">([^<]*)<\/span>/.exec(html)?.[1]
const moreOpen = (html: string) => /<details class="card more-options" open=""/.test(html)

describe('the accent colour on the brief form', () => {
  it('is offered under More options, closed, with "Use the default" ticked when there is no kit', async () => {
    const html = await (await alice.client.get('/briefs/new')).text()
    expect(html).toMatch(/<input id="accentColor" type="color" name="accentColor" value="#ffc93c"/)
    expect(html).toMatch(/<input type="checkbox" name="noAccentColor" value="yes" checked=""[^>]*>Use the default/)
    expect(html).toContain('>Default accent</output>')
    expect(html).toContain('Overrides your brand kit’s accent for this brief only')
    expect(moreOpen(html)).toBe(false)
    expect(summaryOf(html)).not.toContain('accent')
    // Without a kit, "No brand colour" is the box's words and nothing else repeats them.
    expect(html.match(/No brand colour/g)).toHaveLength(1)
    expect(html).toMatch(/<output id="brandColor-hex"[^>]*><\/output>/)
  })

  it('says the brand kit’s colours are the default when the person has a kit', async () => {
    const kitted = await newUser(app)
    saveBrandSettings(app.db, kitted.id, { ...DEFAULT_SETTINGS, primaryColor: '#0B6E4F', accentColor: '#FFB000' })
    const html = await (await kitted.client.get('/briefs/new')).text()
    expect(html).toContain('>From your brand kit: #FFB000</output>')
    expect(html).toContain('>From your brand kit: #0B6E4F</output>')
    expect(controlValue(html, 'accentColor')).toBe('#ffb000')
    expect(controlValue(html, 'brandColor')).toBe('#0b6e4f')
    expect(html).toMatch(/name="noAccentColor" value="yes" checked=""[^>]*>Use the brand kit’s/)
    expect(html).toContain('data-none-text="From your brand kit: #FFB000"')
    expect(moreOpen(html)).toBe(false)
  })

  it('saves a picked accent, shows it on the edit form and in the summary, and clears it back to the kit’s', async () => {
    const picked = await postBrief(alice.client, goodBrief({ accentColor: '#00aa55' }), await photo())
    expect(picked.status).toBe(303)
    const id = idOf(picked)
    expect(savedBrief(alice.id, id).accentColor).toBe('#00aa55')

    const edit = await (await alice.client.get(`/briefs/${id}/edit`)).text()
    expect(controlValue(edit, 'accentColor')).toBe('#00aa55')
    expect(edit).toContain('>#00AA55</output>')
    expect(edit).not.toMatch(/name="noAccentColor" value="yes" checked=""/)
    expect(moreOpen(edit)).toBe(true)
    expect(summaryOf(edit)).toBe('Hero reveal · Premium · 9:16 · 30 seconds · accent #00AA55')

    // Saved again untouched, the accent stays; with the box ticked, it goes (the kit's again).
    const again = await postBrief(
      alice.client,
      goodBrief({ accentColor: '#00aa55', imageId: hiddenImageId(edit)! }),
      undefined,
      `/briefs/${id}/edit`,
    )
    expect(again.status).toBe(303)
    expect(savedBrief(alice.id, id).accentColor).toBe('#00aa55')
    const cleared = await postBrief(
      alice.client,
      { ...goodBrief({ accentColor: '#00aa55', imageId: hiddenImageId(edit)! }), noAccentColor: 'yes' },
      undefined,
      `/briefs/${id}/edit`,
    )
    expect(cleared.status).toBe(303)
    expect(savedBrief(alice.id, id).accentColor).toBeUndefined()
    const after = await (await alice.client.get(`/briefs/${id}/edit`)).text()
    expect(after).toMatch(/name="noAccentColor" value="yes" checked=""/)
    expect(summaryOf(after)).not.toContain('accent')
  })

  it('the box ticked saves no accent, whatever colour the picker sends', async () => {
    const none = await postBrief(
      alice.client,
      { ...goodBrief({ accentColor: '#00aa55' }), noAccentColor: 'yes' },
      await photo(),
    )
    expect(none.status).toBe(303)
    expect(savedBrief(alice.id, idOf(none)).accentColor).toBeUndefined()
  })

  it('a value that is not a colour gets the field’s own message, and nothing typed is lost', async () => {
    const res = await postBrief(
      alice.client,
      goodBrief({ productName: 'Keep Me', accentColor: 'green' }),
      await photo(),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'accentColor')).toBe('Accent colour must look like #1A2B3C')
    expect(html).toContain('<a href="#accentColor">Accent colour must look like #1A2B3C</a>')
    expect(controlValue(html, 'productName')).toBe('Keep Me')
    expect(controlValue(html, 'accentColor')).toBe('green')
    expect(moreOpen(html)).toBe(true)
    expect(html).toMatch(/<input id="accentColor"[^>]*aria-invalid="true"[^>]*autofocus=""/)
  })
})
