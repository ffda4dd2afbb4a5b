// Issue 23: the account page puts sign-in and security first, the person's data next and the
// developers' part last; sizes read honestly; the fresh API key has a copy button; a wrong password
// at account deletion brings the person back to that field, not to the top of a long page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatBytes } from '../../src/i18n/format.js'
import { signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

describe('the account page (issue 23)', () => {
  it('orders security, then your data, then storage and usage, with developers last', async () => {
    const { client } = await signUpUser(app)
    const html = await (await client.get('/account')).text()
    const at = (id: string) => html.indexOf(`id="${id}"`)
    for (const id of ['security', 'your-data', 'storage', 'statements', 'developers'])
      expect(at(id), id).toBeGreaterThan(0)
    expect(at('security')).toBeLessThan(at('your-data'))
    expect(at('your-data')).toBeLessThan(at('storage'))
    expect(at('statements')).toBeLessThan(at('developers'))
    // Nothing but the page's end after the developers' part (its one card, inside #developers).
    expect(html.indexOf('<section', at('developers-heading'))).toBe(-1)
  })

  it('shows sizes under a megabyte in kilobytes, never "0 MB" for something stored', () => {
    expect(formatBytes('en', 412 * 1024)).toBe('412 kB')
    expect(formatBytes('en', 10)).toBe('1 kB')
    expect(formatBytes('en', 0)).toBe('0 kB')
    expect(formatBytes('en', 1024 * 1024 - 100)).toBe('1.0 MB')
    expect(formatBytes('en', 3 * 1024 * 1024)).toBe('3.0 MB')
    expect(formatBytes('zh-CN', 200 * 1024 * 1024)).toBe('200 MB')
  })

  it('spaces the export buttons and the rotate button from its note', async () => {
    const { client } = await signUpUser(app)
    const html = await (await client.get('/account')).text()
    expect(html).toContain('<p class="button-row export-buttons">')
    expect(html).toMatch(/hx-post="\/account\/api-key"[^>]*class="form-actions"/)
    const css = await (await client.get('/static/app.css')).text()
    expect(css).toMatch(/\.button-row \{\s*display: flex;\s*flex-wrap: wrap;\s*gap: 12px;/)
  })

  it('offers a copy button for a freshly shown key, hidden until the script finds a clipboard', async () => {
    const { client } = await signUpUser(app)
    expect((await client.postForm('/account/api-key', { confirm: 'yes' })).status).toBe(303)
    const html = await (await client.get('/account')).text()
    expect(html).toMatch(/<input[^>]*data-testid="api-key-full" id="api-key-full"/)
    expect(html).toMatch(/<button type="button"[^>]*hidden=""[^>]*data-copy-from="api-key-full"/)
    expect(html).toContain('<script src="/static/copy-button.js" defer=""></script>')
    const script = await client.get('/static/copy-button.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toContain('text/javascript')
    // Shown once only: the next visit has neither the key nor its copy button.
    expect(await (await client.get('/account')).text()).not.toContain('data-copy-from')
  })

  it('brings a wrong password at deletion back to the field, focused, with the error beside it', async () => {
    const { client } = await signUpUser(app)
    const before = await (await client.get('/account')).text()
    expect(before).not.toMatch(/autofocus/)

    const wrong = await client.postForm('/account/delete', { password: 'not my password' })
    expect(wrong.status).toBe(422)
    const html = await wrong.text()
    expect(html).toContain('<details class="danger-zone" id="delete-account" open="">')
    const field = /<input id="password"[^>]*>/.exec(html.slice(html.indexOf('id="delete-account"')))?.[0] ?? ''
    expect(field).toContain('aria-invalid="true"')
    expect(field).toContain('autofocus=""')
    expect(html).toContain('That password is not correct.')
  })
})
