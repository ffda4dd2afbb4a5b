import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'

/** Addresses a webhook may never reach (SSRF): loopback, private, link-local, metadata and the like. */
const forbidden = new net.BlockList()
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, with the cloud metadata service at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  forbidden.addSubnet(prefix, bits, 'ipv4')
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  forbidden.addSubnet(prefix, bits, 'ipv6')
const loopback = new net.BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

export type SendPolicy = {
  /** Production: https only, and no private addresses. Development and tests may use loopback. */
  requireHttps: boolean
  allowLoopback: boolean
  timeoutMs: number
  /** How host names are resolved (tests stand in a resolver; the default is the system's). */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>
}

export class WebhookRefused extends Error {}

function mapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (v4) return { address: v4, family: 'ipv4' }
  return { address, family: net.isIPv6(address) ? 'ipv6' : 'ipv4' }
}

/** Whether a webhook may connect to this address under the policy. */
export function addressAllowed(address: string, policy: Pick<SendPolicy, 'allowLoopback'>): boolean {
  const ip = mapped(address)
  if (policy.allowLoopback && loopback.check(ip.address, ip.family)) return true
  return !forbidden.check(ip.address, ip.family)
}

/** Checks a URL's form before it is stored or called: http(s), no credentials, https in production. */
export function checkWebhookUrl(raw: string, policy: Pick<SendPolicy, 'requireHttps'>): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new WebhookRefused('This is not a URL.')
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !policy.requireHttps)) {
    throw new WebhookRefused(policy.requireHttps ? 'Webhook URLs must use https.' : 'Use an http or https URL.')
  }
  if (url.username || url.password) throw new WebhookRefused('Webhook URLs may not carry a user name or password.')
  return url
}

/**
 * POSTs a webhook. The host is resolved once, every address is checked, and the connection uses
 * exactly the checked address, so a DNS answer that changes between check and connect (rebinding)
 * cannot reach a private address. Answers the status; throws on a refusal, an error or a timeout.
 */
export async function postWebhook(
  raw: string,
  body: string,
  headers: Record<string, string>,
  policy: SendPolicy,
): Promise<number> {
  const url = checkWebhookUrl(raw, policy)
  const resolve =
    policy.resolve ??
    ((host: string) => dns.promises.lookup(host, { all: true }) as Promise<{ address: string; family: number }[]>)
  return await new Promise<number>((done, fail) => {
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const lookup: net.LookupFunction = (hostname, options, callback) => {
      const found = net.isIP(hostname)
        ? Promise.resolve([{ address: hostname, family: net.isIP(hostname) }])
        : resolve(hostname)
      found.then(
        (addresses) => {
          const refused = addresses.find((a) => !addressAllowed(a.address, policy))
          if (refused || addresses.length === 0) {
            callback(
              new WebhookRefused(
                `The webhook host resolves to an address we do not call (${refused?.address ?? 'none'}).`,
              ),
              '',
              4,
            )
          } else if ((options as { all?: boolean }).all) {
            ;(callback as unknown as (err: null, list: typeof addresses) => void)(null, addresses)
          } else callback(null, addresses[0]!.address, addresses[0]!.family)
        },
        (err: Error) => callback(err as NodeJS.ErrnoException, '', 4),
      )
    }
    if (net.isIP(host) && !addressAllowed(host, policy)) {
      fail(new WebhookRefused(`The webhook address ${host} is not one we call.`))
      return
    }
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      lookup,
      timeout: policy.timeoutMs,
    })
    request.on('timeout', () => request.destroy(new Error(`no answer within ${policy.timeoutMs} ms`)))
    request.on('error', fail)
    request.on('response', (res) => {
      res.resume() // the answer's body is not ours to keep
      done(res.statusCode ?? 0)
    })
    request.end(body)
  })
}
