import { Layout, type Viewer } from '../layout.js'
import { EnglishGoverns } from './english-governs.js'
import type { Operator } from './privacy.js'
import { TermsZhCN } from './terms.zh-CN.js'
import { TermsZhHK } from './terms.zh-HK.js'

// The terms in English (the text that governs) and their translations, section by section the same.
export function TermsPage({ viewer, operator }: { viewer: Viewer; operator: Operator }) {
  const { locale } = viewer.lang
  return (
    <Layout title={viewer.lang.t('legal.termsTitle')} viewer={viewer} translated>
      <EnglishGoverns viewer={viewer} />
      {locale === 'zh-CN' ? (
        <TermsZhCN operator={operator} />
      ) : locale === 'zh-HK' ? (
        <TermsZhHK operator={operator} />
      ) : (
        <TermsEn operator={operator} />
      )}
    </Layout>
  )
}

function TermsEn({ operator }: { operator: Operator }) {
  return (
    <article class="card prose">
      <h1>Terms of service</h1>
      <p class="muted">Last updated: 5 December 2026 · operated by {operator.name}</p>

      <h2>1. The service</h2>
      <p>
        Lumina.AI turns a product brief and product photo into a short marketing video. Screenplays are written on our
        server; each shot is rendered by our video provider, LibTV, and the clips are stitched into one video that you
        can download.
      </p>

      <h2>2. Your account</h2>
      <p>
        You must be 13 or older to use Lumina.AI. Keep your password and API key secret: anyone holding your API key can
        use your monthly quota. Rotate the key from your account page if you think it has leaked.
      </p>

      <h2>3. Your content</h2>
      <p>
        You keep all rights to your briefs, images and videos. You give us only the permission needed to store them and
        to send each image and shot prompt to LibTV to render your video. Upload only images you have the right to use,
        and nothing unlawful, hateful or sexual: the video provider refuses such content, and we may too.
      </p>

      <h2>4. Plans and quotas</h2>
      <p>
        Each plan includes a number of videos per calendar month (UTC). A video counts when you start its render. A
        render that fails does not count, unless our video provider had already charged for work on it: for example when
        its moderation refused a clip it had rendered, or when other shots were already being rendered as one failed.
        The page of a failed video says whether it counts. Cancelling is free until our video provider has started on
        one of its shots; after that the video still counts, because the provider has charged for the work, and the
        Cancel button says so before you confirm. Unused videos do not carry over.
      </p>

      <h2>5. Availability</h2>
      <p>
        We work to keep the service running and your work safe, with daily backups, but we provide it as is, without a
        guarantee that it will always be available or that every render will succeed.
      </p>

      <h2>6. Ending</h2>
      <p>
        You can delete your account at any time from your account page. We may suspend accounts that abuse the service,
        after telling you why by email.
      </p>

      <h2>7. Contact</h2>
      <p>
        Questions: <a href={`mailto:${operator.contactEmail}`}>{operator.contactEmail}</a>.
      </p>
    </article>
  )
}
