import { createHash, createHmac, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { MAX_IMAGE_BYTES, UPLOAD_FIELDS } from '../api.js'
import { sendText } from './http-util.js'
import { imageHashOf } from './retention.js'

const UPLOAD_TTL_MS = 3600_000 // LibTV's upload policy expires after 1 h
const FIELD_ORDER = [...UPLOAD_FIELDS.map(([field]) => field), 'file']

/**
 * A stand-in for the Aliyun OSS bucket of LibTV's upload route (docs/libtv.md#uploading-an-image):
 * issues POST policies, takes multipart uploads, serves the files.
 */
export class SimBucket {
  readonly #secret = randomUUID()
  readonly #issued = new Map<string, { policy: string; expiresAt: number }>()
  readonly #files = new Map<string, { bytes: Uint8Array; type: string; storedAt: number; source: string }>()

  constructor(
    private readonly postUrl: string,
    private readonly now: () => number,
  ) {}

  /** The answer to upload step 1, the signature request. */
  issue(extension: string): Record<string, string | number> {
    const now = this.now()
    const key = `img/${randomUUID().replaceAll('-', '')}.${extension}`
    const expiration = new Date(now + UPLOAD_TTL_MS).toISOString()
    const policy = Buffer.from(
      JSON.stringify({ expiration, conditions: [['content-length-range', 0, MAX_IMAGE_BYTES], { key }] }),
    ).toString('base64')
    this.#issued.set(key, { policy, expiresAt: now + UPLOAD_TTL_MS })
    return {
      key,
      policy,
      postUrl: this.postUrl,
      xOssDate: new Date(now).toISOString().replace(/[-:]|\.\d{3}/g, ''),
      xOssExpires: 3600,
      xOssSignature: this.#sign(policy),
      xOssCredential: 'LTAIsimulator/cn-shanghai/oss/aliyun_v4_request',
      xOssSignatureVersion: 'OSS4-HMAC-SHA256',
    }
  }

  /**
   * Upload step 2: fields in the documented order, file last, policy and signature as issued.
   * Like OSS, a policy may be used again until it expires (the same key is overwritten), so an
   * upload whose answer was lost can be sent again. `dropAnswer`: store, then cut the connection.
   */
  async receive(req: IncomingMessage, raw: Buffer, res: ServerResponse, dropAnswer?: () => void): Promise<unknown> {
    let form: FormData
    try {
      form = await new Request('http://bucket/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: new Uint8Array(raw),
      }).formData()
    } catch {
      sendText(res, 400, '<Error><Code>MalformedPOSTRequest</Code></Error>', 'application/xml')
      return null
    }
    const entries = [...form.entries()]
    const described = entries.map(([name, value]) => [
      name,
      typeof value === 'string' ? value : { bytes: value.size, type: value.type, filename: value.name },
    ])
    const names = entries.map(([name]) => name)
    const field = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : '')
    const grant = this.#issued.get(field('key'))
    const file = form.get('file')
    if (names.join(',') !== FIELD_ORDER.join(',')) {
      sendText(
        res,
        400,
        '<Error><Code>InvalidArgument</Code><Message>fields out of order</Message></Error>',
        'application/xml',
      )
    } else if (!grant || grant.policy !== field('policy') || this.#sign(grant.policy) !== field('x-oss-signature')) {
      sendText(res, 403, '<Error><Code>SignatureDoesNotMatch</Code></Error>', 'application/xml')
    } else if (grant.expiresAt < this.now()) {
      sendText(
        res,
        403,
        '<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>',
        'application/xml',
      )
    } else if (typeof file === 'string' || file === null || file.size > MAX_IMAGE_BYTES) {
      sendText(res, 400, '<Error><Code>EntityTooLarge</Code></Error>', 'application/xml')
    } else {
      const key = field('key')
      const type = key.endsWith('.png') ? 'image/png' : 'image/jpeg'
      const bytes = new Uint8Array(await file.arrayBuffer())
      // The grant stays until it expires, as OSS's policy does: an upload whose answer was lost is
      // sent again with the same one.
      this.#files.set(key, { bytes, type, storedAt: this.now(), source: imageHashOf(bytes) })
      if (dropAnswer) dropAnswer()
      // OSS's answer to a PostObject without success_action_status: 204 with the object's ETag.
      else
        res
          .writeHead(204, {
            ETag: `"${createHash('md5').update(bytes).digest('hex').toUpperCase()}"`,
            'x-oss-request-id': randomUUID().replaceAll('-', '').toUpperCase(),
          })
          .end()
    }
    return { multipart: described }
  }

  /** The source images (SHA-256) of the files it holds, for the retention sweep. */
  sources(): string[] {
    return [...this.#files.values()].map((f) => f.source)
  }

  /** Drops every stored file `drop` names (too old, or its image no longer held). Returns how many. */
  forget(drop: (file: { storedAt: number; source: string }) => boolean): number {
    for (const [key, grant] of this.#issued) if (grant.expiresAt < this.now()) this.#issued.delete(key)
    let dropped = 0
    for (const [key, file] of this.#files) {
      if (drop(file)) {
        this.#files.delete(key)
        dropped++
      }
    }
    return dropped
  }

  serve(key: string, res: ServerResponse): void {
    const file = this.#files.get(key)
    if (!file) return sendText(res, 404, '<Error><Code>NoSuchKey</Code></Error>', 'application/xml')
    res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.bytes.byteLength })
    res.end(file.bytes)
  }

  #sign(policy: string): string {
    return createHmac('sha256', this.#secret).update(policy).digest('hex')
  }
}
