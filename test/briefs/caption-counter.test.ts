// The screenplay editor's caption counter (issue 22): said by the server, kept live by
// static/caption-counter.js, which must count exactly as src/screenplay/caption-guide.ts does.
import fs from 'node:fs'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../../src/screenplay/brief.js'
import { captionLength, captionLimit } from '../../src/screenplay/caption-guide.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import { createBrief, decodeHtml, editorFields, newUser, postFields, readEditor, type TestUser } from './helpers.js'

/** Runs the static script against a stand-in document and returns what its counter shows. */
function runScript() {
  let onInput: ((event: { target: unknown }) => void) | undefined
  const text = { textContent: '', getAttribute: () => '{count} / 28' }
  const over = { hidden: true }
  const counter = {
    limit: '28',
    script: 'chinese',
    getAttribute(name: string) {
      return name === 'data-caption-limit' ? this.limit : this.script
    },
    querySelector: (selector: string) => (selector.includes('over') ? over : text),
    classList: { toggle: () => undefined },
  }
  const document = {
    addEventListener: (_type: string, listener: typeof onInput) => {
      onInput = listener
    },
    getElementById: (id: string) => (id === 'caption-1-count' ? counter : null),
  }
  vm.runInNewContext(fs.readFileSync('static/caption-counter.js', 'utf8'), { document })
  return (value: string, language: Language) => {
    counter.script = language === 'en' ? 'latin' : 'chinese'
    counter.limit = String(captionLimit(language))
    onInput?.({ target: { value, getAttribute: () => 'caption-1-count' } })
    return { count: Number(text.textContent.split(' ')[0]), over: !over.hidden }
  }
}

describe('static/caption-counter.js', () => {
  it('counts as the engine does, in every language', () => {
    const type = runScript()
    const samples = [
      '',
      'Flicker-free light that is easy on the eyes',
      'USB-C phone charging in the base',
      '底座 USB-C 手机充电',
      '無頻閃，護眼不累',
      '灯头可倾斜旋转，折叠后薄到可以放进任何书架和抽屉',
      'Café crème 😀 au lait',
    ]
    for (const sample of samples) {
      for (const language of ['en', 'zh-CN', 'zh-HK'] as const) {
        expect(type(sample, language), `${language}: ${sample}`).toEqual({
          count: captionLength(sample, language),
          over: captionLength(sample, language) > captionLimit(language),
        })
      }
    }
  })
})

describe('the editor page', () => {
  let app: TestApp
  let alice: TestUser
  let base: string
  beforeAll(async () => {
    app = await startTestApp()
    alice = await newUser(app)
    const photo = { bytes: await img.jpeg(900, 1200), name: 'p.jpg', type: 'image/jpeg' }
    const brief = await createBrief(alice.client, photo, { productName: 'Velvet Serum', lengthSeconds: '30' })
    base = `/briefs/${brief.id}/screenplay`
  })
  afterAll(async () => {
    await app?.close()
  })

  it('says each caption’s length and the guide without JavaScript, and loads the live counter', async () => {
    const html = await (await alice.client.get(base)).text()
    const editor = readEditor(html)
    expect(html).toContain('<script src="/static/caption-counter.js" defer="">')
    editor.shots.forEach((shot, i) => {
      const n = i + 1
      expect(html).toContain(`data-caption-counter="caption-${n}-count"`)
      const counter = new RegExp(`<p class="hint caption-count[^"]*" id="caption-${n}-count"[\\s\\S]*?</p>`).exec(
        html,
      )?.[0]
      expect(decodeHtml(counter ?? '')).toContain(`${captionLength(shot.caption, 'en')} / 40`)
    })
    expect(html).toContain('About 40 characters can be read in the seconds a caption is on screen.')
  })

  it('a caption over the guide is saved, with a warning; over the hard cap it is refused', async () => {
    const editor = readEditor(await (await alice.client.get(base)).text())
    const long = 'A caption that goes on well past the forty characters a viewer can read'
    editor.shots[0]!.caption = long
    const saved = await postFields(alice.client, base, editorFields(editor))
    expect(saved.status).toBe(303)
    const page = await (await alice.client.get(saved.headers.get('location')!)).text()
    expect(readEditor(page).shots[0]!.caption).toBe(long)
    const counter = /<p class="hint caption-count caption-over" id="caption-1-count"[\s\S]*?<\/p>/.exec(page)?.[0] ?? ''
    expect(decodeHtml(counter)).toContain(`${long.length} / 40`)
    expect(counter).toMatch(/<strong data-caption-over="true">Longer than that/) // not hidden

    editor.shots[0]!.caption = 'x'.repeat(161)
    const refused = await postFields(alice.client, base, editorFields(editor))
    expect(refused.status).toBe(422)
  })
})
