import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { ApiEnv, AppEnv, SignedInEnv } from './env.js'

/**
 * The caller's address, used only as an in-memory rate-limit key. A client can send any header,
 * and one trusted wrongly lets it name a new address on every request and step round every
 * per-address limit, so a proxy header counts only where TRUST_PROXY says who sets it:
 * - `fly`: Fly-Client-IP, which Fly's proxy sets itself (replacing any a client sent). Nothing else.
 * - a number of proxies: each appends the address it was reached from to X-Forwarded-For, so
 *   the one that many entries from the right was added by the outermost of ours; anything left
 *   of it is the client's own say. Fly-Client-IP is ignored: Caddy passes it on as sent.
 * - unset: the connection's own address.
 */
export function clientAddress(c: Context<AppEnv> | Context<SignedInEnv> | Context<ApiEnv>): string {
  const trust = c.var.config.trustProxy
  if (trust === 'fly') return c.req.header('fly-client-ip')?.trim() || connectionAddress(c)
  if (trust > 0) return addedByProxies(c.req.header('x-forwarded-for'), trust) ?? connectionAddress(c)
  return connectionAddress(c)
}

/** The X-Forwarded-For entry our `proxies` proxies vouch for: the one that many from the right. */
export function addedByProxies(header: string | undefined, proxies: number): string | undefined {
  const hops = (header ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
  // Fewer entries than proxies: every entry is one of ours, and the left-most reaches back furthest.
  return hops[Math.max(0, hops.length - proxies)]
}

function connectionAddress(c: Context<AppEnv> | Context<SignedInEnv> | Context<ApiEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // not served by @hono/node-server (e.g. app.request in a unit test)
  }
}
