import { Layout, type Viewer } from '../layout.js'

/**
 * A question a one-click action asks first. The same words are the dialog htmx shows with
 * JavaScript (hx-confirm) and the page a plain form post gets without it.
 */
export type Confirmation = {
  /** The question, as the page's heading: "Rotate your API key?" */
  question: string
  /** What happens if they go on, in a sentence or two. */
  consequence: string
  /** The button that goes on. */
  goLabel: string
  /** The link that leaves everything as it is. */
  keepLabel: string
  /** The button is red: what it does cannot be undone. */
  destructive: boolean
}

/** The words of the JavaScript dialog (hx-confirm): the question and what it does. */
export function dialogText(confirmation: Confirmation): string {
  return `${confirmation.question} ${confirmation.consequence}`
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
  return (
    <Layout title={confirmation.question} viewer={viewer}>
      <section class="card confirm-card">
        <h1>{confirmation.question}</h1>
        <p class="lead">{confirmation.consequence}</p>
        <form method="post" action={action} class="form-actions">
          <input type="hidden" name={CONFIRM_FIELD} value="yes" />
          <button type="submit" class={confirmation.destructive ? 'button button-danger' : 'button'}>
            {confirmation.goLabel}
          </button>
          <a class="button button-secondary" href={keepHref}>
            {confirmation.keepLabel}
          </a>
        </form>
      </section>
    </Layout>
  )
}
