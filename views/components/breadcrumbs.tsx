import type { PageLanguage } from '../../src/i18n/page.js'

/** One step of the trail: a link to a real page, or (the last) the current page's name. */
export type Crumb = { label: string; path: string }

/**
 * Where the page sits: every crumb but the last links to a real page, the last is this page's name
 * (aria-current), and the › separators come from CSS between items, so none trails at the end.
 */
export function Breadcrumbs({ lang, trail, current }: { lang: PageLanguage; trail: Crumb[]; current: string }) {
  return (
    <nav class="breadcrumbs" aria-label={lang.t('layout.breadcrumbs')}>
      <ol>
        {trail.map((crumb) => (
          <li>
            <a href={lang.href(crumb.path)}>{crumb.label}</a>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  )
}
