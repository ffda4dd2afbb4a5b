import type { MessageKey } from '../../src/i18n/catalogs/index.js'
import type { Translator } from '../../src/i18n/translate.js'
import { Layout, type Viewer } from '../layout.js'

/**
 * A question a one-click action asks first. The same words are the dialog htmx shows with
 * JavaScript (hx-confirm) and the page a plain form post gets without it. Each is a message key,
 * said in the page's language.
 */
export type Confirmation = {
  /** The question, as the page's heading: "Rotate your API key?" */
  question: MessageKey
  /** What happens if they go on, in a sentence or two. */
  consequence: MessageKey
  /** The button that goes on. */
  goLabel: MessageKey
  /** The link that leaves everything as it is. */
  keepLabel: MessageKey
  /** The button is red: what it does cannot be undone. */
  destructive: boolean
}

/** The words of the JavaScript dialog (hx-confirm): the question and what it does. */
export function dialogText({ t }: Pick<Translator, 't'>, confirmation: Confirmation): string {
  return t('account.confirm.dialog', { question: t(confirmation.question), consequence: t(confirmation.consequence) })
}

/** The name of the field a confirmed post carries (hx-vals with JavaScript, a hidden input without). */
export const CONFIRM_FIELD = 'confirm'

/** hx-vals for a form whose htmx request runs only after the dialog was answered yes. */
export const CONFIRMED_VALS = JSON.stringify({ [CONFIRM_FIELD]: 'yes' })

/** Without JavaScript: the page a form posted without confirmation answers with. Its button posts again, confirmed. */
export function ConfirmPage({
  viewer,
  confirmation,
  action,
  keepHref,
}: {
  viewer: Viewer
  confirmation: Confirmation
  /** Where the confirmed form posts: the same address the first post went to. */
  action: string
  /** Back to where they were, nothing changed. */
  keepHref: string
}) {
  const { t, href } = viewer.lang
  return (
    <Layout title={t(confirmation.question)} viewer={viewer} translated>
      <section class="card confirm-card">
        <h1>{t(confirmation.question)}</h1>
        <p class="lead">{t(confirmation.consequence)}</p>
        <form method="post" action={href(action)} class="form-actions">
          <input type="hidden" name={CONFIRM_FIELD} value="yes" />
          <button type="submit" class={confirmation.destructive ? 'button button-danger' : 'button'}>
            {t(confirmation.goLabel)}
          </button>
          <a class="button button-secondary" href={href(keepHref)}>
            {t(confirmation.keepLabel)}
          </a>
        </form>
      </section>
    </Layout>
  )
}
