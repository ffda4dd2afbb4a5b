import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { MusicVolume } from '../../db/states.js'
import { type Bed, FADE_SECONDS, LOUDNESS, measure, mixBed, normaliseInto, SILENT_BELOW } from './mix.js'
import type { MusicTools } from './render.js'
import { mustRun } from './run.js'

/**
 * The clips' own sound (the video model's ambient sound) sits this many LU under the music: heard
 * as the room around the product, never over the tune.
 */
export const AMBIENT_UNDER_MUSIC_LU = 10

/**
 * The bed of a video whose brief asks for the clips' own sound: the song (when there is one) with
 * the ambient WAV mixed AMBIENT_UNDER_MUSIC_LU under it, or the ambient sound alone, then brought
 * to the loudness target exactly as a song alone is (mixBed: fade, limiter, −14 or −20 LUFS).
 * Written beside the ambient WAV (the stitch's own folder), not cached: it is this video's only.
 * Silent ambient sound changes nothing: the song's cached bed, or null without a song.
 */
export async function ambientBed(
  tools: MusicTools,
  song: string | null,
  ambient: string,
  seconds: number,
  volume: MusicVolume,
  signal?: AbortSignal,
): Promise<Bed | null> {
  const cut = (file: string) => ['-t', seconds.toFixed(3), '-i', `file:${file}`]
  const loudness = async (file: string) =>
    Number((await measure(tools, [...cut(file), '-af', LOUDNORM], signal)).input_i)
  const ambientI = await loudness(ambient)
  if (!(ambientI > SILENT_BELOW)) return song ? mixBed(tools, song, seconds, volume, signal) : null

  const dir = path.dirname(ambient)
  let source = ambient
  if (song) {
    // Measured as mixBed measures it (with the fade), so "under" is against what is heard.
    const fade = `afade=t=out:st=${Math.max(0, seconds - FADE_SECONDS).toFixed(3)}:d=${Math.min(FADE_SECONDS, seconds).toFixed(3)}`
    const songI = Number((await measure(tools, [...cut(song), '-af', `${fade},${LOUDNORM}`], signal)).input_i)
    if (!(songI > SILENT_BELOW)) throw new Error('the rendered song is silent')
    const gain = songI - AMBIENT_UNDER_MUSIC_LU - ambientI
    source = path.join(dir, 'ambient-under-music.wav')
    await mustRun(
      tools.ffmpegPath,
      [
        '-hide_banner',
        '-nostdin',
        '-nostats',
        '-y',
        ...cut(song),
        ...cut(ambient),
        '-filter_complex',
        `[0:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[m];` +
          `[1:a]volume=${gain.toFixed(2)}dB[a];[m][a]amix=inputs=2:normalize=0:duration=first[out]`,
        '-map',
        '[out]',
        '-c:a',
        'pcm_f32le',
        '-f',
        'wav',
        `file:${source}`,
      ],
      signal,
    )
  }
  const bed = path.join(dir, 'ambient-bed.m4a')
  const part = path.join(dir, `.ambient-bed.${randomUUID().slice(0, 8)}.m4a`)
  const normalization = await normaliseInto(tools, source, seconds, LOUDNESS[volume], part, bed, signal)
  return { path: bed, normalization }
}

const LOUDNORM = 'loudnorm=print_format=json'
