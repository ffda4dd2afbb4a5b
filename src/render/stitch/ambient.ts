import path from 'node:path'
import { checkRun } from './encode.js'
import { runTool } from './ffmpeg.js'
import type { StitchPlan } from './plan.js'
import { clipInputArgs } from './probe.js'

/** Fade of a clip's sound where no transition softens its edge: long enough to avoid a click. */
const EDGE_FADE_SECONDS = 0.05

/**
 * The clips' own sound (the video model's ambient sound) laid on the video's timeline as one WAV
 * in `workDir`: each clip where its pictures play, cross-faded over the transitions, silence under
 * the end card and wherever a clip has no sound. Null when no clip has any. Float samples, so the
 * overlaps cannot clip before the music mix brings it to its level.
 */
export async function ambientTrack(
  ffmpeg: string,
  clips: { path: string; hasAudio: boolean }[],
  plan: Pick<StitchPlan, 'shotTimes' | 'durationSeconds'>,
  workDir: string,
  signal: AbortSignal,
): Promise<string | null> {
  const sounding = clips.flatMap((clip, i) => {
    const at = plan.shotTimes[i]
    return clip.hasAudio && at ? [{ path: clip.path, at }] : []
  })
  if (sounding.length === 0) return null
  const total = plan.durationSeconds.toFixed(3)
  const chains = sounding.map(({ at }, k) => {
    const fadeIn = Math.max(EDGE_FADE_SECONDS, at.fadeIn)
    const fadeOut = Math.max(EDGE_FADE_SECONDS, at.fadeOut)
    const delayMs = Math.round(at.start * 1000)
    return (
      `[${k}:a:0]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,` +
      `atrim=0:${at.seconds.toFixed(3)},asetpts=PTS-STARTPTS,apad=whole_dur=${at.seconds.toFixed(3)},` +
      `afade=t=in:d=${fadeIn.toFixed(3)},` +
      `afade=t=out:st=${Math.max(0, at.seconds - fadeOut).toFixed(3)}:d=${fadeOut.toFixed(3)},` +
      `adelay=${delayMs}|${delayMs}[s${k}]`
    )
  })
  const base = `anullsrc=r=48000:cl=stereo,atrim=0:${total}[base]`
  const inputs = ['[base]', ...sounding.map((_, k) => `[s${k}]`)].join('')
  const mix = `${inputs}amix=inputs=${sounding.length + 1}:normalize=0:duration=first[aout]`
  const out = path.join(workDir, 'ambient.wav')
  const args = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    ...sounding.flatMap((s) => ['-threads', '1', ...clipInputArgs(s.path)]),
    '-filter_complex',
    [...chains, base, mix].join(';'),
    '-map',
    '[aout]',
    '-c:a',
    'pcm_f32le',
    '-f',
    'wav',
    `file:${out}`,
  ]
  await checkRun(await runTool(ffmpeg, args, { signal, threads: 1 }), signal)
  return out
}
