import type { Config } from '../config.js'

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

/** A response header as Node's `setHeader` takes it. */
export type HeaderLine = readonly [name: string, value: string]

/**
 * The headers on every answer, worked out once from the configuration. The privacy policy
 * promises a content security policy and HSTS. No 'unsafe-inline' and no 'unsafe-eval' anywhere:
 * scripts and styles come only from /static, and htmx is configured (see views/layout.tsx) to
 * inject no inline styles and to evaluate nothing. The rest are the usual hardening headers.
 * A route may set a stricter value of its own (a page holding a token in its URL sends no
 * Referer at all); see src/http/front-door.ts.
 */
export function securityHeaders(config: Pick<Config, 'baseUrl'>): readonly HeaderLine[] {
  const https = config.baseUrl.protocol === 'https:'
  const contentSecurityPolicy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
  return [
    ['Content-Security-Policy', contentSecurityPolicy],
    ...(https ? [['Strict-Transport-Security', `max-age=${2 * ONE_YEAR_SECONDS}; includeSubDomains`] as const] : []),
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'DENY'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
  ]
}
