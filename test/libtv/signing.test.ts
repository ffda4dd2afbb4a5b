import { describe, expect, it } from 'vitest'
import { signature, signedUrl } from '../../src/libtv/signing.js'

describe('LibTV request signing', () => {
  // Vectors computed independently of this code:
  //   printf '%s' '/api/generate/status&1725458584000&ab12' | openssl dgst -sha1 -hmac 'SK' -binary | base64 | tr '+/' '-_' | tr -d '='
  //   printf '%s' '/api/generate/video/kling/img2video&1725458584000&0f9e8d7c' | openssl dgst -sha1 -hmac 'lumina-test-secret' -binary | base64 | tr '+/' '-_' | tr -d '='
  it.each([
    ['/api/generate/status', '1725458584000', 'ab12', 'SK', 'GKCoYmLRlwAlVlP_xHqXFZyVD_I'],
    [
      '/api/generate/video/kling/img2video',
      '1725458584000',
      '0f9e8d7c',
      'lumina-test-secret',
      'HqDpe7ej8Uc9mE6VXezopGjo51g',
    ],
  ])('signs %s like openssl does', (path, ts, nonce, secret, expected) => {
    expect(signature(path, ts, nonce, secret)).toBe(expected)
  })

  it('uses the URL-safe alphabet without padding', () => {
    for (let i = 0; i < 200; i++) {
      const sig = signature('/api/generate/status', String(1725458584000 + i), `n${i}`, 'SK')
      expect(sig).toMatch(/^[A-Za-z0-9_-]{27}$/) // 20 bytes → 27 characters once '=' is dropped
    }
  })

  it('puts the four parameters in the query and signs only the path', () => {
    const url = new URL(
      signedUrl(
        'https://openapi.example/',
        '/api/generate/status',
        { accessKey: 'AK', secretKey: 'SK' },
        1725458584000,
        'ab12',
      ),
    )
    expect(url.origin + url.pathname).toBe('https://openapi.example/api/generate/status')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      AccessKey: 'AK',
      Signature: 'GKCoYmLRlwAlVlP_xHqXFZyVD_I',
      Timestamp: '1725458584000',
      SignatureNonce: 'ab12',
    })
    expect(url.search).not.toContain('SK')
  })

  it('uses a fresh nonce and the current time by default', () => {
    const a = new URL(signedUrl('https://x', '/p', { accessKey: 'AK', secretKey: 'SK' }))
    const b = new URL(signedUrl('https://x', '/p', { accessKey: 'AK', secretKey: 'SK' }))
    expect(a.searchParams.get('SignatureNonce')).not.toBe(b.searchParams.get('SignatureNonce'))
    expect(Math.abs(Number(a.searchParams.get('Timestamp')) - Date.now())).toBeLessThan(5000)
  })
})
