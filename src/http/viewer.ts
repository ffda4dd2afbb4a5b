import type { Viewer } from '../../views/layout.js'

/** What the page chrome needs to know about the signed-in person, and nothing more. */
export function viewerOf(c: { var: { user?: { email: string } | undefined } }): Viewer {
  return c.var.user ? { email: c.var.user.email } : null
}
