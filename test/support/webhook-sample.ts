import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export type Verify = (secret: string, header: unknown, rawBody: string) => boolean

const unescapeHtml = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/**
 * The webhook check exactly as /docs/api serves it to developers: read from the page, written
 * to a module and imported, so what is tested is what a developer copies.
 */
export async function servedVerifySample(appUrl: string): Promise<Verify> {
  const html = await (await fetch(`${appUrl}/docs/api`)).text()
  const code = /<code data-sample="verify-webhook">([\s\S]*?)<\/code>/.exec(html)?.[1]
  if (!code) throw new Error('/docs/api shows no webhook check sample')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-verify-'))
  const file = path.join(dir, 'verify.mjs')
  fs.writeFileSync(file, unescapeHtml(code))
  try {
    const sample = (await import(pathToFileURL(file).href)) as { verify: Verify }
    return sample.verify
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
