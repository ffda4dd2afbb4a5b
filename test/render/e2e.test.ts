// End to end: Render over HTTP → the worker thread → the LibTV simulator → real ffmpeg, for each
// aspect ratio; then the files as the browser gets them (player, poster, clips, ranges, download).
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SOUNDFONT } from '../../src/music/index.js'
import { videoPaths } from '../../src/storage.js'
import {
  createBrief as createBriefOverHttp,
  decodeHtml,
  editorFields,
  postFields,
  readEditor,
} from '../briefs/helpers.js'
import { loudness, rmsLevels } from '../music/helpers.js'
import * as img from '../support/images.js'
import {
  isJpeg,
  makeBrief,
  newRenderUser,
  probeMedia,
  type RenderStack,
  type RenderUser,
  STITCH_SIZE,
  shotRows,
  startRenderStack,
  submitOverHttp,
  usageRows,
  videoRow,
  waitForFinish,
  watchUnhandled,
} from '../support/render.js'

type Aspect = '9:16' | '16:9' | '1:1'
const ASPECTS: Aspect[] = ['9:16', '16:9', '1:1']
const HOSTILE_TITLE = 'Crème "Brûlée"; 100% {pure}\\'

let stack: RenderStack
let alice: RenderUser
const videoIds = new Map<Aspect, string>()
let unhandled: ReturnType<typeof watchUnhandled>

/** The stitch module's documented length: clips, minus 0.5 s per non-cut join, plus a 2.5 s end card that dissolves in. */
function expectedSeconds(shots: { durationSeconds: number; transition: string }[]): number {
  const clips = shots.reduce((s, x) => s + x.durationSeconds, 0)
  const joins = shots.slice(1).filter((s) => s.transition !== 'cut').length
  return clips - 0.5 * joins + 2.5 - 0.5
}

beforeAll(async () => {
  unhandled = watchUnhandled()
  // With music, as `make run` has it: fluidsynth and Debian's GM soundfont.
  stack = await startRenderStack({ worker: { music: { fluidsynthPath: 'fluidsynth', soundfont: DEFAULT_SOUNDFONT } } })
  alice = await newRenderUser(stack.app, 'creator')

  // 9:16 the way a person does it: the brief form, the editor's Save, then its Render video button.
  const photo = { bytes: await img.jpeg(640, 480), name: 'p.jpg', type: 'image/jpeg' }
  const brief = await createBriefOverHttp(alice.client, photo, {
    productName: 'Aura X2 Headphones',
    lengthSeconds: '15',
    aspectRatio: '9:16',
  })
  const editorPage = await (await alice.client.get(`/briefs/${brief.id}/screenplay`)).text()
  const saved = await postFields(alice.client, `/briefs/${brief.id}/screenplay`, editorFields(readEditor(editorPage)))
  expect(saved.status).toBe(303)
  const savedPage = await (await alice.client.get(saved.headers.get('location')!)).text()
  expect(savedPage, 'the saved screenplay shows a Render button').toMatch(
    /<button type="submit" formaction="\/videos" class="button">\s*Render video\s*<\/button>/,
  )
  const hidden = (name: string) =>
    new RegExp(`<input type="hidden" name="${name}" value="([^"]+)"`).exec(savedPage)?.[1]
  const { intent: _save, ...editor } = editorFields(readEditor(savedPage))
  const rendered = await postFields(alice.client, '/videos', {
    ...editor,
    briefId: brief.id,
    basedOn: hidden('basedOn')!,
  })
  const renderedId = /^\/videos\/([0-9a-f-]{36})$/.exec(rendered.headers.get('location') ?? '')?.[1]
  expect(rendered.status, await rendered.text()).toBe(303)
  expect(renderedId).toBeDefined()
  expect(videoRow(stack.app, renderedId!)?.screenplayId, 'the saved version itself, not a copy').toBe(hidden('basedOn'))
  videoIds.set('9:16', renderedId!)

  // The other two set up through the services (faster), submitted over HTTP all the same.
  const wide = await makeBrief(stack.app, alice.id, {
    aspectRatio: '16:9',
    lengthSeconds: 15,
    productName: 'Trail Lamp',
    music: 'none',
  })
  videoIds.set('16:9', await submitOverHttp(alice.client, wide.screenplayId))
  const square = await makeBrief(stack.app, alice.id, {
    aspectRatio: '1:1',
    lengthSeconds: 15,
    productName: HOSTILE_TITLE,
    language: 'zh-CN',
    callToAction: '立即购买',
  })
  videoIds.set('1:1', await submitOverHttp(alice.client, square.screenplayId))

  await Promise.all([...videoIds.values()].map((id) => waitForFinish(stack.app, id, 90_000)))
}, 120_000)

afterAll(async () => {
  await stack?.close()
  unhandled?.stop()
})

describe.each(ASPECTS)('a %s render', (aspect) => {
  const id = () => videoIds.get(aspect)!
  const files = () => videoPaths(stack.app.dataDir, alice.id, id())

  it('finishes done, every shot submitted, polled and downloaded', () => {
    const video = shotRows(stack.app, id())
    const row = stack.app.db.$client
      .prepare('select status, failure_reason, output_bytes, aspect_ratio, stitch_progress from videos where id = ?')
      .get(id()) as Record<string, unknown>
    expect(row).toMatchObject({ status: 'done', failure_reason: null, aspect_ratio: aspect, stitch_progress: 100 })
    expect(row.output_bytes).toBe(fs.statSync(files().video).size)
    expect(video.length).toBeGreaterThanOrEqual(3)
    for (const shot of video) {
      expect(shot.status).toBe('done')
      expect(shot.taskId).toMatch(/^[0-9a-f]{32}$/)
      expect(shot.pointsCost).toBeGreaterThan(0)
    }
  })

  it('is an H.264 MP4 of the stitch size and the expected length, with music at −14 LUFS (silent when asked)', async () => {
    const shots = shotRows(stack.app, id())
    const probe = await probeMedia(files().video)
    expect(probe.formatName).toContain('mp4')
    expect(probe.codec).toBe('h264')
    expect({ width: probe.width, height: probe.height }).toEqual(STITCH_SIZE[aspect])
    expect(probe.audioCodec).toBe('aac')
    const expected = expectedSeconds(shots)
    expect(shots.reduce((s, x) => s + x.durationSeconds, 0)).toBe(15)
    expect(Math.abs(probe.duration - expected), `duration ${probe.duration} vs ${expected}`).toBeLessThanOrEqual(0.3)
    if (aspect === '16:9') {
      // This brief asked for no music: the silent track of old.
      expect((await rmsLevels(files().video, 5)).every((level) => level < -90)).toBe(true)
    } else {
      const sound = await loudness(files().video)
      expect(Math.abs(sound.integrated + 14), `${sound.integrated} LUFS`).toBeLessThanOrEqual(1)
      expect(sound.truePeak).toBeLessThanOrEqual(-1)
    }
  })

  it('serves a JPEG poster to the owner, and none of the clips it was made from (they are gone)', async () => {
    expect(fs.existsSync(path.dirname(files().clip(1)))).toBe(false)
    for (const shot of shotRows(stack.app, id())) {
      expect((await alice.client.get(`/videos/${id()}/clips/${shot.position}.mp4`)).status).toBe(404)
    }
    const poster = await alice.client.get(`/videos/${id()}/poster.jpg`)
    expect(poster.status).toBe(200)
    expect(poster.headers.get('content-type')).toBe('image/jpeg')
    const bytes = new Uint8Array(await poster.arrayBuffer())
    expect(isJpeg(bytes)).toBe(true)
    expect(Buffer.compare(Buffer.from(bytes), fs.readFileSync(files().poster))).toBe(0)
  })

  it('shows the player, the poster and the download button on the video page, and no clip links', async () => {
    const res = await alice.client.get(`/videos/${id()}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    const player = /<video[^>]*data-testid="player"[^>]*>/.exec(html)?.[0]
    expect(player).toBeDefined()
    expect(player).toContain(`src="/videos/${id()}/video.mp4"`)
    expect(player).toContain(`poster="/videos/${id()}/poster.jpg"`)
    expect(html).toMatch(
      new RegExp(`<a class="button" href="/videos/${id()}/video.mp4\\?download=1" download="?[^>]*>\\s*Download MP4`),
    )
    expect(html).not.toContain('/clips/')
    // Finished: no more polling, and no Cancel button.
    expect(html).not.toContain('hx-trigger="every 2s"')
    expect(html).not.toContain('Cancel render')
    expect(html).toContain('Ready')
  })

  it('counts exactly one usage record, not voided, with metadata only', () => {
    const records = usageRows(stack.app, alice.id, id())
    expect(records).toHaveLength(1)
    const shots = shotRows(stack.app, id())
    expect(records[0]).toMatchObject({
      voidedAt: null,
      shots: shots.length,
      seconds: 15,
      model: 'kling-v2-1',
      // What LibTV reported charging for every task, kept for the operator's monthly report.
      pointsCost: shots.reduce((sum, s) => sum + (s.pointsCost ?? 0), 0),
    })
    expect(records[0]!.pointsCost).toBeGreaterThan(0)
  })
})

describe('serving the finished video', () => {
  const id = () => videoIds.get('9:16')!
  const file = () => videoPaths(stack.app.dataDir, alice.id, id()).video

  it('streams the whole file with its type, length and Accept-Ranges', async () => {
    const res = await alice.client.get(`/videos/${id()}/video.mp4`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('video/mp4')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(res.headers.get('content-disposition')).toBe('inline')
    const body = Buffer.from(await res.arrayBuffer())
    expect(Number(res.headers.get('content-length'))).toBe(body.length)
    expect(Buffer.compare(body, fs.readFileSync(file()))).toBe(0)
  })

  it.each([
    ['bytes=0-99', (size: number) => [0, 99, size]],
    ['bytes=100-', (size: number) => [100, size - 1, size]],
    ['bytes=-50', (size: number) => [size - 50, size - 1, size]],
    ['bytes=1000-1000', (size: number) => [1000, 1000, size]],
    ['bytes=10-99999999999', (size: number) => [10, size - 1, size]],
  ] as const)('answers Range %s with 206 and exactly those bytes', async (range, expected) => {
    const whole = fs.readFileSync(file())
    const [start, end, size] = expected(whole.length)
    const res = await alice.client.get(`/videos/${id()}/video.mp4`, { range })
    expect(res.status).toBe(206)
    expect(res.headers.get('content-type')).toBe('video/mp4')
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`)
    expect(Number(res.headers.get('content-length'))).toBe(end! - start! + 1)
    const body = Buffer.from(await res.arrayBuffer())
    expect(Buffer.compare(body, whole.subarray(start, end! + 1))).toBe(0)
  })

  it.each(['bytes=SIZE-', 'bytes=SIZE-SIZE', 'bytes=-0'])(
    'answers an unsatisfiable Range %s with 416 and bytes */size',
    async (template) => {
      const size = fs.statSync(file()).size
      const res = await alice.client.get(`/videos/${id()}/video.mp4`, {
        range: template.replaceAll('SIZE', String(size)),
      })
      expect(res.status).toBe(416)
      expect(res.headers.get('content-range')).toBe(`bytes */${size}`)
      expect((await res.arrayBuffer()).byteLength).toBe(0)
    },
  )

  it('serves ?download=1 as an attachment named after the product, format, length and version', async () => {
    const res = await alice.client.get(`/videos/${id()}/video.mp4?download=1`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('video/mp4')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="aura-x2-headphones-9x16-15s-v1.mp4"; filename*=UTF-8''Aura%20X2%20Headphones-9x16-15s-v1.mp4`,
    )
    await res.arrayBuffer()
  })

  it('keeps a hostile product name out of the Content-Disposition header', async () => {
    const square = videoIds.get('1:1')!
    const res = await alice.client.get(`/videos/${square}/video.mp4?download=1`)
    expect(res.status).toBe(200)
    const disposition = res.headers.get('content-disposition')!
    // An ASCII name for every browser, and the real name percent-encoded (RFC 6266/5987): no quote,
    // semicolon or newline of the title can reach the header.
    expect(disposition).toMatch(/^attachment; filename="[a-z0-9-]+\.mp4"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/)
    expect(disposition).toContain('100-pure')
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      `${HOSTILE_TITLE.replace(/[\u0000-\u001f\u007f/\\]/g, ' ')
        .trim()
        .slice(0, 80)}-1x1-15s-v1.mp4`,
    )
    await res.arrayBuffer()
    // The page shows the title as typed, escaped.
    const page = await (await alice.client.get(`/videos/${square}`)).text()
    expect(decodeHtml(/<h1>([^<]*)<\/h1>/.exec(page)?.[1] ?? '')).toBe(HOSTILE_TITLE)
  })

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await alice.client.get(`/videos/${id()}/video.mp4`, { range: 'bytes=0-0' })
    const etag = first.headers.get('etag')
    await first.arrayBuffer()
    expect(etag).toBeTruthy()
    const again = await alice.client.get(`/videos/${id()}/video.mp4`, { 'if-none-match': etag! })
    expect(again.status).toBe(304)
  })

  // Issue 20 changed this from a reload (HX-Refresh): a reload under a person using a screen reader
  // loses their place and the announcement that the video is ready (test/render/announcements.test.ts).
  it('finishes the page in place once the video is done: the player out of band, no reload', async () => {
    const res = await alice.client.get(`/videos/${id()}/status?shown=`, { 'hx-request': 'true' })
    expect(res.status).toBe(200)
    expect(res.headers.get('hx-refresh')).toBeNull()
    const html = await res.text()
    expect(html).toContain('data-status="done"')
    expect(html).toContain('<section id="video-player" class="card player-card" hx-swap-oob="true">')
    expect(html).toContain('Your video is ready.')
  })

  it('lists the three videos in the library, newest first, with posters', async () => {
    const html = await (await alice.client.get('/videos')).text()
    const order = [...html.matchAll(/<a href="\/videos\/([0-9a-f-]{36})" class="item-link">/g)].map((m) => m[1])
    expect(order).toEqual([videoIds.get('1:1'), videoIds.get('16:9'), videoIds.get('9:16')])
    for (const vid of videoIds.values()) expect(html).toContain(`src="/videos/${vid}/poster.jpg"`)
  })

  it('caused no unhandled rejection and no worker error', () => {
    expect(unhandled.seen).toEqual([])
    expect(stack.workerErrors).toEqual([])
    expect(stack.workerLogs.filter((l) => l.event === 'render crashed' || l.event === 'video failed')).toEqual([])
  })
})
