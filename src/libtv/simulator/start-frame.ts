import sharp from 'sharp'
import { MAX_IMAGE_BYTES } from '../api.js'

export type StartFrame = { ok: true; bytes: Uint8Array } | { ok: false; code: 100000 | 100030 | 100032; why: string }

/**
 * Fetches and checks a startFrame the way LibTV's doc describes it: a public http(s) URL of a JPG or
 * PNG, at most 10 MB, each side ≥ 300 px, aspect between 1:2.5 and 2.5:1. Any other scheme
 * is refused before a connection is made.
 */
export async function fetchStartFrame(url: string, timeoutMs: number): Promise<StartFrame> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, code: 100000, why: 'startFrame is not a URL' }
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, code: 100000, why: 'startFrame must be http(s)' }
  }
  let res: Response
  try {
    res = await fetch(parsed, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' })
  } catch {
    return { ok: false, code: 100030, why: 'startFrame unreachable' }
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => {})
    return { ok: false, code: 100030, why: `startFrame answered HTTP ${res.status}` }
  }
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    const reader = res.body.getReader()
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      size += r.value.byteLength
      if (size > MAX_IMAGE_BYTES) {
        await reader.cancel().catch(() => {})
        return { ok: false, code: 100030, why: 'startFrame larger than 10 MB' }
      }
      chunks.push(r.value)
    }
  } catch {
    return { ok: false, code: 100032, why: 'startFrame download failed' }
  }
  const bytes = Buffer.concat(chunks)
  try {
    const meta = await sharp(bytes).metadata()
    const { format, width = 0, height = 0 } = meta
    if (format !== 'jpeg' && format !== 'png') return { ok: false, code: 100000, why: `startFrame format ${format}` }
    if (width < 300 || height < 300) return { ok: false, code: 100000, why: 'startFrame sides must be ≥ 300 px' }
    const aspect = width / height
    if (aspect < 1 / 2.5 || aspect > 2.5)
      return { ok: false, code: 100000, why: 'startFrame aspect outside 1:2.5–2.5:1' }
  } catch {
    return { ok: false, code: 100000, why: 'startFrame is not an image' }
  }
  return { ok: true, bytes }
}
