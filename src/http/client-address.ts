import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { ApiEnv, AppEnv, SignedInEnv } from './env.js'

/**
 * The caller's address, used only as an in-memory rate-limit key. Proxy headers are trusted
 * only when TRUST_PROXY is set (Fly puts the real client in Fly-Client-IP); otherwise anyone
 * could dodge the limit by sending a different X-Forwarded-For each time.
 */
export function clientAddress(c: Context<AppEnv> | Context<SignedInEnv> | Context<ApiEnv>): string {
  if (c.var.config.trustProxy) {
    const forwarded = c.req.header('fly-client-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0]
    if (forwarded?.trim()) return forwarded.trim()
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // not served by @hono/node-server (e.g. app.request in a unit test)
  }
}
