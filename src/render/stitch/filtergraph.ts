import type { FontRef, Size } from './layout.js'

/**
 * The ffmpeg filtergraph, built from numbers, fixed names and escaped file paths only.
 * User text never appears here: drawtext reads it from a file (see captions.ts).
 */

export type Transition = 'cut' | 'fade' | 'dissolve' | 'slide'

/** Editor vocabulary to xfade names: a fade dips through black, a dissolve crosses over. */
const XFADE: Readonly<Record<Exclude<Transition, 'cut'>, string>> = {
  fade: 'fadeblack',
  dissolve: 'fade',
  slide: 'slideleft',
}

/** Length of every non-cut transition. */
export const TRANSITION_SECONDS = 0.5

/**
 * Escapes one option value twice: for the option parser (\ ' : and whitespace) and then for
 * the filtergraph parser (\ ' [ ] , ;). ffmpeg undoes the two levels in the opposite order.
 */
export function escapeFilterValue(value: string): string {
  const optionLevel = value.replace(/[\\':\s]/g, (c) => `\\${c}`)
  return optionLevel.replace(/[\\'[\],;]/g, (c) => `\\${c}`)
}

function filter(name: string, options: ReadonlyArray<readonly [string, string | number]>): string {
  return `${name}=${options.map(([k, v]) => `${k}=${typeof v === 'number' ? v : escapeFilterValue(v)}`).join(':')}`
}

export interface DrawTextSpec {
  /** Path of the file holding the line (never the text itself). */
  file: string
  font: FontRef
  fontSize: number
  /** #RRGGBB or an ffmpeg colour such as white@0.9. */
  color: string
  /** y of the baseline; the line is centred horizontally on its real width. */
  baseline: number
  fauxBold?: boolean
  shadow?: boolean
  box?: { color: string; padding: number }
}

export function drawtext(spec: DrawTextSpec): string {
  const options: [string, string | number][] = [
    'family' in spec.font ? ['font', spec.font.family] : ['fontfile', spec.font.file],
    ['textfile', spec.file],
    // Without this drawtext evaluates %{...} in the file's text: %{pts} would draw a clock.
    ['expansion', 'none'],
    ['fontsize', spec.fontSize],
    ['fontcolor', spec.color],
    ['x', '(w-text_w)/2'],
    // `ascent` is the tallest glyph of this line: subtracting it puts every line on its baseline.
    ['y', `${spec.baseline}-ascent`],
  ]
  if (spec.fauxBold) options.push(['borderw', Math.max(1, Math.round(spec.fontSize / 30))], ['bordercolor', spec.color])
  if (spec.shadow) {
    const offset = Math.max(1, Math.round(spec.fontSize / 18))
    options.push(['shadowx', offset], ['shadowy', offset], ['shadowcolor', 'black@0.6'])
  }
  if (spec.box) options.push(['box', 1], ['boxcolor', spec.box.color], ['boxborderw', spec.box.padding])
  return filter('drawtext', options)
}

export function band(y: number, height: number): string {
  return filter('drawbox', [
    ['x', 0],
    ['y', y],
    ['w', 'iw'],
    ['h', height],
    ['color', 'black@0.45'],
    ['t', 'fill'],
  ])
}

export interface Join {
  /** xfade transition name, or null for a hard cut. */
  xfade: string | null
  /** Frames the two segments overlap (0 for a cut). */
  frames: number
}

export interface Timeline {
  joins: Join[]
  totalFrames: number
  /** Frame index for the poster: inside the first shot, after its caption is up. */
  posterFrame: number
}

/**
 * Duration math. Segment i lasts frames[i] (clips rounded to whole frames, the end card
 * last). A cut adds segments end to end; an xfade overlaps them by its length, so
 *   totalFrames = Σ frames − Σ overlap,  overlap = round(0.5 s × fps)
 * clamped to half the shorter neighbour so no segment is eaten by two transitions.
 */
export function buildTimeline(frames: readonly number[], transitions: readonly Transition[], fps: number): Timeline {
  const joins: Join[] = []
  let totalFrames = frames[0] ?? 0
  for (let i = 1; i < frames.length; i++) {
    const kind = transitions[i - 1] ?? 'cut'
    const prev = frames[i - 1] ?? 0
    const next = frames[i] ?? 0
    const overlap =
      kind === 'cut' ? 0 : Math.min(Math.round(TRANSITION_SECONDS * fps), Math.floor(Math.min(prev, next) / 2))
    joins.push(overlap > 0 && kind !== 'cut' ? { xfade: XFADE[kind], frames: overlap } : { xfade: null, frames: 0 })
    totalFrames += next - overlap
  }
  const firstSolo = (frames[0] ?? 0) - (joins[0]?.frames ?? 0)
  return { joins, totalFrames, posterFrame: Math.max(0, Math.min(fps, Math.floor(firstSolo / 2))) }
}

export interface GraphSpec {
  size: Size
  fps: number
  /** Input index, frame count and drawn overlays of each shot, in order. */
  shots: { input: number; frames: number; overlays: string[] }[]
  endCard: { color: string; frames: number; overlays: string[] }
  joins: readonly Join[]
  /** Samples of 48 kHz silence to add as an audio track, or null for none. */
  audioSamples: number | null
  /** Frame copied to the [poster] output before encoding (one ffmpeg run, no x264 artefacts). */
  posterFrame: number
}

const seconds = (frames: number, fps: number) => (frames / fps).toFixed(6)

/**
 * Labels: [s0]…[sN] segments (the end card last), [hI]/[bI]/[tI] their head, body and tail,
 * [xJ] transitions, [vcat] the whole; outputs [vout], [poster] and [aout].
 *
 * Why not chain xfade over whole segments: ffmpeg 5.1's xfade pulls its second input from
 * the start, so every frame of the next shot before the transition waits in memory (≈150 MB
 * per 5 s of 720p). Instead each segment is split into head (its incoming transition), body
 * and tail (its outgoing one); xfade only ever sees a tail and the next head, a few frames
 * each, and one concat plays bodies and transitions in order, pulling one at a time.
 */
export function buildFiltergraph(spec: GraphSpec): string {
  const { size, fps } = spec
  const { width: w, height: h } = size
  const chains: string[] = []
  const tail = (overlays: readonly string[]) => overlays.map((o) => `,${o}`).join('')
  spec.shots.forEach((shot, i) => {
    chains.push(
      `[${shot.input}:v:0]setpts=PTS-STARTPTS,fps=${fps},` +
        // Cover, not letterbox: crop the centre to the target shape, then scale. Cropping first
        // matters: crop only moves pointers, so a crop after an upscale would carry the whole
        // oversized buffer down the chain (3× the memory for a 16:9 clip in a 9:16 video).
        `crop=w=min(iw\\,ih*${w}/${h}):h=min(ih\\,iw*${h}/${w}),scale=${w}:${h}:flags=bicubic,setsar=1,format=yuv420p,` +
        // Exactly `frames` frames whatever the clip really holds: clone its last frame if short.
        `tpad=stop=-1:stop_mode=clone,trim=end_frame=${shot.frames},setpts=PTS-STARTPTS` +
        `${tail(shot.overlays)}[s${i}]`,
    )
  })
  const last = spec.shots.length
  const colour = `0x${spec.endCard.color.replace(/^#/, '').replace(/[^0-9a-fA-F]/g, '')}`
  chains.push(
    `color=c=${colour}:s=${w}x${h}:r=${fps},format=yuv420p,setsar=1,trim=end_frame=${spec.endCard.frames},` +
      `setpts=PTS-STARTPTS${tail(spec.endCard.overlays)}[s${last}]`,
  )

  const frames = [...spec.shots.map((s) => s.frames), spec.endCard.frames]
  const pieces: string[] = []
  frames.forEach((n, i) => {
    const head = spec.joins[i - 1]?.xfade ? (spec.joins[i - 1]?.frames ?? 0) : 0
    const end = spec.joins[i]?.xfade ? (spec.joins[i]?.frames ?? 0) : 0
    const body = n - head - end > 0
    if (head === 0 && end === 0) {
      pieces.push(`s${i}`) // a cut on both sides: the whole segment plays as it is
      return
    }
    const parts = [head > 0 && `h${i}`, body && `b${i}`, end > 0 && `t${i}`].filter((p) => p !== false)
    const trims: Record<string, string> = {
      [`h${i}`]: `trim=end_frame=${head}`,
      [`b${i}`]: `trim=start_frame=${head}:end_frame=${n - end}`,
      [`t${i}`]: `trim=start_frame=${n - end}`,
    }
    chains.push(`[s${i}]split=${parts.length}${parts.map((p) => `[${p}in]`).join('')}`)
    for (const p of parts) chains.push(`[${p}in]${trims[p]},setpts=PTS-STARTPTS[${p}]`)
    if (head > 0) {
      const join = spec.joins[i - 1]
      chains.push(
        `[t${i - 1}][h${i}]xfade=transition=${join?.xfade}:duration=${seconds(head, fps)}:offset=0[x${i - 1}]`,
      )
      pieces.push(`x${i - 1}`)
    }
    if (body) pieces.push(`b${i}`)
  })
  chains.push(`${pieces.map((p) => `[${p}]`).join('')}concat=n=${pieces.length}:v=1:a=0[vcat]`)
  const p = spec.posterFrame
  chains.push(
    '[vcat]split=2[vout][vposter]',
    `[vposter]trim=start_frame=${p}:end_frame=${p + 1},setpts=PTS-STARTPTS[poster]`,
  )
  if (spec.audioSamples !== null) chains.push(`anullsrc=r=48000:cl=stereo,atrim=end_sample=${spec.audioSamples}[aout]`)
  return chains.join(';')
}
