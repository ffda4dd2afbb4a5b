// The URLs LibTV returns (result downloads, the upload bucket) are fetched only over https on the
// hosts LibTV documents, or on the API's own origin (the simulator on loopback); redirects are
// checked hop by hop; a stalled transfer ends at its timeout.
import { readdir } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLibtvClient, type LibtvClient } from '../../src/libtv/client.js'
import { LibtvError } from '../../src/libtv/errors.js'
import { checkFetchUrl, defaultFetchPolicy } from '../../src/libtv/fetch-policy.js'
import { tempDir } from './helpers.js'

/** Enough of an MP4 for the download's checks: an ftyp box first, then moov and mdat boxes that end the file. */
const box = (type: string, size: number) => {
  const b = Buffer.alloc(size, 1)
  b.writeUInt32BE(size, 0)
  b.write(type, 4, 'latin1')
  return b
}
const MP4 = Buffer.concat([box('ftyp', 24), box('moov', 500), box('mdat', 1500)])

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}
function close(server: Server | undefined) {
  if (!server) return Promise.resolve()
  server.closeAllConnections()
  return new Promise<void>((r) => server.close(() => r()))
}

let libtv: { server: Server; origin: string }
let foreign: { server: Server; origin: string }
let bucketUrl = ''
const foreignHits: string[] = []
const fetched: string[] = []
let client: LibtvClient
let impatient: LibtvClient
let tmp: Awaited<ReturnType<typeof tempDir>>

beforeAll(async () => {
  tmp = await tempDir()
  // Somewhere LibTV's answers must not send us: any other origin, here another loopback port.
  foreign = await listen((req, res) => {
    foreignHits.push(`${req.method} ${req.url}`)
    req.resume()
    res.writeHead(200, { 'content-type': 'video/mp4' }).end(MP4)
  })
  // A stand-in for LibTV's API origin (where the simulator also serves results and its bucket).
  libtv = await listen((req, res) => {
    req.resume()
    const url = req.url ?? '/'
    if (url.startsWith('/api/generate/upload/signature')) {
      const data = { key: 'k/1.png', policy: 'p', postUrl: bucketUrl, xOssDate: '1', xOssExpires: 3600 }
      const sig = { ...data, xOssSignature: 's', xOssCredential: 'c', xOssSignatureVersion: 'v' }
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 0, data: sig }))
    }
    if (url === '/clip.mp4') return void res.writeHead(200, { 'content-type': 'video/mp4' }).end(MP4)
    if (url === '/bucket') return void res.writeHead(204, { etag: '"5B3C1A2E053D763E1B002CC607C5A0FE"' }).end()
    if (url === '/hop') return void res.writeHead(302, { location: '/clip.mp4' }).end()
    if (url === '/away') return void res.writeHead(302, { location: `${foreign.origin}/clip.mp4` }).end()
    if (url === '/loop') return void res.writeHead(302, { location: '/loop' }).end()
    // Headers and the first bytes, then nothing: the transfer must end at the timeout.
    if (url === '/stall') return void res.writeHead(200, { 'content-type': 'video/mp4' }).write(MP4.subarray(0, 16))
    if (url === '/hang') return // never answers
    res.writeHead(404).end()
  })
  const make = (timeoutMs: number) =>
    createLibtvClient(
      { accessKey: 'ak', secretKey: 'sk', baseUrl: libtv.origin, model: 'kling-v2-1', mode: 'std' },
      {
        retry: { retries: 0 },
        downloadTimeoutMs: timeoutMs,
        uploadTimeoutMs: timeoutMs,
        fetch: (input, init) => {
          fetched.push(String(input))
          return fetch(input, init)
        },
      },
    )
  // Generous for answers that come (a busy test machine is slow), short for those that never do.
  client = make(10_000)
  impatient = make(400)
})
afterAll(async () => {
  await close(libtv?.server)
  await close(foreign?.server)
  await tmp?.remove()
})
beforeEach(() => {
  foreignHits.length = 0
  fetched.length = 0
  bucketUrl = `${libtv.origin}/bucket`
})

async function refusal(p: Promise<unknown>): Promise<LibtvError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  if (!(e instanceof LibtvError)) throw new Error(`expected a LibtvError, got ${String(e)}`)
  return e
}

const dest = (name: string) => path.join(tmp.dir, name)

describe('which URLs may be fetched (the default policy)', () => {
  const production = defaultFetchPolicy('https://openapi.liblibai.cloud')
  const simulated = defaultFetchPolicy('http://127.0.0.1:4010')
  const ok = (url: string, policy = production) => checkFetchUrl('download', url, policy, 'r').href

  it.each([
    'https://liblibai-online.liblib.cloud/img/0a1b/2c3d.mp4',
    'https://liblibai-tmp-image.liblib.cloud/video/0a1b/2c3d.mp4?x=1',
    'https://liblibai-airship-temp.oss-cn-beijing.aliyuncs.com/aliyun-cn-prod/1.jpg',
    'https://openapi.liblibai.cloud/anything',
  ])('allows %s, the hosts LibTV documents', (url) => {
    expect(ok(url)).toBe(url)
  })

  it('allows the simulator on loopback, because it is the API origin configured', () => {
    expect(ok('http://127.0.0.1:4010/sim/results/1/video.mp4', simulated)).toMatch(/^http:\/\/127\.0\.0\.1:4010\//)
  })

  it.each([
    ['http on a documented host', 'http://liblibai-online.liblib.cloud/x.mp4', /not https/],
    ['a file URL', 'file:///etc/passwd', /not https/],
    ['an ftp URL', 'ftp://liblibai-online.liblib.cloud/x.mp4', /not https/],
    ['a data URL', 'data:video/mp4;base64,AAAA', /not https/],
    ['another host', 'https://evil.example/x.mp4', /host evil\.example/],
    ['a look-alike suffix', 'https://liblib.cloud.evil.example/x.mp4', /host/],
    ['a look-alike prefix', 'https://evilliblib.cloud/x.mp4', /host/],
    ['credentials before a host', 'https://liblibai-online.liblib.cloud@evil.example/x', /credentials/],
    ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data', /host/],
    ['a documented host on another port', 'https://liblibai-online.liblib.cloud:8443/x.mp4', /host/],
    ['loopback on another port than the API', 'http://127.0.0.1:4011/x.mp4', /not https/],
    ['not a URL at all', 'liblibai-online.liblib.cloud/x.mp4', /not a URL/],
  ])('refuses %s', (_name, url, why) => {
    let error: unknown
    try {
      checkFetchUrl('download', url, url.includes('127.0.0.1') ? simulated : production, 'the reason')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(LibtvError)
    expect(error).toMatchObject({
      kind: 'protocol',
      retryable: false,
      reason: 'the reason',
      message: expect.stringMatching(why),
    })
  })
})

describe('result downloads', () => {
  it('downloads from the API origin, following a redirect that stays allowed', async () => {
    expect(await client.downloadVideo(`${libtv.origin}/hop`, dest('hop.mp4'))).toEqual({ bytes: MP4.length })
    expect(fetched).toEqual([`${libtv.origin}/hop`, `${libtv.origin}/clip.mp4`])
  })

  it.each([
    ['a scheme that is not https', 'http://liblibai-online.liblib.cloud/clip.mp4'],
    ['a host LibTV does not document', 'https://evil.example/clip.mp4'],
    ['another origin on our own machine', 'FOREIGN/clip.mp4'],
  ])('refuses %s before sending anything, and does not retry', async (_name, raw) => {
    const url = raw.replace('FOREIGN', foreign.origin)
    const e = await refusal(client.downloadVideo(url, dest('refused.mp4')))
    expect(e).toMatchObject({ kind: 'protocol', retryable: false, reason: expect.stringMatching(/link/) })
    expect(e.message).not.toContain(url)
    expect(fetched).toEqual([])
    expect(foreignHits).toEqual([])
  })

  it('refuses a redirect off the allowed origins, before following it', async () => {
    const e = await refusal(client.downloadVideo(`${libtv.origin}/away`, dest('away.mp4')))
    expect(e).toMatchObject({ kind: 'protocol', message: expect.stringMatching(/refused URL/) })
    expect(foreignHits).toEqual([])
  })

  it('gives up after three redirects', async () => {
    const e = await refusal(client.downloadVideo(`${libtv.origin}/loop`, dest('loop.mp4')))
    expect(e.message).toMatch(/too many redirects/)
    expect(fetched).toHaveLength(4)
  })

  it('ends a transfer that stalls after its first bytes at the timeout, leaving no file', async () => {
    const started = Date.now()
    const e = await refusal(impatient.downloadVideo(`${libtv.origin}/stall`, dest('stall.mp4')))
    expect(e).toMatchObject({ kind: 'unavailable', message: 'LibTV download: no answer within 400 ms' })
    expect(Date.now() - started).toBeLessThan(5000)
    expect((await readdir(tmp.dir)).filter((f) => f.startsWith('stall'))).toEqual([])
  })
})

describe('image uploads', () => {
  const png = new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))

  it('posts the photo to a bucket on an allowed origin and returns its URL', async () => {
    expect(await client.uploadImage(png, 'png')).toBe(`${libtv.origin}/bucket/k/1.png`)
  })

  it('never sends the photo to a bucket LibTV does not document', async () => {
    bucketUrl = `${foreign.origin}/bucket`
    const e = await refusal(client.uploadImage(png, 'png'))
    expect(e).toMatchObject({
      kind: 'protocol',
      retryable: false,
      message: expect.stringMatching(/LibTV upload: refused URL/),
    })
    expect(foreignHits).toEqual([])
    expect(fetched.filter((u) => u.startsWith(foreign.origin))).toEqual([])
  })

  it('never follows a redirect with the photo', async () => {
    bucketUrl = `${libtv.origin}/away`
    const e = await refusal(client.uploadImage(png, 'png'))
    expect(e).toMatchObject({ kind: 'image', code: 302, retryable: false })
    expect(foreignHits).toEqual([])
  })

  it('ends an upload the bucket never answers at the timeout', async () => {
    bucketUrl = `${libtv.origin}/hang`
    const e = await refusal(impatient.uploadImage(png, 'png'))
    expect(e).toMatchObject({ kind: 'unavailable', message: 'LibTV upload: no answer within 400 ms' })
  })
})
