import type { PageLanguage } from '../../src/i18n/page.js'

/** How to get more videos than the plan gives, as configured (src/config.ts moreVideos). */
export type MoreVideos = { upgradeUrl: string | undefined; contactEmail: string | undefined }

/**
 * The way past the plan wall, as the operator configured it: their plans page (PLAN_UPGRADE_URL)
 * and/or an address to write to (PLAN_CONTACT_EMAIL). Neither set: nothing, and the sentence
 * beside it (when the quota resets) is all there is to say.
 */
export function MoreVideosHint({ lang, moreVideos }: { lang: PageLanguage; moreVideos: MoreVideos }) {
  const { upgradeUrl, contactEmail } = moreVideos
  if (!upgradeUrl && !contactEmail) return null
  return (
    <div class="more-videos" data-testid="more-videos">
      {upgradeUrl && (
        <a class="button" href={upgradeUrl}>
          {lang.t('plan.getMore')}
        </a>
      )}
      {contactEmail && (
        <p class="muted">
          {lang.rich('plan.writeTo', {
            email: contactEmail,
            link: (words) => <a href={`mailto:${contactEmail}`}>{words}</a>,
          })}
        </p>
      )}
    </div>
  )
}
