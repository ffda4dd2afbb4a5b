import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { MAX_IMAGE_BYTES, UPLOAD_FIELDS, UPLOAD_SIGNATURE_PATH } from './api.js'
import { BUSY_REASON } from './codes.js'
import { LibtvError } from './errors.js'
import { checkFetchUrl, type FetchPolicy } from './fetch-policy.js'
import { expectAnswer, type FetchLike, parseRetryAfter, type Transport, withTimeout } from './transport.js'

export type ImageExtension = 'jpg' | 'jpeg' | 'png'

// The answer to upload step 1 (docs/libtv.md#uploading-an-image); xOssExpires is documented as 3600
// and may come as a number or a string.
const uploadSignature = z.object({
  key: z.string().min(1),
  policy: z.string(),
  postUrl: z.url({ protocol: /^https?$/ }),
  xOssDate: z.union([z.string(), z.number()]),
  xOssExpires: z.union([z.string(), z.number()]),
  xOssSignature: z.string(),
  xOssCredential: z.string(),
  xOssSignatureVersion: z.string(),
})
export type UploadSignature = z.infer<typeof uploadSignature>

const UPLOAD_REASON = 'The product image could not be handed to the video service.'

export function checkImage(bytes: Uint8Array, ext: string): asserts ext is ImageExtension {
  if (!['jpg', 'jpeg', 'png'].includes(ext) || bytes.byteLength === 0 || bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new LibtvError({
      kind: 'invalid_request',
      reason: 'The product image must be a JPG or PNG of at most 10 MB.',
      message: `LibTV upload: refused locally (${ext}, ${bytes.byteLength} bytes)`,
    })
  }
}

/** Upload step 1: a signed request for an upload policy. The name is random: no file name of the user's leaves. */
export async function requestUploadSignature(
  transport: Transport,
  ext: ImageExtension,
  signal?: AbortSignal,
): Promise<UploadSignature> {
  const data = await transport.post(
    'upload signature',
    UPLOAD_SIGNATURE_PATH,
    { name: randomUUID().replaceAll('-', ''), extension: ext },
    signal,
  )
  return expectAnswer('upload signature', uploadSignature, data, 'upload policy')
}

/**
 * Upload steps 2–3: the multipart POST to the bucket, fields in order and `file` last; returns the
 * public URL. The photo goes only to a bucket the policy allows, and never follows a redirect.
 * It counts as stored only on OSS's documented success (docs/libtv.md#uploading-an-image): any
 * other answer, a 2xx included, is retried with the same policy (OSS lets a policy be used until
 * it expires, and the same key is simply written again).
 */
export async function postToBucket(opts: {
  sig: UploadSignature
  bytes: Uint8Array
  ext: ImageExtension
  fetch: FetchLike
  policy: FetchPolicy
  timeoutMs: number
  signal?: AbortSignal | undefined
}): Promise<string> {
  const postUrl = checkFetchUrl('upload', opts.sig.postUrl, opts.policy, UPLOAD_REASON)
  const form = new FormData()
  for (const [field, prop] of UPLOAD_FIELDS) form.append(field, String(opts.sig[prop]))
  const type = opts.ext === 'png' ? 'image/png' : 'image/jpeg'
  form.append('file', new Blob([new Uint8Array(opts.bytes)], { type }), `image.${opts.ext}`)
  return withTimeout('upload', opts.timeoutMs, opts.signal, async (signal) => {
    // A redirect answers as a refusal below (not 2xx) instead of re-sending the photo elsewhere.
    const res = await opts.fetch(postUrl, { method: 'POST', body: form, signal, redirect: 'manual' })
    const body = await res.text()
    if (!res.ok) {
      const transient = res.status === 429 || res.status >= 500
      throw new LibtvError({
        kind: transient ? 'unavailable' : 'image',
        retryable: transient,
        code: res.status,
        reason: transient ? BUSY_REASON : UPLOAD_REASON,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), Date.now()),
        message: `LibTV upload: the bucket answered HTTP ${res.status}`,
      })
    }
    if (!bucketStored(res.status, res.headers.get('etag'), body, opts.sig.key)) {
      throw new LibtvError({
        kind: 'protocol',
        retryable: true,
        code: res.status,
        reason: BUSY_REASON,
        message: `LibTV upload: HTTP ${res.status} without the bucket's confirmation that it stored the image`,
      })
    }
    return `${opts.sig.postUrl.replace(/\/+$/, '')}/${opts.sig.key}`
  })
}

/**
 * OSS's PostObject success: 204 with an empty body when the form names no success_action_status
 * (ours does not: the fields are exactly LibTV's), 200 with an empty body or 201 with a
 * PostResponse XML naming the key when it does; every one carries the object's ETag.
 */
function bucketStored(status: number, etag: string | null, body: string, key: string): boolean {
  if (!etag || !/^"?[0-9A-Fa-f-]{8,}"?$/.test(etag)) return false
  if (status === 204 || status === 200) return body.length === 0
  if (status === 201) return /<PostResponse>[\s\S]*<\/PostResponse>/.test(body) && body.includes(`<Key>${key}</Key>`)
  return false
}
