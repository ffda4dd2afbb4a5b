import type { Context } from 'hono'
import type { Viewer } from '../../views/layout.js'
import type { AppEnv } from './env.js'

/** What the page chrome needs to know about the signed-in person, and nothing more. */
export function viewerOf(c: Context<AppEnv>): Viewer {
  return c.var.user ? { email: c.var.user.email } : null
}
