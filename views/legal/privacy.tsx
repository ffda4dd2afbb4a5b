import { Layout, type Viewer } from '../layout.js'
import { EnglishGoverns } from './english-governs.js'
import { PrivacyZhCN } from './privacy.zh-CN.js'
import { PrivacyZhHK } from './privacy.zh-HK.js'

export type Operator = {
  name: string
  contactEmail: string
  dataRegion: string
  hostingProvider: string
  domain: string
}

// This page follows the published privacy policy section by section, in our words. Every sentence
// here is a promise the code keeps (test/accounts/promises.test.ts proves the main ones); change
// the code and this page together, and its translations (privacy.zh-CN.tsx, privacy.zh-HK.tsx,
// section by section the same; the English text governs).
export function PrivacyPage({ viewer, operator }: { viewer: Viewer; operator: Operator }) {
  const { locale } = viewer.lang
  return (
    <Layout title={viewer.lang.t('legal.privacyTitle')} viewer={viewer} translated>
      <EnglishGoverns viewer={viewer} />
      {locale === 'zh-CN' ? (
        <PrivacyZhCN operator={operator} href={viewer.lang.href} />
      ) : locale === 'zh-HK' ? (
        <PrivacyZhHK operator={operator} href={viewer.lang.href} />
      ) : (
        <PrivacyEn operator={operator} />
      )}
    </Layout>
  )
}

/** The published policy, in English: the text that governs. */
function PrivacyEn({ operator }: { operator: Operator }) {
  const mail = `mailto:${operator.contactEmail}`
  return (
    <article class="card prose">
      <h1>Privacy policy</h1>
      <p class="muted">Last updated: 12 May 2026 · operated by {operator.name}</p>

      <h2>1. What we keep</h2>
      <p>When you create an account, we store only:</p>
      <ul>
        <li>
          <strong>Your email address</strong>, to identify your account and to send transactional notices: the link that
          confirms your address, password resets, and security notices (a changed password or email, a new API key or
          webhook, a paused sign-in, a deleted account).
        </li>
        <li>
          <strong>Your password</strong>, as a one-way scrypt hash with a random salt. We never see or store the
          password itself.
        </li>
        <li>
          <strong>Your API key</strong>, created for you automatically when you confirm your email, to authenticate API
          calls. We keep only a fingerprint (a SHA-256 hash) and its first characters, so we can show you which key is
          active but could never reveal it. Sign-in cookies and mailed links are kept the same way: as hashes only.
        </li>
        <li>
          <strong>Usage records</strong>: the time and technical details (video, number of shots, length, model) of each
          video you generate, to enforce your plan's monthly quota and for billing.
        </li>
        <li>
          <strong>Your briefs and uploaded images</strong>, the inputs you submit, so we can run the pipeline and keep
          your work. Images are re-encoded when uploaded, which removes their metadata, including any GPS location.
        </li>
      </ul>
      <p>
        We do not store your IP address, your browser's user agent or any tracking identifier. Rate limits on sign-in
        and sign-up are counted in memory only and forgotten within the hour. A mail waiting to be sent holds your
        address until it is sent; after that we keep only how many mails went out each day.
      </p>

      <h2>2. Where your data lives</h2>
      <p>
        Your data is stored on servers hosted by {operator.hostingProvider} in {operator.dataRegion}, with its backups.
        We do not transfer data to mainland China, the EU or the United States. If you use Lumina.AI from those regions,
        your data crosses borders to be processed.
      </p>

      <h2>3. What we never do</h2>
      <ul>
        <li>We do not sell your data to anyone.</li>
        <li>We do not run advertising or analytics trackers.</li>
        <li>We do not use your briefs to train AI models.</li>
      </ul>

      <h2>4. The one service we send data to</h2>
      <p>
        To render video, Lumina.AI calls one external service: <strong>LibTV</strong> (liblib.tv), an image-to-video
        provider. For each shot we send your product image and that shot's prompt, and LibTV returns a video. We never
        send your email or any account identifier. LibTV's own privacy policy applies to what it receives.
      </p>
      <p>
        Screenplays, the shot prompts written from your brief, are produced entirely on our server by a deterministic
        template engine. No AI model is called and no data leaves our server for this step.
      </p>

      <h2>5. Your rights</h2>
      <ul>
        <li>
          <strong>Access</strong>: sign in and open your <a href="/account">account page</a> to see your profile, usage
          and API key.
        </li>
        <li>
          <strong>Delete</strong>: delete your account from the account page. Your email, password hash, API key, usage
          records, briefs, images and videos are removed from the live system at once, and any render in progress stops.
          No backup is kept longer than 30 days, and restoring one never brings a deleted account back: so within 30
          days your data is gone from our backups too. We send one last mail to say it is done.
        </li>
        <li>
          <strong>Correct</strong>: change your email yourself on the account page (we mail a link to the new address
          and tell the old one), or <a href={mail}>contact us</a>.
        </li>
        <li>
          <strong>Export</strong>: download everything at any time from the account page: a ZIP with a JSON file of
          every record we keep about you, your photos and your finished videos. Or ask us and we will send it within 30
          days.
        </li>
      </ul>

      <h2>6. Cookies</h2>
      <p>
        We use exactly one functional cookie, <code>lum_api_key</code>, to keep you signed in. It holds a random sign-in
        token, is sent only to this site, and cannot be read by scripts. We use no tracking, third-party or analytics
        cookies.
      </p>

      <h2>7. Security</h2>
      <p>
        All traffic to {operator.domain} is HTTPS-only with HSTS enforced. Passwords are hashed with scrypt. Sign-in and
        sign-up are rate limited, every page is served with a strict content security policy, and the server runs in a
        container as a non-root user. Backups are taken daily; when the operator configures a bucket, the database is
        also replicated off-site continuously and your files are copied there after each daily backup. Off-site copies
        older than 30 days are deleted.
      </p>

      <h2>8. Children</h2>
      <p>Lumina.AI is not directed at children under 13, and we do not knowingly collect data from anyone under 13.</p>

      <h2>9. Changes</h2>
      <p>
        If we change this policy materially, we will email every account with a confirmed address, as email is the only
        way we can reach you. Continuing to use Lumina.AI after a change means you accept it.
      </p>

      <h2>10. Contact</h2>
      <p>
        Email <a href={mail}>{operator.contactEmail}</a> with any privacy question or to exercise your rights.
      </p>
      <p>
        <a href="/">← Back to Lumina.AI</a>
      </p>
    </article>
  )
}
