import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import sharp from 'sharp'

/**
 * Test images made on the spot with sharp (and, for an APNG, ffmpeg), so no binary fixture is
 * committed and every property a test relies on is checked where it is made.
 */

type Rgb = readonly [number, number, number]

/** A photo-like picture: a diagonal gradient, so the JPEG is not trivially small. */
export function gradientRaw(width: number, height: number): Buffer {
  const raw = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      raw[i] = (x * 255) / width
      raw[i + 1] = (y * 255) / height
      raw[i + 2] = ((x + y) * 97) % 256
    }
  }
  return raw
}

export function jpeg(width: number, height: number, quality = 85): Promise<Buffer> {
  return sharp(gradientRaw(width, height), { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer()
}
export function png(width: number, height: number): Promise<Buffer> {
  return sharp(gradientRaw(width, height), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer()
}
export function webp(width: number, height: number): Promise<Buffer> {
  return sharp(gradientRaw(width, height), { raw: { width, height, channels: 3 } })
    .webp({ quality: 80 })
    .toBuffer()
}

/** Top half one colour, bottom half another: shows which way an image was turned. */
export function twoToneRaw(width: number, height: number, top: Rgb, bottom: Rgb): Buffer {
  const raw = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    const [r, g, b] = y < height / 2 ? top : bottom
    for (let x = 0; x < width; x++) raw.set([r, g, b], (y * width + x) * 3)
  }
  return raw
}

export const RED: Rgb = [220, 30, 30]
export const BLUE: Rgb = [30, 30, 220]

/**
 * A phone photo: 400×600 pixels as stored, red on top and blue below, EXIF orientation 6 (shown
 * turned a quarter clockwise, so 600×400 with red on the right), GPS coordinates of the Eiffel
 * Tower, a camera make and a Display P3 ICC profile.
 */
export async function phonePhoto(): Promise<Buffer> {
  return sharp(twoToneRaw(400, 600, RED, BLUE), { raw: { width: 400, height: 600, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'TestPhone', Model: 'Location Leaker 3000' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2964/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 4020/100',
      },
    })
    .withIccProfile('p3')
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** The 40-byte-or-so skeleton of a PNG chunk. */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/**
 * A complete, valid one-bit greyscale PNG of any size, written by hand: a 20000×20000 one is
 * 400 megapixels yet only a few tens of kB (a decompression bomb), and takes ~100 ms to make.
 */
export function blackAndWhitePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 1 // bit depth
  ihdr[9] = 0 // greyscale
  const row = Buffer.alloc(1 + Math.ceil(width / 8), 0xff)
  row[0] = 0 // filter: none
  const rows = Buffer.alloc(row.length * height)
  for (let y = 0; y < height; y++) row.copy(rows, y * row.length)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A valid JPEG header followed by random bytes up to `size`. */
export async function paddedJpeg(size: number): Promise<Buffer> {
  const head = await jpeg(320, 320)
  return Buffer.concat([head.subarray(0, 20), randomBytes(size - 20)])
}

export async function animatedWebp(): Promise<Buffer> {
  return sharp(await frames(), { join: { animated: true } })
    .webp({ loop: 0 })
    .toBuffer()
}
export async function animatedGif(): Promise<Buffer> {
  return sharp(await frames(), { join: { animated: true } })
    .gif({ loop: 0 })
    .toBuffer()
}
function frames(): Promise<Buffer[]> {
  return Promise.all(
    ['#c84', '#48c', '#8c4'].map((background) =>
      sharp({ create: { width: 400, height: 400, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  )
}

/** An animated PNG (APNG) from ffmpeg's test pattern; null when ffmpeg is not installed. */
export function animatedPng(): Buffer | null {
  const ffmpeg = '/usr/bin/ffmpeg'
  if (!fs.existsSync(ffmpeg)) return null
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-apng-'))
  try {
    const out = path.join(dir, 'anim.png')
    execFileSync(ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=400x400:rate=5',
      '-t',
      '1',
      '-plays',
      '0',
      '-f',
      'apng',
      out,
    ])
    return fs.readFileSync(out)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="800" height="800"><script>alert(1)</script><rect width="800" height="800" fill="red"/></svg>',
)

/**
 * The tags of an EXIF block as sharp's metadata() returns it ("Exif\0\0" + TIFF): IFD0's tag
 * numbers and the GPS IFD's, if IFD0 points to one (tag 0x8825).
 */
export function exifTags(exif: Buffer | undefined): { ifd0: number[]; gps: number[] } {
  if (!exif || exif.length < 14) return { ifd0: [], gps: [] }
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0)
  const little = tiff.toString('latin1', 0, 2) === 'II'
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at))
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at))
  const readIfd = (offset: number) => {
    const tags: { tag: number; value: number }[] = []
    const count = u16(offset)
    for (let i = 0; i < count; i++) tags.push({ tag: u16(offset + 2 + i * 12), value: u32(offset + 2 + i * 12 + 8) })
    return tags
  }
  const ifd0 = readIfd(u32(4))
  const gpsPointer = ifd0.find((t) => t.tag === 0x8825)
  return { ifd0: ifd0.map((t) => t.tag), gps: gpsPointer ? readIfd(gpsPointer.value).map((t) => t.tag) : [] }
}

/** The RGB of one pixel of an encoded image. */
export async function pixelAt(image: Buffer, x: number, y: number): Promise<Rgb> {
  const { data } = await sharp(image)
    .extract({ left: x, top: y, width: 1, height: 1 })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  return [data[0]!, data[1]!, data[2]!]
}

export function closeTo(actual: Rgb, expected: Rgb, tolerance = 40): boolean {
  return actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance)
}
