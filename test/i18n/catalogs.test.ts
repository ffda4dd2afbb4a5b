import fs from 'node:fs'
import path from 'node:path'
import { IntlMessageFormat } from 'intl-messageformat'
import { describe, expect, it } from 'vitest'
import { en, type MessageKey } from '../../src/i18n/catalogs/en.js'
import { catalogs } from '../../src/i18n/catalogs/index.js'
import { zhHK } from '../../src/i18n/catalogs/zh-HK.js'
import { LOCALES } from '../../src/i18n/locales.js'
import { projectPath } from '../../src/paths.js'

// A catalog missing a key does not compile (each says `satisfies Record<MessageKey, string>`);
// tsc --noEmit checks this line, and fails if the catalog type ever stops catching it.
const { 'layout.skipLink': _dropped, ...missingOne } = zhHK
// @ts-expect-error: a catalog without 'layout.skipLink' is not a catalog
const _incomplete: Record<MessageKey, string> = missingOne
void _incomplete

/** The names a message uses: its placeholders ({name}, {n, plural, …}) and its tags (<link>…</link>). */
function namesIn(message: string, locale: string): string[] {
  const found = new Set<string>()
  type Node = { type: number; value?: unknown; options?: Record<string, { value: Node[] }>; children?: Node[] }
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural; 8 a tag (intl-messageformat's TYPE enum).
      if (node.type >= 1 && node.type <= 6) found.add(`{${String(node.value)}}`)
      if (node.type === 8) found.add(`<${String(node.value)}>`)
      for (const option of Object.values(node.options ?? {})) walk(option.value)
      walk(node.children ?? [])
    }
  }
  walk(new IntlMessageFormat(message, locale).getAst() as Node[])
  return [...found].sort()
}

const keys = Object.keys(en) as MessageKey[]

describe('the message catalogs', () => {
  it('each has exactly the keys of the English one', () => {
    for (const locale of LOCALES) {
      expect(Object.keys(catalogs[locale]).sort(), locale).toEqual([...keys].sort())
    }
  })

  it('each message parses, and says the same placeholders and tags in every language', () => {
    const differ: string[] = []
    for (const key of keys) {
      const english = namesIn(en[key], 'en')
      for (const locale of LOCALES) {
        const names = namesIn(catalogs[locale][key], locale)
        if (names.join() !== english.join()) differ.push(`${locale} ${key}: ${names.join()} ≠ ${english.join()}`)
      }
    }
    expect(differ).toEqual([])
  })

  it('translates every message: a Chinese one equal to the English is a copy left behind', () => {
    // Messages made only of placeholders and punctuation may read the same.
    const same = keys.filter((key) => /[A-Za-z]{2}/.test(en[key].replace(/\{[^}]*\}/g, '')))
    for (const locale of ['zh-CN', 'zh-HK'] as const) {
      expect(
        same.filter((key) => catalogs[locale][key] === en[key]),
        locale,
      ).toEqual([])
    }
  })

  it('writes zh-CN in Simplified and zh-HK in Traditional characters', () => {
    // Characters common on these pages that differ between the two scripts.
    const simplified = '们这个邮录设视频账号户请输确认页删发链连务线类与为时过还说对认证码单钟开关击择让将后从'
    const traditional = '們這個郵錄設視頻賬號戶請輸確認頁刪發鏈連務線類與為時過還說對認證碼單鐘開關擊擇讓將後從'
    const uses = (text: string, chars: string) => [...text].filter((ch) => chars.includes(ch))
    for (const key of keys) {
      expect(uses(catalogs['zh-CN'][key], traditional), `zh-CN ${key}`).toEqual([])
      expect(uses(catalogs['zh-HK'][key], simplified), `zh-HK ${key}`).toEqual([])
    }
  })

  it('uses every key somewhere in src/ or views/ (an unused key is a message nobody sees)', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) return full.endsWith(path.join('i18n', 'catalogs')) ? [] : files(full)
        return /\.tsx?$/.test(entry.name) ? [full] : []
      })
    const source = [...files(projectPath('src')), ...files(projectPath('views'))]
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n')
    const unused = keys.filter((key) => !source.includes(`'${key}'`) && !source.includes(`"${key}"`))
    expect(unused).toEqual([])
  })
})
