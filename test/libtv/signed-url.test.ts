import { describe, expect, it } from 'vitest'
import { signImageUrl, verifyImageSignature } from '../../src/libtv/signed-url.js'

const secret = 'image-url-secret-for-tests-0001'
const now = 1_800_000_000_000
const path = '/libtv/images/9b2f6c1e-4a51-4d7e-8f3a-2c1d0e9f8a7b.png'

function parts(url: string) {
  const u = new URL(url)
  return { path: u.pathname, expires: u.searchParams.get('expires'), sig: u.searchParams.get('sig') }
}

describe('signed image URLs', () => {
  const url = signImageUrl({ baseUrl: 'https://lumina.example', path, secret, expiresAt: now + 3600_000 })

  it('builds a URL on the base with expires and sig', () => {
    const u = new URL(url)
    expect(u.origin).toBe('https://lumina.example')
    expect(u.pathname).toBe(path)
    expect(u.searchParams.get('expires')).toBe(String(now + 3600_000))
    expect(u.searchParams.get('sig')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('accepts the URL before it expires', () => {
    expect(verifyImageSignature({ ...parts(url), secret, now })).toEqual({ ok: true })
    expect(verifyImageSignature({ ...parts(url), secret, now: now + 3599_999 })).toEqual({ ok: true })
  })

  it('refuses it once expired', () => {
    expect(verifyImageSignature({ ...parts(url), secret, now: now + 3600_000 })).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('refuses a later expiry written into the URL', () => {
    const p = parts(url)
    expect(verifyImageSignature({ ...p, expires: String(now + 7200_000), secret, now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
  })

  it('refuses a tampered signature, whichever character changed', () => {
    const p = parts(url)
    for (let i = 0; i < p.sig!.length; i++) {
      const c = p.sig![i] === 'A' ? 'B' : 'A'
      const sig = p.sig!.slice(0, i) + c + p.sig!.slice(i + 1)
      expect(verifyImageSignature({ ...p, sig, secret, now })).toEqual({ ok: false, reason: 'bad_signature' })
    }
  })

  it('refuses the signature on another file', () => {
    const p = parts(url)
    expect(verifyImageSignature({ ...p, path: '/libtv/images/other.png', secret, now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    expect(verifyImageSignature({ ...p, path: `${path}/../other.png`, secret, now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
  })

  it('refuses a URL signed with another secret', () => {
    expect(verifyImageSignature({ ...parts(url), secret: 'another-secret-of-enough-length', now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
  })

  it.each([
    ['no sig', { sig: null }],
    ['no expires', { expires: undefined }],
    ['non-numeric expires', { expires: '17e12' }],
    ['short sig', { sig: 'abc' }],
    ['padded sig', { sig: `${'A'.repeat(42)}=` }],
  ])('refuses a malformed request (%s)', (_name, change) => {
    expect(verifyImageSignature({ ...parts(url), ...change, secret, now })).toEqual({ ok: false, reason: 'malformed' })
  })

  it('will not sign with a weak secret or a path with a query', () => {
    expect(() => signImageUrl({ baseUrl: 'https://x', path, secret: 'short', expiresAt: now })).toThrow(RangeError)
    expect(() => signImageUrl({ baseUrl: 'https://x', path: '/a?b=1', secret, expiresAt: now })).toThrow(RangeError)
  })
})
