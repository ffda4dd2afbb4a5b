import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanText, fitText } from '../../../src/render/stitch/captions.js'
import { stitchVideo } from '../../../src/render/stitch/index.js'
import { captionLimits, FONTS } from '../../../src/render/stitch/layout.js'
import type { PlanInput } from '../../../src/render/stitch/plan.js'
import { planStitch } from '../../../src/render/stitch/plan.js'
import type { ClipInfo } from '../../../src/render/stitch/probe.js'
import { probeClip } from '../../../src/render/stitch/probe.js'
import { renderText } from '../../../src/render/stitch/typeset.js'
import { differingPixels, FFPROBE, makeClip, probe, renderPlanFrames, tempDir } from './helpers.js'

/**
 * Caption text is user input. Everything a filtergraph, drawtext or Pango markup would
 * interpret: quotes, colons, backslashes, %{…} expansions, braces, brackets, labels, separators,
 * tags and entities, newlines, and control characters (which are removed, not drawn).
 */
const HOSTILE_CAPTION = `Lumi's "Pro": 100% %{pts} %{n} \\ C:\\x\\y {braces} [out]; a,b [0:v]null[x]\r\n='quoted', \\' \\\\ \u0007%{eif:1:d} <span size="90000">big</span> &amp; &#60; <b>`
const HOSTILE_TITLE = `%{pts} "Lumi" [Pro]; 1,2:3 \\`
const HOSTILE_CTA = `Buy: 50% off, {today}; ['now']`
const SIZE = { width: 512, height: 288 }

let dir: string
let cleanup: () => Promise<void>
let solid: { path: string; info: ClipInfo }

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('hostile'))
  const file = await makeClip(path.join(dir, 'solid.mp4'), {
    width: 320,
    height: 180,
    fps: 24,
    seconds: 1.5,
    source: { color: '0x3a5a40' },
  })
  solid = { path: file, info: await probeClip(FFPROBE, file, 1) }
})

afterAll(() => cleanup())

function planInput(caption: string, language: 'en' | 'zh-CN' = 'en'): PlanInput {
  return {
    clips: [{ path: solid.path, caption, transition: 'cut', info: solid.info }],
    endCard: { title: HOSTILE_TITLE, callToAction: HOSTILE_CTA, seconds: 1, transition: 'cut' },
    aspectRatio: '16:9',
    language,
    size: SIZE,
    fps: 24,
    silentAudio: false,
  }
}

async function plan(caption: string, name: string, language: 'en' | 'zh-CN' = 'en') {
  const textDir = path.join(dir, name)
  await mkdir(textDir, { recursive: true })
  return planStitch(planInput(caption, language), textDir)
}

/** A test-local escaper, built differently from the module's: every character as a numeric reference. */
function referenceMarkup(line: string): string {
  return [...line].map((c) => `&#${c.codePointAt(0)};`).join('')
}

describe('hostile text', () => {
  // Changed on purpose (issue 22): captions and the end card are PNGs drawn by Pango, not
  // drawtext lines read from files; the text still never enters the filtergraph.
  it('draws every caption line as typed, and none of the text into the filtergraph', async () => {
    const p = await plan(HOSTILE_CAPTION, 'files')
    const cleaned = cleanText(HOSTILE_CAPTION)
    expect(cleaned).not.toMatch(/[\r\u0007]/)
    // The wrap only ever removes the spaces it breaks at: every other character is kept, in order.
    const lines = p.captions[0]?.lines ?? []
    expect(lines).toEqual(fitText(cleaned, captionLimits(SIZE, '16:9'), [cleanText(HOSTILE_TITLE)]).lines)
    expect(lines.join('').replace(/\s/g, '')).toBe(cleaned.replace(/\s/g, ''))

    const graphs = p.pieces.map((piece) => piece.filtergraph)
    for (const fragment of ['%{', 'Lumi', 'quoted', 'braces', 'null[x]', 'off', 'today', 'span', 'big'])
      for (const graph of graphs) expect(graph).not.toContain(fragment)
    // Only our own labels: the text added no pad, no chain and no filter.
    const labels = graphs.flatMap((graph) => [...graph.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]))
    for (const label of labels) expect(label).toMatch(/^([012]:v(:0)?|[sbhtxc]|bc|bin|tin|vcat|vout|vposter|poster)$/)
    // The shot's body, its caption, the overlay, its output (then the split for the poster and
    // its trim), and the end card (then its output).
    expect(graphs.map((graph) => graph.split(';').length)).toEqual([6, 2])
    // The inputs are our own files: the clip, the caption PNG, the end card PNG.
    const inputs = p.pieces.flatMap((piece) => piece.inputArgs.filter((a) => a.startsWith('file:')))
    expect(inputs).toEqual([`file:${solid.path}`, `file:${p.captions[0]?.file}`, `file:${p.endCardFile}`])
  })

  it('draws markup in the text as text: the same pixels as a reference render', async () => {
    const line = `Lumi's "Pro": <span size="90000">big</span> &amp; &#60; <b>%{pts}</b> [out]; a,b`
    const style = { language: 'en' as const, fontSize: 24, weight: 'bold' as const, colour: '#FFFFFF' }
    const ours = (await renderText([line], style))!
    // The same line escaped another way (every character a numeric reference), through sharp.
    const reference = await sharp({
      text: {
        text: `<span foreground="#FFFFFF" lang="en">${referenceMarkup(line)}</span>`,
        font: `${FONTS.en.family} Bold 24`,
        rgba: true,
        dpi: 72,
        align: 'centre',
        spacing: Math.round(-0.24 * 24),
      },
    })
      .raw()
      .toBuffer({ resolveWithObject: true })
    expect([ours.width, ours.height]).toEqual([reference.info.width, reference.info.height])
    expect(ours.rgba.equals(reference.data)).toBe(true)
    // The comparison is sensitive: the tags drawn as markup would look different (bigger, shorter).
    const injected = (await renderText([line.replace('&amp;', '&')], style))!
    expect(injected.width === ours.width && injected.rgba.equals(ours.rgba)).toBe(false)
    const asMarkup = await sharp({
      text: { text: line.replace(/&amp;|&#60;/g, ''), font: `${FONTS.en.family} Bold 24`, rgba: true, dpi: 72 },
    })
      .raw()
      .toBuffer({ resolveWithObject: true })
    expect(asMarkup.info.width).not.toBe(ours.width)
  })

  it('draws the caption identically in every frame of a still shot (nothing expands %{pts})', async () => {
    const frames = await renderPlanFrames(await plan(HOSTILE_CAPTION, 'still'), SIZE.width, SIZE.height)
    expect(frames).toHaveLength(36 + 24)
    const blank = await renderPlanFrames(await plan('', 'blank'), SIZE.width, SIZE.height)
    const rows: [number, number] = [0, SIZE.height]
    // Text is drawn…
    expect(differingPixels(frames[2]!, blank[2]!, SIZE.width, rows)).toBeGreaterThan(200)
    // …and does not change from frame 2 to frame 30, as a clock or frame counter would.
    expect(differingPixels(frames[2]!, frames[30]!, SIZE.width, rows)).toBe(0)
  })

  it('stitches a video whose captions, title and call to action are all hostile', async () => {
    const out = path.join(dir, 'out')
    const result = await stitchVideo({
      clips: [
        { path: solid.path, caption: HOSTILE_CAPTION },
        { path: solid.path, caption: `${HOSTILE_CAPTION}\n中文：「引号」%{pts}`, transition: 'dissolve' },
      ],
      endCard: { title: HOSTILE_TITLE, callToAction: HOSTILE_CTA, brandColor: '#F1FAEE', seconds: 1 },
      aspectRatio: '16:9',
      language: 'zh-CN',
      outputPath: path.join(out, `v'[1];%d.mp4`),
      posterPath: path.join(out, `p'[1];%d.jpg`),
      size: SIZE,
    })
    const frames = 36 + 36 + 24 - 12 - 12
    expect(result.durationSeconds).toBeCloseTo(frames / 24, 6)
    const info = await probe(result.outputPath)
    expect(info.streams.find((s) => s.codec_type === 'video')?.nb_frames).toBe(String(frames))
    expect((await readFile(result.posterPath)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
  })
})
