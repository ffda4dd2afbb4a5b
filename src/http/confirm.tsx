import type { Context } from 'hono'
import { CONFIRM_FIELD, type Confirmation, ConfirmPage } from '../../views/pages/confirm.js'
import type { SignedInEnv } from './env.js'
import { viewerOf } from './viewer.js'

/**
 * Whether a one-click action's post says the person confirmed it: htmx sends the field (hx-vals)
 * only after its dialog was answered yes, the confirmation page's button always. A plain form
 * post from a browser without JavaScript has none, so it gets the question first.
 */
export async function isConfirmed(c: Context): Promise<boolean> {
  const body = await c.req.parseBody()
  return body[CONFIRM_FIELD] === 'yes'
}

/** The question as a page, whose button posts to the same address again with the confirmation. */
export function askFirst(c: Context<SignedInEnv>, confirmation: Confirmation, keepHref: string) {
  c.header('Cache-Control', 'no-store')
  return c.html(
    <ConfirmPage viewer={viewerOf(c)} confirmation={confirmation} action={c.req.path} keepHref={keepHref} />,
  )
}

/** After a post: a redirect, or for htmx HX-Redirect (it would otherwise swap the next page into the form). */
export function seeOther(c: Context, location: string) {
  if (c.req.header('hx-request') === 'true') return c.body(null, 204, { 'HX-Redirect': location })
  return c.redirect(location, 303)
}
