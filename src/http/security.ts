import { secureHeaders } from 'hono/secure-headers'
import type { Config } from '../config.js'

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

/**
 * The privacy policy promises a content security policy and HSTS. No 'unsafe-inline' and no
 * 'unsafe-eval' anywhere: scripts and styles come only from /static, and htmx is configured
 * (see views/layout.tsx) to inject no inline styles and to evaluate nothing.
 */
export function securityHeaders(config: Config) {
  const https = config.baseUrl.protocol === 'https:'
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      ...(https ? { upgradeInsecureRequests: [] } : {}),
    },
    strictTransportSecurity: https ? `max-age=${2 * ONE_YEAR_SECONDS}; includeSubDomains` : false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
    },
  })
}
