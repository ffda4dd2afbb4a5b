import type { Viewer } from '../../views/layout.js'
import type { AppDeps } from './env.js'

/** What the page chrome needs to know about the request (the signed-in person, if any), and nothing more. */
export function viewerOf(c: { var: { user?: { email: string } | undefined; deps: AppDeps } }): Viewer {
  const { user, deps } = c.var
  return { email: user?.email ?? null, simulatedRenders: deps.runtime.simulatedRenders }
}
