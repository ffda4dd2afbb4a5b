import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import {
  briefRows,
  controlValue,
  decodeHtml,
  goodBrief,
  hiddenImageId,
  imageDir,
  imageFiles,
  imageRows,
  multipart,
  newUser,
  postBrief,
  postMultipart,
  type TestUser,
  type Upload,
  uploadPreview,
} from './helpers.js'

let app: TestApp
/** Only ever sends bad uploads, so their folder and rows must stay empty. */
let mallory: TestUser
/** Uploads good photos. */
let alice: TestUser

const pics: Record<string, Buffer> = {}

beforeAll(async () => {
  app = await startTestApp()
  ;[mallory, alice] = [await newUser(app), await newUser(app)]
  const [jpeg, png, webp, small, narrow, phone, padded, aWebp, aGif] = await Promise.all([
    img.jpeg(1200, 900),
    img.png(900, 1200),
    img.webp(1000, 1000),
    img.jpeg(200, 200),
    img.jpeg(3000, 1000),
    img.phonePhoto(),
    img.paddedJpeg(16 * 1024 * 1024),
    img.animatedWebp(),
    img.animatedGif(),
  ])
  Object.assign(pics, { jpeg, png, webp, small, narrow, phone, padded, aWebp, aGif })
  pics.bomb = img.blackAndWhitePng(20_000, 20_000)
  pics.truncJpeg = jpeg.subarray(0, Math.floor(jpeg.length * 0.6))
  pics.truncPng = png.subarray(0, Math.floor(png.length * 0.6))
  const apng = img.animatedPng()
  if (apng) pics.apng = apng
})
afterAll(async () => {
  await app?.close()
})

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
/** An ICC profile's readable text (its description is UTF-16). */
const iccText = (icc: Buffer | undefined) => icc?.toString('latin1').replace(/\0/g, '') ?? ''

/** The message in the photo area of a preview fragment or of the brief form. */
function photoError(html: string): string | undefined {
  const preview = /<div id="photo-preview"[\s\S]*?<\/div>\s*(?:<p class="error" role="alert">([\s\S]*?)<\/p>)?/.exec(
    html,
  )
  return preview?.[1] === undefined ? undefined : decodeHtml(preview[1])
}

function expectNothingStored(user: TestUser) {
  expect(imageRows(app, user.id)).toEqual([])
  expect(imageFiles(app, user.id)).toEqual([])
  expect(briefRows(app, user.id)).toEqual([])
}

/** Every bad upload, with the message a person should see. */
const badUploads: { label: string; upload: () => Upload; message: RegExp }[] = [
  {
    label: 'non-image bytes named .png',
    upload: () => ({
      bytes: Buffer.from('just some text, not a picture\n'.repeat(40)),
      name: 'photo.png',
      type: 'image/png',
    }),
    message: /not a JPEG, PNG or WebP image/,
  },
  {
    label: 'a truncated JPEG',
    upload: () => ({ bytes: pics.truncJpeg!, name: 'cut.jpg', type: 'image/jpeg' }),
    message: /damaged or incomplete/,
  },
  {
    label: 'a truncated PNG',
    upload: () => ({ bytes: pics.truncPng!, name: 'cut.png', type: 'image/png' }),
    message: /damaged or incomplete/,
  },
  {
    label: 'a zero-byte file',
    upload: () => ({ bytes: Buffer.alloc(0), name: 'empty.jpg', type: 'image/jpeg' }),
    message: /The file is empty/,
  },
  {
    label: 'a 16 MB file',
    upload: () => ({ bytes: pics.padded!, name: 'huge.jpg', type: 'image/jpeg' }),
    message: /16\.0 MB; photos can be at most 15 MB/,
  },
  {
    label: 'a 20000×20000 PNG',
    upload: () => ({ bytes: pics.bomb!, name: 'bomb.png', type: 'image/png' }),
    message: /20000×20000 pixels; photos can have at most 40 megapixels/,
  },
  {
    label: 'an SVG',
    upload: () => ({ bytes: img.SVG, name: 'logo.svg', type: 'image/svg+xml' }),
    message: /not a JPEG, PNG or WebP image/,
  },
  {
    label: 'an SVG named .png',
    upload: () => ({ bytes: img.SVG, name: 'logo.png', type: 'image/png' }),
    message: /not a JPEG, PNG or WebP image/,
  },
  {
    label: 'an animated WebP',
    upload: () => ({ bytes: pics.aWebp!, name: 'anim.webp', type: 'image/webp' }),
    message: /Animated images are not accepted/,
  },
  {
    label: 'an animated GIF',
    upload: () => ({ bytes: pics.aGif!, name: 'anim.gif', type: 'image/gif' }),
    message: /not a JPEG, PNG or WebP image/,
  },
  {
    label: 'an animated GIF named .jpg',
    upload: () => ({ bytes: pics.aGif!, name: 'anim.jpg', type: 'image/jpeg' }),
    message: /not a JPEG, PNG or WebP image/,
  },
  {
    label: 'an animated PNG',
    upload: () => ({ bytes: pics.apng ?? pics.aGif!, name: 'anim.png', type: 'image/png' }),
    message: /not a JPEG, PNG or WebP image|Animated images/,
  },
  {
    label: 'a 200×200 photo',
    upload: () => ({ bytes: pics.small!, name: 'small.jpg', type: 'image/jpeg' }),
    message: /200×200 pixels; each side must be at least 300 pixels/,
  },
  {
    label: 'a 3000×1000 photo',
    upload: () => ({ bytes: pics.narrow!, name: 'narrow.jpg', type: 'image/jpeg' }),
    message: /too long and narrow.*1:2\.5 and 2\.5:1/,
  },
]

describe('bad uploads, to the htmx preview (POST /images)', () => {
  it.each(badUploads)(
    '$label: 422 with a message in the preview fragment, nothing stored',
    async ({ upload, message }) => {
      const res = await uploadPreview(mallory.client, upload())
      const html = await res.text()
      expect(res.status).toBe(422)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(html.startsWith('<div id="photo-preview"')).toBe(true) // a fragment for htmx, not a page
      expect(photoError(html)).toMatch(message)
      expect(hiddenImageId(html)).toBeUndefined()
      expectNothingStored(mallory)
    },
  )

  it('refuses the 20000×20000 image from its header, before decoding 400 megapixels', async () => {
    const meta = await sharp(pics.bomb!, { limitInputPixels: false }).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 20_000, 20_000]) // a real bomb
    expect(pics.bomb!.length).toBeLessThan(200_000)
    const started = performance.now()
    const res = await uploadPreview(mallory.client, { bytes: pics.bomb!, name: 'bomb.png', type: 'image/png' })
    const elapsed = performance.now() - started
    expect(res.status).toBe(422)
    expect(photoError(await res.text())).toMatch(/at most 40 megapixels/)
    // Decoding would take seconds and 400 MB; a header read takes milliseconds.
    expect(elapsed).toBeLessThan(1500)
  })

  it('the truncated inputs are really the start of a good image (so the test checks decoding)', async () => {
    const meta = await sharp(pics.truncJpeg!).metadata()
    expect([meta.format, meta.width]).toEqual(['jpeg', 1200])
    const pngMeta = await sharp(pics.truncPng!).metadata()
    expect([pngMeta.format, pngMeta.width]).toEqual(['png', 900])
  })

  // Since issue 24 a brief takes up to 5 photos at once: six files (not two) are too many.
  it('wrong form fields: another field name, text instead of a file, six files, nothing at all', async () => {
    const photo = { bytes: pics.jpeg!, name: 'p.jpg', type: 'image/jpeg' }
    const other = await uploadPreview(mallory.client, photo, 'file')
    expect(other.status).toBe(422)
    expect(photoError(await other.text())).toBe('Choose a photo to upload.')

    const text = await postMultipart(mallory.client, '/images', multipart({ photo: 'C:\\photos\\me.jpg' }))
    expect(text.status).toBe(422)
    expect(photoError(await text.text())).toBe('Choose a photo to upload.')

    const six = new FormData()
    for (let i = 0; i < 6; i++)
      six.append('photo', new File([new Uint8Array(pics.jpeg!)], `${i}.jpg`, { type: 'image/jpeg' }))
    const sixFiles = await postMultipart(mallory.client, '/images', six)
    expect(sixFiles.status).toBe(422)
    expect(photoError(await sixFiles.text())).toBe(
      'A brief holds at most 5 photos, so these were not added: choose 5 or fewer.',
    )

    const empty = await postMultipart(mallory.client, '/images', new FormData())
    expect(empty.status).toBe(422)

    const json = await mallory.client.send('/images', {
      method: 'POST',
      body: '{"photo":"x"}',
      headers: { 'content-type': 'application/json', origin: mallory.client.origin },
    })
    expect(json.status).toBe(415)
    expectNothingStored(mallory)
  })

  it('a body over the upload limit gets 413 and a page that names the 15 MB limit', async () => {
    const res = await uploadPreview(mallory.client, {
      bytes: Buffer.alloc(21 * 1024 * 1024, 7),
      name: 'big.jpg',
      type: 'image/jpeg',
    })
    expect(res.status).toBe(413)
    expect(await res.text()).toContain('Photos can be at most 15 MB')
    expectNothingStored(mallory)
  })

  it('needs a signed-in user and a same-origin request', async () => {
    // A small body: a large one answered unread gets its keep-alive connection closed ~500 ms later
    // by @hono/node-server's drain timeout, which would fail whatever request is then in flight on it.
    const photo = multipart({}, { photo: { bytes: pics.small!, name: 'p.jpg', type: 'image/jpeg' } })
    const anonymous = await fetch(`${app.url}/images`, {
      method: 'POST',
      body: photo,
      headers: { origin: app.url },
      redirect: 'manual',
    })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe('/signin')
    const crossSite = await postMultipart(mallory.client, '/images', photo, { origin: 'https://evil.example' })
    expect(crossSite.status).toBe(403)
    expect(app.db.$client.prepare('select count(*) as n from images').get()).toEqual({ n: 0 })
  })
})

describe('bad uploads, with the brief form itself (no JavaScript)', () => {
  it.each(badUploads)(
    '$label: 422, the form comes back with the photo message and the typed text, nothing stored',
    async ({ upload, message }) => {
      const res = await postBrief(mallory.client, goodBrief({ productName: 'Kept Name 42' }), upload())
      const html = await res.text()
      expect(res.status).toBe(422)
      expect(photoError(html)).toMatch(message)
      expect(controlValue(html, 'productName')).toBe('Kept Name 42')
      expect(controlValue(html, 'description')).toBe(goodBrief().description)
      expect(hiddenImageId(html)).toBeUndefined()
      expectNothingStored(mallory)
    },
  )

  it('a form without a photo, or with the photo under another name, asks for one', async () => {
    const variants: Record<string, Upload>[] = [
      {},
      { picture: { bytes: pics.jpeg!, name: 'p.jpg', type: 'image/jpeg' } },
      { photo: { bytes: new Uint8Array(0), name: '' } },
    ]
    for (const files of variants) {
      const res = await postMultipart(mallory.client, '/briefs', multipart(goodBrief(), files))
      const html = await res.text()
      expect(res.status).toBe(422)
      expect(photoError(html)).toBe('Add a photo of the product.')
      expect(controlValue(html, 'audience')).toBe(goodBrief().audience)
    }
    expectNothingStored(mallory)
  })

  it('a photo sent as text is refused', async () => {
    const res = await postMultipart(mallory.client, '/briefs', multipart({ ...goodBrief(), photo: 'not a file' }))
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('notice-error')
    expectNothingStored(mallory)
  })
})

describe('good photos', () => {
  it.each([
    ['JPEG', 'jpeg', 'image/jpeg', [1200, 900]],
    ['PNG', 'png', 'image/png', [900, 1200]],
    ['WebP', 'webp', 'image/webp', [1000, 1000]],
  ] as const)(
    'a %s is re-encoded to JPEG, stored under its hash with a WebP thumbnail, and previewed',
    async (_label, key, type, [w, h]) => {
      const before = imageFiles(app, alice.id)
      const res = await uploadPreview(alice.client, {
        bytes: pics[key]!,
        name: `../../../etc/My Photo ${key}.${key}`,
        type,
      })
      const html = await res.text()
      expect(res.status).toBe(200)
      const imageId = hiddenImageId(html)!
      expect(imageId).toMatch(/^[0-9a-f-]{36}$/)
      expect(html).toContain(`<img src="/images/${imageId}/thumb"`)
      expect(html).toContain(`${w}×${h} px`)

      const row = imageRows(app, alice.id).find((r) => r.id === imageId)!
      expect([row.width, row.height]).toEqual([w, h])
      const full = path.join(imageDir(app, alice.id), `${row.sha256}.jpg`)
      const thumb = path.join(imageDir(app, alice.id), `${row.sha256}.thumb.webp`)
      const stored = fs.readFileSync(full)
      expect(sha256(stored)).toBe(row.sha256) // named after the stored bytes, not the upload
      expect(row.bytes).toBe(stored.length)
      expect(imageFiles(app, alice.id)).toEqual([...before, `${row.sha256}.jpg`, `${row.sha256}.thumb.webp`].sort())
      expect(imageFiles(app, alice.id).join(' ')).not.toMatch(/photo|\.\.|tmp/i)
      expect(fs.existsSync(path.join(app.dataDir, 'etc'))).toBe(false)

      const meta = await sharp(stored).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', w, h])
      const thumbMeta = await sharp(fs.readFileSync(thumb)).metadata()
      expect(thumbMeta.format).toBe('webp')
      expect(Math.max(thumbMeta.width!, thumbMeta.height!)).toBe(480)
    },
  )

  it('the same photo uploaded twice is stored once and gets the same id', async () => {
    const first = hiddenImageId(await (await uploadPreview(alice.client, { bytes: pics.jpeg!, name: 'a.jpg' })).text())
    const count = imageRows(app, alice.id).length
    const second = hiddenImageId(await (await uploadPreview(alice.client, { bytes: pics.jpeg!, name: 'b.jpg' })).text())
    expect(second).toBe(first)
    expect(imageRows(app, alice.id)).toHaveLength(count)
  })

  it('is accepted with the brief form itself when JavaScript is off', async () => {
    const bob = await newUser(app)
    const res = await postBrief(bob.client, goodBrief(), { bytes: pics.webp!, name: 'shoe.webp', type: 'image/webp' })
    expect(res.status).toBe(303)
    const [brief] = briefRows(app, bob.id)
    const [image] = imageRows(app, bob.id)
    expect(brief!.imageId).toBe(image!.id)
    expect(res.headers.get('location')).toBe(`/briefs/${brief!.id}/screenplay`)
    expect(imageFiles(app, bob.id)).toEqual([`${image!.sha256}.jpg`, `${image!.sha256}.thumb.webp`])
  })
})

describe('a phone photo with EXIF orientation, GPS and a wide-gamut profile', () => {
  let stored: Buffer
  let thumbnail: Buffer
  let previewHtml: string

  beforeAll(async () => {
    const carol = await newUser(app)
    const res = await uploadPreview(carol.client, { bytes: pics.phone!, name: 'IMG_0001.JPG', type: 'image/jpeg' })
    previewHtml = await res.text()
    expect(res.status).toBe(200)
    const [row] = imageRows(app, carol.id)
    stored = fs.readFileSync(path.join(imageDir(app, carol.id), `${row!.sha256}.jpg`))
    thumbnail = fs.readFileSync(path.join(imageDir(app, carol.id), `${row!.sha256}.thumb.webp`))
  })

  it('the input really carries orientation 6, GPS coordinates, a camera name and a P3 profile', async () => {
    const meta = await sharp(pics.phone!).metadata()
    expect([meta.width, meta.height, meta.orientation]).toEqual([400, 600, 6])
    const tags = img.exifTags(meta.exif)
    expect(tags.ifd0).toContain(0x8825) // the GPS IFD pointer
    expect(tags.gps).toEqual(expect.arrayContaining([1, 2, 3, 4])) // latitude and longitude with their refs
    expect(pics.phone!.includes('Location Leaker 3000')).toBe(true)
    expect(meta.icc?.length).toBeGreaterThan(0)
    expect(iccText(meta.icc)).toMatch(/P3/)
  })

  it('is stored turned upright: 600×400, red (the top) on the right', async () => {
    const meta = await sharp(stored).metadata()
    expect([meta.width, meta.height]).toEqual([600, 400])
    expect(meta.orientation ?? 1).toBe(1)
    expect(previewHtml).toContain('600×400 px')
    expect(img.closeTo(await img.pixelAt(stored, 500, 200), img.RED)).toBe(true)
    expect(img.closeTo(await img.pixelAt(stored, 100, 200), img.BLUE)).toBe(true)
    const thumbMeta = await sharp(thumbnail).metadata()
    expect([thumbMeta.width, thumbMeta.height]).toEqual([480, 320])
  })

  it('keeps no EXIF (no GPS), no XMP and no ICC profile other than sRGB, in the photo or its thumbnail', async () => {
    for (const file of [stored, thumbnail]) {
      const meta = await sharp(file).metadata()
      expect(img.exifTags(meta.exif).gps).toEqual([])
      expect(meta.exif).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
      if (meta.icc) expect(iccText(meta.icc)).toMatch(/sRGB/)
      expect(file.includes('Exif\0\0')).toBe(false)
      expect(file.includes('Location Leaker')).toBe(false)
      expect(file.includes('TestPhone')).toBe(false)
      expect(meta.space).toBe('srgb')
    }
  })
})

describe('serving a stored photo', () => {
  let imageId: string
  let full: Buffer
  let thumb: Buffer

  beforeAll(async () => {
    imageId = hiddenImageId(await (await uploadPreview(alice.client, { bytes: pics.png!, name: 'p.png' })).text())!
    const row = imageRows(app, alice.id).find((r) => r.id === imageId)!
    full = fs.readFileSync(path.join(imageDir(app, alice.id), `${row.sha256}.jpg`))
    thumb = fs.readFileSync(path.join(imageDir(app, alice.id), `${row.sha256}.thumb.webp`))
  })

  it('serves the whole JPEG and the WebP thumbnail with their types, privately', async () => {
    const res = await alice.client.get(`/images/${imageId}/full`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('content-length')).toBe(String(full.length))
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(res.headers.get('cache-control')).toMatch(/^private/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await res.arrayBuffer()).equals(full)).toBe(true)

    const t = await alice.client.get(`/images/${imageId}/thumb`)
    expect(t.status).toBe(200)
    expect(t.headers.get('content-type')).toBe('image/webp')
    expect(Buffer.from(await t.arrayBuffer()).equals(thumb)).toBe(true)
  })

  it('answers a byte range with 206 and exactly those bytes', async () => {
    const size = full.length
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, size - 1],
      ['bytes=-10', size - 10, size - 1],
      [`bytes=${size - 5}-${size + 1000}`, size - 5, size - 1],
    ]
    for (const [range, start, end] of cases) {
      const res = await alice.client.get(`/images/${imageId}/full`, { range })
      expect(res.status, range).toBe(206)
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`)
      expect(res.headers.get('content-length')).toBe(String(end - start + 1))
      expect(res.headers.get('content-type')).toBe('image/jpeg')
      expect(Buffer.from(await res.arrayBuffer()).equals(full.subarray(start, end + 1)), range).toBe(true)
    }
  })

  it('answers an unsatisfiable range with 416 and the size', async () => {
    for (const range of [`bytes=${full.length}-`, `bytes=${full.length + 10}-${full.length + 20}`, 'bytes=-0']) {
      const res = await alice.client.get(`/images/${imageId}/full`, { range })
      expect(res.status, range).toBe(416)
      expect(res.headers.get('content-range')).toBe(`bytes */${full.length}`)
      expect((await res.arrayBuffer()).byteLength).toBe(0)
    }
  })

  it('answers a repeated request with 304 when the ETag matches', async () => {
    const first = await alice.client.get(`/images/${imageId}/thumb`)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[0-9a-f]{32}-thumb"$/)
    const again = await alice.client.get(`/images/${imageId}/thumb`, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect((await again.arrayBuffer()).byteLength).toBe(0)
  })
})
