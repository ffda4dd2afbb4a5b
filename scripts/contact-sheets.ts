// Contact sheets of the lamp brief's video for every template, at 9:16 and 1:1, in en and zh-CN,
// to look at before calling a change to the video done (issue 22). The clips stand in for
// LibTV's: the generated lamp photo with a slow push in, 5 s a shot, so captions, transitions,
// the end card and the music are the real stitch's. Output: test-output/contact-sheets/
// (git-ignored), one PNG per template (a row per ratio × language) and the MP4s beside them.
// Usage: npx tsx scripts/contact-sheets.ts [template…]
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { DEFAULT_SOUNDFONT, musicBed } from '../src/music/index.js'
import { STITCH_TRANSITION } from '../src/render/assemble.js'
import { stitchVideo } from '../src/render/stitch/index.js'
import { writeScreenplay } from '../src/screenplay/engine.js'
import { type TemplateId, templateIds } from '../src/screenplay/templates/index.js'
import { lampBrief, makeLampPhoto, makePhotoClip } from '../test/render/stitch/lamp.js'

const out = path.resolve('test-output/contact-sheets')
fs.mkdirSync(out, { recursive: true })
const photo = path.join(out, 'lamp.jpg')
await makeLampPhoto(photo, { box: { x: 0.3, y: 0.5, width: 0.4, height: 0.42 } })
const clip = await makePhotoClip(photo, path.join(out, 'lamp.mp4'), 5)
const tools = {
  fluidsynthPath: 'fluidsynth',
  soundfont: DEFAULT_SOUNDFONT,
  ffmpegPath: 'ffmpeg',
  cacheDir: path.join(out, 'music-cache'),
}

const chosen = process.argv.slice(2).length ? (process.argv.slice(2) as TemplateId[]) : [...templateIds]
for (const template of chosen) {
  const rows: string[] = []
  for (const aspect of ['9:16', '1:1'] as const)
    for (const language of ['en', 'zh-CN'] as const) {
      const brief = lampBrief(language, aspect, template)
      const screenplay = writeScreenplay(brief, 0)
      const name = `${template}-${aspect.replace(':', 'x')}-${language}`
      const video = path.join(out, `${name}.mp4`)
      await stitchVideo({
        clips: screenplay.shots.map((shot) => ({
          path: clip,
          caption: shot.caption,
          transition: STITCH_TRANSITION[shot.transition] ?? 'cut',
        })),
        endCard: { title: brief.productName, callToAction: brief.callToAction, brandColor: brief.brandColor },
        photoPath: photo,
        aspectRatio: aspect,
        language,
        size: aspect === '9:16' ? { width: 360, height: 640 } : { width: 480, height: 480 },
        outputPath: video,
        posterPath: path.join(out, `${name}.jpg`),
        tempDir: out,
        // The music the render worker would choose for this brief (the video id seeds "auto").
        music: (seconds, signal) =>
          musicBed(tools, { music: 'auto', volume: 'normal', tone: brief.tone, videoId: name }, seconds, signal).then(
            (bed) => bed?.path ?? null,
          ),
      })
      // One frame every 2.5 s from 1.25 s on, the end card included: 13 in a row, 240 px high.
      const row = path.join(out, `${name}-row.png`)
      execFileSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-i',
        video,
        '-vf',
        'fps=0.4:start_time=1.25,scale=-2:240,tile=13x1',
        '-frames:v',
        '1',
        row,
      ])
      rows.push(row)
      // Loudness as the platforms measure it (EBU R128), from ffmpeg's summary on stderr.
      const r128 = spawnSync('ffmpeg', [
        '-hide_banner',
        '-nostats',
        '-i',
        video,
        '-af',
        'ebur128=peak=true',
        '-f',
        'null',
        '-',
      ])
      const summary = r128.stderr.toString().split('Summary:')[1] ?? ''
      const lufs = /I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]
      const peak = /Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1]
      console.log(
        `${name} (${lufs} LUFS, true peak ${peak} dBTP): ${screenplay.shots.map((s) => s.caption).join(' | ')}`,
      )
    }
  const sheet = path.join(out, `${template}.png`)
  // Rows differ in width (a square frame is wider than a tall one): each is padded to the widest.
  const pads = rows.map((_, i) => `[${i}:v]pad=3120:240:0:0:white[r${i}]`).join(';')
  const stack = `${rows.map((_, i) => `[r${i}]`).join('')}vstack=inputs=${rows.length}`
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    ...rows.flatMap((r) => ['-i', r]),
    '-filter_complex',
    `${pads};${stack}`,
    sheet,
  ])
  console.log(`→ ${sheet}`)
}
