import { getConnInfo } from '@hono/node-server/conninfo'
import { Hono, type MiddlewareHandler } from 'hono'
import { DevMailboxPage, DevMailPage } from '../../views/mail/dev-mailbox.js'
import type { AppEnv } from '../http/env.js'
import { viewerOf } from '../http/viewer.js'
import { DevMailbox, devMailDir } from './transport.js'

// Only the machine itself may read the local mailbox: it holds sign-in links. Proxy headers are
// never consulted here, whatever TRUST_PROXY says.
const loopbackOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  let address = ''
  try {
    address = getConnInfo(c).remote.address ?? ''
  } catch {}
  const loopback = address === '::1' || /^(::ffff:)?127\./.test(address)
  if (!loopback || c.req.header('x-forwarded-for') || c.req.header('fly-client-ip')) return c.notFound()
  await next()
}

/** /dev/mail: the mails "sent" on a local run without SMTP_URL. Never mounted in production. */
export function devMailRoutes(dataDir: string) {
  const mailbox = new DevMailbox(devMailDir(dataDir))
  const routes = new Hono<AppEnv>()
  routes.use('*', loopbackOnly)
  routes.use('*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
  })
  routes.get('/', async (c) => {
    const mails = await mailbox.list()
    return c.html(
      <DevMailboxPage
        viewer={viewerOf(c)}
        mails={mails.map(({ id, to, subject, sentAt }) => ({ id, to, subject, sentAt }))}
      />,
    )
  })
  routes.get('/:id', async (c) => {
    const mail = await mailbox.find(c.req.param('id'))
    if (!mail) return c.notFound()
    return c.html(<DevMailPage viewer={viewerOf(c)} mail={mail} />)
  })
  // The mail's HTML part as the recipient's client shows it, framed by the mail's page only. It is
  // the app's own markup, yet shown as untrusted: a sandboxed frame (no script, no forms, its own
  // origin) and a policy of its own that lets its inline styles in and nothing else, not even
  // images. Every other page keeps the app's policy without 'unsafe-inline'.
  routes.get('/:id/html', async (c) => {
    const mail = await mailbox.find(c.req.param('id'))
    if (!mail) return c.notFound()
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox",
    )
    c.header('X-Frame-Options', 'SAMEORIGIN')
    return c.html(mail.html)
  })
  return routes
}
