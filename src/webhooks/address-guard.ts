import net from 'node:net'
import type { Config } from '../config.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import type { Said } from '../i18n/said.js'

/**
 * Which addresses a webhook may reach (SSRF). IPv6 is allow-listed: only global unicast
 * (2000::/3), less the parts of it that embed an IPv4 address, are documentation, or are not
 * routed on the internet; so every form that could smuggle 127.0.0.1 or a private address
 * (::7f00:1, 64:ff9b::7f00:1, 2002:7f00:1::, ::ffff:0:7f00:1, fec0::1, …) is refused without
 * having to be named. IPv4 is checked against IANA's special-purpose registry.
 */
const IPV4_NOT_GLOBAL: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, with the cloud metadata service at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relays (deprecated)
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
]

const IPV6_GLOBAL_UNICAST: [string, number] = ['2000::', 3]
const IPV6_NOT_GLOBAL: readonly [string, number][] = [
  ['2001::', 23], // IETF protocol assignments, with Teredo (2001::/32, embeds IPv4) and ORCHID
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds IPv4)
  ['3fff::', 20], // documentation (RFC 9637)
  ['5f00::', 16], // SRv6 segment identifiers
]
/** ::ffff:0:0/96, IPv4-mapped: a dual-stack socket reaches exactly the IPv4 address inside. */
const IPV4_MAPPED: [string, number] = ['::ffff:0:0', 96]

type Ip = { family: 4 | 6; value: bigint }

function ipv4Value(address: string): bigint | null {
  if (!net.isIPv4(address)) return null
  return address.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n)
}

/** An IPv6 address in any textual form: compressed, with a dotted IPv4 tail, with a zone. */
function ipv6Value(address: string): bigint | null {
  if (!net.isIPv6(address)) return null
  let text = address.replace(/%.*$/, '')
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const v4 = ipv4Value(dotted[2] ?? '')
    if (v4 === null) return null
    text = `${dotted[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`
  }
  const [head = '', tail, ...more] = text.split('::')
  if (more.length > 0) return null
  const headGroups = head ? head.split(':') : []
  const tailGroups = tail ? tail.split(':') : []
  const zeros = Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0')
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups]
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null
  return groups.reduce((n, g) => (n << 16n) | BigInt(`0x${g}`), 0n)
}

function parseIp(address: string): Ip | null {
  const v4 = ipv4Value(address)
  if (v4 !== null) return { family: 4, value: v4 }
  const v6 = ipv6Value(address)
  return v6 === null ? null : { family: 6, value: v6 }
}

/** A test for one range, e.g. subnet('10.0.0.0', 8); the address must be of the range's family. */
function subnet(prefix: string, bits: number): (ip: Ip) => boolean {
  const base = parseIp(prefix)
  if (!base) throw new Error(`not an address: ${prefix}`)
  const shift = BigInt((base.family === 4 ? 32 : 128) - bits)
  return (ip) => ip.family === base.family && ip.value >> shift === base.value >> shift
}

const ipv4NotGlobal = IPV4_NOT_GLOBAL.map(([prefix, bits]) => subnet(prefix, bits))
const ipv6NotGlobal = IPV6_NOT_GLOBAL.map(([prefix, bits]) => subnet(prefix, bits))
const ipv6GlobalUnicast = subnet(...IPV6_GLOBAL_UNICAST)
const ipv4Mapped = subnet(...IPV4_MAPPED)

/** The address a connection to this one really reaches: an IPv4-mapped IPv6 address is its IPv4 address. */
function unmapped(ip: Ip): Ip {
  return ipv4Mapped(ip) ? { family: 4, value: ip.value & 0xffffffffn } : ip
}

function isGlobal(ip: Ip): boolean {
  if (ip.family === 4) return !ipv4NotGlobal.some((inRange) => inRange(ip))
  return ipv6GlobalUnicast(ip) && !ipv6NotGlobal.some((inRange) => inRange(ip))
}

function isLoopback(ip: Ip): boolean {
  return ip.family === 4 ? ip.value >> 24n === 127n : ip.value === 1n
}

export type AddressPolicy = {
  /** Production: https only. */
  requireHttps: boolean
  /** Development and tests may call loopback (127.0.0.0/8 and ::1), and nothing else that is not global. */
  allowLoopback: boolean
}

/** The policy for this server: production calls only public https endpoints. */
export function addressPolicy(config: Pick<Config, 'env'>): AddressPolicy {
  const production = config.env === 'production'
  return { requireHttps: production, allowLoopback: !production }
}

/** Whether a webhook may connect to this address; anything that does not parse is refused. */
export function addressAllowed(address: string, policy: Pick<AddressPolicy, 'allowLoopback'>): boolean {
  const parsed = parseIp(address)
  if (!parsed) return false
  const ip = unmapped(parsed)
  return isGlobal(ip) || (policy.allowLoopback && isLoopback(ip))
}

/** Why a webhook URL or address is refused: shown to its owner, so they never name an address we looked up. */
export const REFUSALS = {
  notUrl: 'This is not a URL.',
  httpsOnly: 'Webhook URLs must use https.',
  httpOrHttps: 'Use an http or https URL.',
  credentials: 'Webhook URLs may not carry a user name or password.',
  address: 'This address is not one we call: use a public host name or address.',
  resolves: 'The webhook host resolves to an address we do not call.',
} as const

/** The same refusals as messages, so the API says them in the language a program asks for. */
const REFUSAL_KEYS = {
  notUrl: 'api.webhook.notUrl',
  httpsOnly: 'api.webhook.httpsOnly',
  httpOrHttps: 'api.webhook.httpOrHttps',
  credentials: 'api.webhook.credentials',
  address: 'api.webhook.address',
  resolves: 'api.webhook.resolves',
} as const satisfies Record<keyof typeof REFUSALS, MessageKey>

/** `message` is the English sentence (stored as a delivery's lastError); `said` is it as a message. */
export class WebhookRefused extends Error {
  readonly said: Said
  constructor(readonly reason: keyof typeof REFUSALS) {
    super(REFUSALS[reason])
    this.said = { key: REFUSAL_KEYS[reason] }
  }
}

/**
 * Checks a URL before it is stored and again before it is called: http(s), no credentials,
 * https in production, and an address written in the URL must be one we call. A host name is
 * checked when it is resolved, at each delivery (src/webhooks/send.ts).
 */
export function checkWebhookUrl(raw: string, policy: AddressPolicy): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new WebhookRefused('notUrl')
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !policy.requireHttps)) {
    throw new WebhookRefused(policy.requireHttps ? 'httpsOnly' : 'httpOrHttps')
  }
  if (url.username || url.password) throw new WebhookRefused('credentials')
  const host = webhookHost(url)
  if (net.isIP(host) && !addressAllowed(host, policy)) throw new WebhookRefused('address')
  return url
}

/** The URL's host as a resolver or connect() takes it (an IPv6 address without its brackets). */
export function webhookHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '')
}
