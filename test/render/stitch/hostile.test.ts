import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanText, fitText, writeLineFiles } from '../../../src/render/stitch/captions.js'
import { drawtext } from '../../../src/render/stitch/filtergraph.js'
import { stitchVideo } from '../../../src/render/stitch/index.js'
import { captionLimits, FONTS, placeCaption } from '../../../src/render/stitch/layout.js'
import type { PlanInput } from '../../../src/render/stitch/plan.js'
import { planStitch } from '../../../src/render/stitch/plan.js'
import type { ClipInfo } from '../../../src/render/stitch/probe.js'
import { probeClip } from '../../../src/render/stitch/probe.js'
import { differingPixels, FFPROBE, makeClip, probe, renderFrames, renderPlanFrames, tempDir } from './helpers.js'

/**
 * Caption text is user input. Everything a filtergraph or drawtext would interpret: quotes,
 * colons, backslashes, %{…} expansions, braces, brackets, labels, separators, newlines, and
 * control characters (which are removed, not drawn).
 */
const HOSTILE_CAPTION = `Lumi's "Pro": 100% %{pts} %{n} \\ C:\\x\\y {braces} [out]; a,b [0:v]null[x]\r\n='quoted', \\' \\\\ \u0007%{eif:1:d}`
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

/** A test-local escaper, built differently from the module's: quote at the option level. */
function referenceQuote(value: string): string {
  const optionLevel = `'${value.replace(/'/g, `'\\''`)}'`
  return optionLevel.replace(/[\\'[\],;]/g, (c) => `\\${c}`)
}

describe('hostile text', () => {
  it('writes every line to a file exactly, and none of the text into the filtergraph', async () => {
    const p = await plan(HOSTILE_CAPTION, 'files')
    for (const file of p.textFiles) expect(await readFile(file.path, 'utf8')).toBe(file.text)

    const captionFiles = p.textFiles.filter((f) => path.basename(f.path).startsWith('caption-'))
    const cleaned = cleanText(HOSTILE_CAPTION)
    expect(cleaned).not.toMatch(/[\r\u0007]/)
    // The wrap only ever removes the spaces it breaks at: every other character is kept, in order.
    expect(captionFiles.map((f) => f.text)).toEqual(fitText(cleaned, captionLimits(SIZE, '16:9')).lines)
    expect(
      captionFiles
        .map((f) => f.text)
        .join('')
        .replace(/\s/g, ''),
    ).toBe(cleaned.replace(/\s/g, ''))
    const endFiles = p.textFiles.filter((f) => !path.basename(f.path).startsWith('caption-'))
    expect(endFiles.map((f) => f.text).join(' ')).toBe(`${HOSTILE_TITLE} ${HOSTILE_CTA}`)

    const graphs = p.pieces.map((piece) => piece.filtergraph)
    for (const fragment of ['%{', 'Lumi', 'quoted', 'braces', 'null[x]', 'off', 'today'])
      for (const graph of graphs) expect(graph).not.toContain(fragment)
    // Only our own labels: the text added no pad, no chain and no filter.
    const labels = graphs.flatMap((graph) => [...graph.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]))
    for (const label of labels) expect(label).toMatch(/^([01]:v:0|[sbhtx]|bin|tin|vcat|vout|vposter|poster)$/)
    // The shot (then the split for the poster and its trim), and the end card (then its output).
    expect(graphs.map((graph) => graph.split(';').length)).toEqual([3, 2])
  })

  it('draws the same pixels as a reference render of the intended text', async () => {
    const fontfile = (FONTS.en.regular as { file: string }).file
    const line = `Lumi's "Pro": 100% %{pts} \\ {x} [out]; a,b`
    const refDir = path.join(dir, 'reference')
    await mkdir(refDir, { recursive: true })
    const [file] = await writeLineFiles(refDir, 'line', [line])
    const source = ['-f', 'lavfi', '-i', 'color=c=0x203040:s=512x120:r=1', '-frames:v', '1', '-vf']
    const spec = { font: FONTS.en.regular, fontSize: 24, color: 'white', baseline: 70 }
    const ours = (await renderFrames([...source, drawtext({ ...spec, file: file!.path })], 512, 120))[0]!

    // 1. The same line through drawtext's text= option, escaped the other way.
    const viaOption = `drawtext=fontfile=${fontfile}:text=${referenceQuote(line)}:expansion=none:fontsize=24:fontcolor=white:x=(w-text_w)/2:y=70-ascent`
    const reference = (await renderFrames([...source, viaOption], 512, 120))[0]!
    expect(differingPixels(ours, reference, 512, [0, 120])).toBe(0)

    // 2. The module's path escaping, from a folder whose name is itself hostile.
    const weirdDir = path.join(dir, `we'ird [dir]; a,b: c\\d %{n}`)
    await mkdir(weirdDir, { recursive: true })
    const weirdFile = path.join(weirdDir, 'line.txt')
    await writeFile(weirdFile, line)
    const fromWeird = (await renderFrames([...source, drawtext({ ...spec, file: weirdFile })], 512, 120))[0]!
    expect(differingPixels(ours, fromWeird, 512, [0, 120])).toBe(0)

    // 3. The comparison is sensitive: one character different is visible.
    const [other] = await writeLineFiles(refDir, 'other', [line.replace('%{pts}', '%{ptz}')])
    const different = (await renderFrames([...source, drawtext({ ...spec, file: other!.path })], 512, 120))[0]!
    expect(differingPixels(ours, different, 512, [0, 120])).toBeGreaterThan(20)
  })

  it('does not expand %{pts} or %{n}: the caption is identical in every frame of a still shot', async () => {
    const frames = await renderPlanFrames(await plan(HOSTILE_CAPTION, 'still'), SIZE.width, SIZE.height)
    expect(frames).toHaveLength(36 + 24)
    const blank = await renderPlanFrames(await plan('', 'blank'), SIZE.width, SIZE.height)
    const limits = captionLimits(SIZE, '16:9')
    const band = placeCaption(SIZE, '16:9', 3, limits.fontSize).band
    const rows: [number, number] = [band.y, SIZE.height]
    // Text is drawn…
    expect(differingPixels(frames[2]!, blank[2]!, SIZE.width, rows)).toBeGreaterThan(200)
    // …and does not change from frame 2 to frame 30, as a clock or frame counter would.
    expect(differingPixels(frames[2]!, frames[30]!, SIZE.width, [0, SIZE.height])).toBe(0)

    // Control: with expansion turned back on, the same comparison does see %{pts} tick.
    const ticking = await plan('%{pts}', 'ticking')
    const expanded = await renderPlanFrames(
      {
        pieces: ticking.pieces.map((piece) => ({
          ...piece,
          filtergraph: piece.filtergraph.replaceAll('expansion=none', 'expansion=normal'),
        })),
      },
      SIZE.width,
      SIZE.height,
    )
    expect(differingPixels(expanded[2]!, expanded[30]!, SIZE.width, rows)).toBeGreaterThan(20)
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
