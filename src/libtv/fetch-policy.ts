import { LibtvError } from './errors.js'
import type { FetchLike } from './transport.js'

/**
 * Where the URLs LibTV hands back may point (docs/libtv.md#urls-libtv-returns). LiblibAI's
 * guides and the public clients show results on its CDN, `liblibai-online.liblib.cloud` and
 * `liblibai-tmp-image.liblib.cloud`, and the upload bucket
 * `liblibai-airship-temp.oss-cn-beijing.aliyuncs.com`. A leading dot allows a domain's
 * subdomains, so a new CDN name of LiblibAI's own domain keeps working.
 */
export const LIBTV_MEDIA_HOSTS: readonly string[] = [
  '.liblib.cloud',
  'liblibai-airship-temp.oss-cn-beijing.aliyuncs.com',
]

export type FetchPolicy = {
  /** Reached over https only, on the default port: exact host names, or ".domain" for its subdomains. */
  hosts: readonly string[]
  /**
   * Origins trusted as configured (scheme, host and port): LibTV's own API address, which is the
   * simulator on loopback in development and tests, and https in production (src/libtv/config.ts).
   */
  origins: readonly string[]
}

/** The documented hosts, and the API's own origin (where the simulator serves its results and bucket). */
export function defaultFetchPolicy(apiBaseUrl: string): FetchPolicy {
  return { hosts: LIBTV_MEDIA_HOSTS, origins: [new URL(apiBaseUrl).origin] }
}

const MAX_REDIRECTS = 3

/**
 * Checks a URL LibTV returned before anything is sent to it, so a bad or hostile answer can
 * neither reach our private network nor receive the product photo. The refusal is final (not
 * retried); its log message names the host, never the whole URL (it may carry a signature).
 */
export function checkFetchUrl(op: string, raw: string, policy: FetchPolicy, reason: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw refused(op, 'not a URL', reason)
  }
  if (url.username || url.password) throw refused(op, 'credentials in the URL', reason)
  if (policy.origins.includes(url.origin)) return url
  if (url.protocol !== 'https:') throw refused(op, `${url.protocol} is not https`, reason)
  const host = url.hostname
  const listed = policy.hosts.some((h) => (h.startsWith('.') ? host.endsWith(h) : host === h))
  if (!listed || url.port !== '') throw refused(op, `host ${url.host} is not one LibTV documents`, reason)
  return url
}

/**
 * A GET that follows redirects itself (at most 3), checking every hop against the policy:
 * fetch's own following would let an allowed host send us anywhere.
 */
export async function fetchAllowed(opts: {
  op: string
  url: string
  policy: FetchPolicy
  reason: string
  fetch: FetchLike
  signal: AbortSignal
}): Promise<Response> {
  let url = checkFetchUrl(opts.op, opts.url, opts.policy, opts.reason)
  for (let hop = 0; ; hop++) {
    const res = await opts.fetch(url, { signal: opts.signal, redirect: 'manual' })
    const location = res.headers.get('location')
    if (![301, 302, 303, 307, 308].includes(res.status) || !location) return res
    await res.body?.cancel().catch(() => {})
    if (hop >= MAX_REDIRECTS) throw refused(opts.op, 'too many redirects', opts.reason)
    url = checkFetchUrl(opts.op, new URL(location, url).href, opts.policy, opts.reason)
  }
}

function refused(op: string, why: string, reason: string): LibtvError {
  return new LibtvError({ kind: 'protocol', retryable: false, reason, message: `LibTV ${op}: refused URL (${why})` })
}
