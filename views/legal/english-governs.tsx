import type { Viewer } from '../layout.js'

/**
 * A translated policy or terms page says first that the English text governs, and links to it:
 * `?lang=en`, which the legal pages honour even for a signed-in person whose account says
 * otherwise (src/legal/routes.tsx), so everyone can read the text that binds.
 */
export function EnglishGoverns({ viewer }: { viewer: Viewer }) {
  const { locale, rich, switchHref } = viewer.lang
  if (locale === 'en') return null
  return (
    <p class="notice notice-info">
      {rich('legal.englishGoverns', {
        link: (words) => (
          <a href={switchHref('en')} hreflang="en">
            {words}
          </a>
        ),
      })}
    </p>
  )
}
