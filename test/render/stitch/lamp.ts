import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { type Brief, briefSchema } from '../../../src/screenplay/brief.js'
import type { TemplateId } from '../../../src/screenplay/templates/index.js'
import { FFMPEG } from './helpers.js'

/**
 * A generated product photo: a desk lamp drawn on a plain background, and clips made from it
 * the way LibTV's simulator does (the photo's shape kept, a gentle camera move).
 */

const run = promisify(execFile)

export interface LampPhoto {
  /** Where the lamp is drawn, as fractions of the photo. */
  box: { x: number; y: number; width: number; height: number }
  width: number
  height: number
}

/** `place`: the lamp's box as fractions of the photo (x, y of its top-left, width, height). */
export async function makeLampPhoto(
  file: string,
  opts: { width?: number; height?: number; box?: LampPhoto['box']; background?: string } = {},
): Promise<LampPhoto> {
  const width = opts.width ?? 900
  const height = opts.height ?? 1200
  const box = opts.box ?? { x: 0.3, y: 0.5, width: 0.4, height: 0.42 }
  const X = (f: number) => (box.x + f * box.width) * width
  const Y = (f: number) => (box.y + f * box.height) * height
  const bg = opts.background ?? '#ECEAE6'
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="${bg}"/>
    <ellipse cx="${X(0.5)}" cy="${Y(0.93)}" rx="${box.width * width * 0.45}" ry="${box.height * height * 0.07}" fill="#2B2F36"/>
    <rect x="${X(0.47)}" y="${Y(0.3)}" width="${box.width * width * 0.06}" height="${box.height * height * 0.62}" fill="#3A3F47"/>
    <path d="M ${X(0.12)} ${Y(0.34)} L ${X(0.88)} ${Y(0.34)} L ${X(0.7)} ${Y(0)} L ${X(0.3)} ${Y(0)} Z" fill="#C8A24A"/>
    <ellipse cx="${X(0.5)}" cy="${Y(0.34)}" rx="${box.width * width * 0.38}" ry="${box.height * height * 0.03}" fill="#FFF3C4"/>
  </svg>`
  await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toFile(file)
  return { box, width, height }
}

/** A clip of the photo: its shape kept, 480 px on the short side, a slow push in. */
export async function makePhotoClip(photo: string, file: string, seconds: number, fps = 24): Promise<string> {
  const meta = await sharp(photo).metadata()
  const w = meta.width ?? 480
  const h = meta.height ?? 480
  const scale = 480 / Math.min(w, h)
  const [cw, ch] = [Math.round((w * scale) / 2) * 2, Math.round((h * scale) / 2) * 2]
  const frames = Math.round(seconds * fps)
  await run(FFMPEG, [
    '-v',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    photo,
    '-vf',
    `scale=${cw * 2}:${ch * 2},zoompan=z='1+0.04*on/${frames}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${frames}:s=${cw}x${ch}:fps=${fps}`,
    '-frames:v',
    String(frames),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    path.resolve(file),
  ])
  return file
}

/** The desk lamp's brief (issue 22's example): four selling points, 30 s, the energetic tone. */
export function lampBrief(language: 'en' | 'zh-CN', aspectRatio: '9:16' | '1:1', template: TemplateId): Brief {
  const zh = language === 'zh-CN'
  return briefSchema.parse({
    productName: zh ? 'Halo 护眼台灯' : 'Halo Desk Lamp',
    description: zh
      ? '一盏为深夜工作设计的台灯，无频闪，底座可为手机充电。'
      : 'A desk lamp for late work: flicker-free light and a base that charges your phone.',
    sellingPoints: zh
      ? ['无频闪护眼光，眩光减少40%', '冷暖白光一键切换', '底座支持USB-C手机充电', '实木底座，稳固不倒']
      : [
          'Flicker-free light with 40 % less glare',
          'Warm to cool white in one slider',
          'USB-C phone charging in the base',
          'Weighted oak base that never tips',
        ],
    audience: zh ? '经常在家加班的人' : 'people who work late at home',
    tone: 'energetic',
    template,
    aspectRatio,
    lengthSeconds: 30,
    language,
    callToAction: zh ? '立即购买 halolamp.example' : 'Shop now at halolamp.example',
    brandColor: '#1D3557',
  })
}
