import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv, SignedInEnv } from '../http/env.js'
import { SESSION_TTL_MS, sessionFromToken } from './sessions.js'

// The privacy policy names this one cookie. It holds an opaque session token, not the API key:
// see docs/decisions/001-session-cookie-name.md.
export const SESSION_COOKIE = 'lum_api_key'

export function setSessionCookie(c: Context<AppEnv> | Context<SignedInEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.config.secureCookies,
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  })
}

export function clearSessionCookie(c: Context<AppEnv> | Context<SignedInEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.config.secureCookies, httpOnly: true, sameSite: 'Lax' })
}

/** Reads the cookie on every page request; a tampered, revoked or expired token is dropped. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE)
  if (token) {
    const found = sessionFromToken(c.var.db, token)
    if (found) {
      c.set('user', found.user)
      c.set('session', found.session)
      if (found.renewed) setSessionCookie(c, token)
    } else {
      clearSessionCookie(c)
    }
  }
  await next()
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      return c.redirect(`/signin?next=${encodeURIComponent(c.req.path)}`, 303)
    }
    return c.redirect('/signin', 303)
  }
  await next()
}

/**
 * A sub-app whose every route needs a signed-in person. requireUser runs first, so handlers may
 * rely on `c.var.user` and `c.var.session`, and their type says so.
 */
export function signedInRoutes(): Hono<SignedInEnv> {
  const routes = new Hono<SignedInEnv>()
  routes.use('*', requireUser as unknown as MiddlewareHandler<SignedInEnv>)
  return routes
}
