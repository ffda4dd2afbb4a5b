// Issue 25's "Done when" through the API, rendered for real (the LibTV simulator, the render worker,
// ffmpeg): a program sets the brand kit and its logo, uploads the seller's own MP3, writes a brief
// with that track and asks for 3 variants. The three files: the track at −14 LUFS (±1), the logo's
// magenta on each end card, the pictures visibly different. Every answer checked against the
// published OpenAPI document. Contact sheets in test-output/brand-music-variants/.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSnapshot } from '../../src/brand/snapshot.js'
import { DEFAULT_SOUNDFONT } from '../../src/music/index.js'
import { videoPaths } from '../../src/storage.js'
import {
  contactSheets,
  expectBrandedVariants,
  magentaLogo,
  melodyMp3,
  texturedPhoto,
} from '../support/branded-videos.js'
import { ContractChecker } from '../support/contract.js'
import {
  newRenderUser,
  type RenderStack,
  shotRows,
  startRenderStack,
  videoRow,
  waitForFinish,
} from '../support/render.js'

let stack: RenderStack
let contract: ContractChecker
let dir: string
const out = path.resolve('test-output/brand-music-variants')

beforeAll(async () => {
  stack = await startRenderStack({ worker: { music: { fluidsynthPath: 'fluidsynth', soundfont: DEFAULT_SOUNDFONT } } })
  contract = new ContractChecker((await (await fetch(`${stack.app.url}/api/v1/openapi.json`)).json()) as never)
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-bmv-api-'))
  fs.mkdirSync(out, { recursive: true })
})
afterAll(async () => {
  await stack?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

type Call = { status: number; body: any }

async function call(key: string, method: string, p: string, body?: unknown, type?: string): Promise<Call> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` }
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (Buffer.isBuffer(body)) {
    headers['content-type'] = type ?? 'application/octet-stream'
    payload = new Uint8Array(body)
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const url = `${stack.app.url}/api/v1${p}`
  const res = await fetch(url, { method, headers, body: payload })
  return { status: res.status, body: await contract.check(method, url, res) }
}

describe('brand kit, own track and 3 variants through the API', () => {
  it('renders three visibly different videos with the track at −14 LUFS and the logo on each end card', async () => {
    const seller = await newRenderUser(stack.app, 'creator')
    const key = seller.apiKey

    const kit = await call(key, 'PUT', '/brand', {
      primaryColor: '#0B6E4F',
      accentColor: '#FFB000',
      font: 'serif',
      handle: 'halolamp.example',
      cornerLogo: false,
    })
    expect(kit.status).toBe(200)
    const logo = await call(key, 'PUT', '/brand/logo', await magentaLogo(), 'image/png')
    expect(logo.status).toBe(200)
    expect(logo.body.logo).toMatchObject({ width: 300, height: 200 })

    const song = await melodyMp3(dir)
    const form = new FormData()
    form.append('track', new File([fs.readFileSync(song)], 'launch-theme.mp3', { type: 'audio/mpeg' }))
    form.append('title', 'Launch theme')
    const track = await call(key, 'POST', '/tracks', form)
    expect(track.status).toBe(201)

    const photo = new FormData()
    photo.append('image', new File([new Uint8Array(await texturedPhoto())], 'lamp.jpg', { type: 'image/jpeg' }))
    const image = await call(key, 'POST', '/images', photo)
    expect(image.status).toBe(201)
    const music = `track:${track.body.id}`
    const brief = await call(key, 'POST', '/briefs', {
      imageId: image.body.id,
      productName: 'Halo Desk Lamp',
      description: 'A desk lamp that follows the sun from morning to night.',
      sellingPoints: ['USB-C charging', 'Warm to daylight white'],
      audience: 'Students and night owls',
      callToAction: 'Shop now',
      lengthSeconds: 15,
      music,
    })
    expect(brief.status).toBe(201)
    expect(brief.body).toMatchObject({ music, lengthSeconds: 15 })
    const screenplay = await call(key, 'POST', `/briefs/${brief.body.id}/screenplays`)
    expect(screenplay.status).toBe(201)

    const made = await call(key, 'POST', '/videos', { screenplayId: screenplay.body.id, variants: 3 })
    expect(made.status).toBe(202)
    const ids: string[] = made.body.data.map((v: { id: string }) => v.id)
    expect(ids).toHaveLength(3)

    const finished = await Promise.all(ids.map((id) => waitForFinish(stack.app, id, 240_000))).catch((err) => {
      console.log(ids.map((id) => [videoRow(stack.app, id)?.status, shotRows(stack.app, id).map((s) => s.status)]))
      console.log(JSON.stringify(stack.workerErrors).slice(0, 2000))
      throw err
    })
    expect(finished.map((v) => [v.status, v.failureReason])).toEqual([
      ['done', null],
      ['done', null],
      ['done', null],
    ])
    // Each an ordinary video of the API, and each rendered with the kit as it was saved.
    for (const id of ids)
      expect((await call(key, 'GET', `/videos/${id}`)).body).toMatchObject({ id, status: 'succeeded' })
    for (const v of finished)
      expect(parseSnapshot(v.brandKit)).toMatchObject({
        primaryColor: '#0B6E4F',
        font: 'serif',
        logoSha256: expect.any(String),
      })
    expect(stack.workerLogs.find((l) => l.event === 'music fallback')).toBeUndefined()

    const files = ids.map((id) => videoPaths(stack.app.dataDir, seller.id, id).video)
    await expectBrandedVariants(files, 'API variants')
    await contactSheets(files, out, 'api-variant')
  }, 300_000)
})
