import { describe, expect, it } from 'vitest'
import { localeFromAcceptLanguage, localeFromTag, negotiateLocale } from '../../src/i18n/negotiate.js'
import { pageLanguage } from '../../src/i18n/page.js'

describe('the locale a language tag asks for', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'], // the script says Simplified, whatever the region
    ['zh-TW', 'zh-HK'],
    ['zh-HK', 'zh-HK'],
    ['zh-MO', 'zh-HK'],
    ['zh-Hant', 'zh-HK'],
    ['zh-Hant-CN', 'zh-HK'],
    ['ZH-hk', 'zh-HK'],
    ['zh_TW', 'zh-HK'],
    ['yue', 'zh-HK'],
  ])('%s → %s', (tag, locale) => {
    expect(localeFromTag(tag)).toBe(locale)
  })

  it.each(['fr', 'ja', 'de-DE', '*', '', 'zhx', 'english'])('%s is not a language we speak', (tag) => {
    expect(localeFromTag(tag)).toBeUndefined()
  })
})

describe('Accept-Language', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['*', 'en'],
    ['fr-FR,fr;q=0.9', 'en'],
    ['zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7', 'zh-HK'],
    ['zh-CN,zh;q=0.9', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,zh-HK;q=0.8,en;q=0.7', 'zh-HK'], // the best one we speak
    ['en;q=0.5, zh-Hant;q=0.8', 'zh-HK'], // by weight, not by order
    ['zh-HK;q=0, en', 'en'], // q=0: not acceptable
    ['zh-CN;q=1.5, en', 'en'], // a weight out of range counts for nothing
    ['zh-CN;q=abc, zh-HK', 'zh-HK'],
    ['en, zh-CN', 'en'], // equal weights: the first listed
  ])('%s → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale)
  })

  it('reads a hostile header in bounded time', () => {
    const header = `${'x-y;q=0.1,'.repeat(100_000)}zh-HK`
    const started = performance.now()
    expect(localeFromAcceptLanguage(header)).toBe('en') // past the first 1000 characters: not read
    expect(performance.now() - started).toBeLessThan(50)
  })
})

describe('the request locale: account, then ?lang=, then Accept-Language', () => {
  it('follows the browser when nothing else is said, and carries nothing', () => {
    expect(negotiateLocale({ acceptLanguage: 'zh-TW' })).toEqual({ locale: 'zh-HK', carried: null })
  })

  it("takes a visitor's ?lang= over the browser and carries it while it differs", () => {
    expect(negotiateLocale({ query: 'zh-HK', acceptLanguage: 'en' })).toEqual({ locale: 'zh-HK', carried: 'zh-HK' })
    expect(negotiateLocale({ query: 'en', acceptLanguage: 'zh-CN' })).toEqual({ locale: 'en', carried: 'en' })
    // The same as the browser's: nothing to carry, and the page is the one every such visitor gets.
    expect(negotiateLocale({ query: 'zh-CN', acceptLanguage: 'zh' })).toEqual({ locale: 'zh-CN', carried: null })
  })

  it('ignores a ?lang= it does not know', () => {
    expect(negotiateLocale({ query: 'fr', acceptLanguage: 'zh-CN' })).toEqual({ locale: 'zh-CN', carried: null })
    expect(negotiateLocale({ query: '<script>', acceptLanguage: undefined })).toEqual({ locale: 'en', carried: null })
  })

  it("uses a signed-in person's saved choice over both, and a null one follows the rest", () => {
    const signals = { query: 'en', acceptLanguage: 'zh-CN' }
    expect(negotiateLocale({ ...signals, account: 'zh-HK' })).toEqual({ locale: 'zh-HK', carried: null })
    expect(negotiateLocale({ ...signals, account: null })).toEqual({ locale: 'en', carried: 'en' })
    expect(negotiateLocale({ acceptLanguage: 'zh-CN', account: 'klingon' })).toEqual({ locale: 'zh-CN', carried: null })
  })
})

describe("a page's links", () => {
  it('carry ?lang= only while the choice must be carried, after any query and before a fragment', () => {
    const carried = pageLanguage({ locale: 'zh-HK', carried: 'zh-HK' }, '/signin')
    expect(carried.href('/signup')).toBe('/signup?lang=zh-HK')
    expect(carried.href('/signin?next=%2Fbriefs')).toBe('/signin?next=%2Fbriefs&lang=zh-HK')
    expect(carried.href('/privacy#cookies')).toBe('/privacy?lang=zh-HK#cookies')
    const plain = pageLanguage({ locale: 'zh-HK', carried: null }, '/signin')
    expect(plain.href('/signup')).toBe('/signup')
  })

  it('switch to another language on the same page, keeping its query but not its old lang', () => {
    const page = pageLanguage({ locale: 'zh-HK', carried: 'zh-HK' }, '/confirm-email?token=abc&lang=zh-HK')
    expect(page.here).toBe('/confirm-email?token=abc')
    expect(page.switchHref('zh-CN')).toBe('/confirm-email?token=abc&lang=zh-CN')
    expect(pageLanguage({ locale: 'en', carried: null }, '/?lang=en').switchHref('en')).toBe('/?lang=en')
  })

  it('speak the locale they were made for', () => {
    expect(pageLanguage({ locale: 'zh-CN', carried: null }, '/').t('layout.signIn')).toBe('登录')
    expect(pageLanguage({ locale: 'zh-HK', carried: null }, '/').t('layout.signIn')).toBe('登入')
    expect(pageLanguage({ locale: 'en', carried: null }, '/').t('layout.signIn')).toBe('Sign in')
  })
})
