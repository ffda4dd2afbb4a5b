import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { type AddressPolicy, addressAllowed, checkWebhookUrl, WebhookRefused } from './address-guard.js'

/** Each attempt's deadline, in all: resolving, connecting, the answer's headers and its body. */
export const ATTEMPT_DEADLINE_MS = 10_000
/** We read at most this much of an answer's body (it is not ours to keep), then hang up. */
const MAX_ANSWER_BYTES = 64 * 1024

export type SendPolicy = AddressPolicy & {
  /** The attempt's deadline, in all (ATTEMPT_DEADLINE_MS; tests shorten it). */
  timeoutMs: number
  /** How host names are resolved (tests stand in a resolver; the default is the system's). */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>
}

/** What a failed attempt records for its owner to read: fixed sentences, never an address or a raw error. */
export const SEND_FAILURES = {
  deadline: (seconds: number) => `No complete answer within the ${seconds}-second deadline.`,
  notFound: 'The webhook host name was not found.',
  refused: 'The connection was refused.',
  closed: 'The connection was closed before a complete answer.',
  tls: 'The secure connection failed: check the certificate.',
  other: 'The request failed.',
  answered: (status: number) => `answered ${status}`,
} as const

export class WebhookTimeout extends Error {}

/** The sentence a failure is stored as. Node's own messages name the address connected to. */
export function failureMessage(err: unknown, policy: Pick<SendPolicy, 'timeoutMs'>): string {
  if (err instanceof WebhookRefused) return err.message
  if (err instanceof WebhookTimeout) return SEND_FAILURES.deadline(Math.round(policy.timeoutMs / 1000))
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? ''
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return SEND_FAILURES.notFound
  if (code === 'ECONNREFUSED') return SEND_FAILURES.refused
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return SEND_FAILURES.closed
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_|DEPTH_ZERO|HOSTNAME/.test(code)) return SEND_FAILURES.tls
  return SEND_FAILURES.other
}

/**
 * POSTs a webhook. The host is resolved once, every address is checked, and the connection uses
 * exactly the checked address, so a DNS answer that changes between check and connect (rebinding)
 * cannot reach a private address. The whole attempt has one deadline, so an endpoint that
 * trickles its answer cannot hold a delivery slot for longer. Answers the status once the answer
 * is read; throws on a refusal, an error or the deadline.
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
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    const found = net.isIP(hostname)
      ? Promise.resolve([{ address: hostname, family: net.isIP(hostname) }])
      : resolve(hostname)
    found.then(
      (addresses) => {
        const [first] = addresses
        if (!first || addresses.some((a) => !addressAllowed(a.address, policy))) {
          callback(new WebhookRefused('resolves'), '', 4)
        } else if ((options as { all?: boolean }).all) {
          ;(callback as unknown as (err: null, list: typeof addresses) => void)(null, addresses)
        } else callback(null, first.address, first.family)
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 4),
    )
  }
  return await new Promise<number>((done, fail) => {
    let settled = false
    const settle = (finish: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      finish()
    }
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      lookup,
      // A fresh connection each time: a pooled one could outlive the deadline or the check.
      agent: false,
    })
    const deadline = setTimeout(() => {
      settle(() => fail(new WebhookTimeout()))
      request.destroy()
    }, policy.timeoutMs)
    request.on('error', (err) => settle(() => fail(err)))
    request.on('response', (res) => {
      const status = res.statusCode ?? 0
      let read = 0
      res.on('data', (chunk: Buffer) => {
        read += chunk.length
        if (read > MAX_ANSWER_BYTES) {
          settle(() => done(status))
          request.destroy()
        }
      })
      res.on('end', () => settle(() => done(status)))
      res.on('error', (err) => settle(() => fail(err)))
      res.on('close', () => settle(() => fail(Object.assign(new Error('closed'), { code: 'ECONNRESET' }))))
    })
    request.end(body)
  })
}
