import { LOCALE_NAMES } from '../../src/i18n/locales.js'
import type { PageLanguage } from '../../src/i18n/page.js'

/**
 * English / 简体中文 / 繁體中文 on every page, each name in its own language. A visitor gets links
 * (`?lang=`, carried by the next pages' links); a signed-in person a small form that saves the
 * choice on their account (and so their mail). Both work without JavaScript; no cookie is set.
 */
export function LanguageSwitch({ lang, signedIn }: { lang: PageLanguage; signedIn: boolean }) {
  const label = lang.t('layout.languageNav')
  if (!signedIn) {
    return (
      <nav class="nav lang-switch" aria-label={label}>
        {lang.locales.map((locale) => (
          <a
            href={lang.switchHref(locale)}
            lang={locale}
            hreflang={locale}
            aria-current={locale === lang.locale ? 'true' : undefined}
          >
            {LOCALE_NAMES[locale]}
          </a>
        ))}
      </nav>
    )
  }
  return (
    <nav class="nav lang-switch" aria-label={label}>
      <form method="post" action="/language" class="inline-form lang-switch-form">
        <input type="hidden" name="next" value={lang.here} />
        {lang.locales.map((locale) => (
          <button
            type="submit"
            name="locale"
            value={locale}
            class="link-button"
            lang={locale}
            aria-pressed={locale === lang.locale ? 'true' : 'false'}
          >
            {LOCALE_NAMES[locale]}
          </button>
        ))}
      </form>
    </nav>
  )
}
