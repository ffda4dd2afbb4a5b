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
  /** Frame count and drawn overlays of each shot, in order. */
  shots: { frames: number; overlays: string[] }[]
  endCard: { color: string; frames: number; overlays: string[] }
  joins: readonly Join[]
  /** Frame of the first piece copied to the [poster] output (one ffmpeg run, no x264 artefacts). */
  posterFrame: number
}

/** One ffmpeg run's share of the video: encoded on its own, joined to the others by stream copy. */
export interface PieceGraph {
  /** Shots whose clips this run reads, in input order (the end card is generated). */
  shots: { shot: number; head: boolean }[]
  /** Outputs [vout], and [poster] for the first piece. */
  filtergraph: string
  frames: number
  poster: boolean
}

const seconds = (frames: number, fps: number) => (frames / fps).toFixed(6)

/**
 * The video in pieces, one per shot and one for the end card. Piece k is segment k (a shot or
 * the end card) from the end of its incoming transition to the end of its outgoing one:
 *
 *   body of k  (its own frames, overlays drawn)
 *   + the transition into k+1: xfade of k's last frames with k+1's first ones
 *
 * so the pieces follow each other end to end, and their frame counts add up to the timeline's
 * total. Each piece is encoded by its own ffmpeg run, two at a time, and the pieces are joined
 * by stream copy: both cores work on the stitch, and a run holds one or two decoders and one
 * single-threaded encoder however long the video is (ffmpeg 5.1's xfade would otherwise keep
 * every frame of the next shot before the transition in memory).
 *
 * Labels: [s] the segment, [b] its body, [t] its tail, [h] the next segment's head, [x] the
 * transition, [vcat] the piece; outputs [vout] and [poster].
 */
export function buildPieces(spec: GraphSpec): PieceGraph[] {
  const { size, fps } = spec
  const { width: w, height: h } = size
  const segments = [...spec.shots.map((s) => ({ frames: s.frames, overlays: s.overlays })), spec.endCard]
  const last = segments.length - 1
  const overlaysOf = (k: number) => (segments[k]?.overlays ?? []).map((o) => `,${o}`).join('')

  /** Segment k's frames, exactly as many as planned, with its overlays, from input `input`. */
  const source = (k: number, input: number): string => {
    const frames = segments[k]?.frames ?? 0
    if (k === last) {
      const colour = `0x${spec.endCard.color.replace(/^#/, '').replace(/[^0-9a-fA-F]/g, '')}`
      return (
        `color=c=${colour}:s=${w}x${h}:r=${fps},format=yuv420p,setsar=1,trim=end_frame=${frames},` +
        `setpts=PTS-STARTPTS${overlaysOf(k)}`
      )
    }
    return (
      `[${input}:v:0]setpts=PTS-STARTPTS,fps=${fps},` +
      // Cover, not letterbox: crop the centre to the target shape, then scale. Cropping first
      // matters: crop only moves pointers, so a crop after an upscale would carry the whole
      // oversized buffer down the chain (3× the memory for a 16:9 clip in a 9:16 video).
      `crop=w=min(iw\\,ih*${w}/${h}):h=min(ih\\,iw*${h}/${w}),scale=${w}:${h}:flags=bicubic,setsar=1,format=yuv420p,` +
      // Exactly `frames` frames whatever the clip really holds: clone its last frame if short.
      `tpad=stop=-1:stop_mode=clone,trim=end_frame=${frames},setpts=PTS-STARTPTS${overlaysOf(k)}`
    )
  }

  return segments.map((segment, k) => {
    const n = segment.frames
    const incoming = spec.joins[k - 1]
    const outgoing = spec.joins[k]
    const head = incoming?.xfade ? incoming.frames : 0
    const tail = outgoing?.xfade ? outgoing.frames : 0
    const shots: PieceGraph['shots'] = k === last ? [] : [{ shot: k, head: false }]
    const chains: string[] = []
    const body = `trim=start_frame=${head}:end_frame=${n - tail},setpts=PTS-STARTPTS`
    if (tail === 0) {
      chains.push(`${source(k, 0)},${body}[vcat]`)
    } else {
      const hasBody = n - head - tail > 0
      chains.push(`${source(k, 0)}[s]`)
      chains.push(hasBody ? '[s]split=2[bin][tin]' : '[s]null[tin]')
      if (hasBody) chains.push(`[bin]${body}[b]`)
      chains.push(`[tin]trim=start_frame=${n - tail},setpts=PTS-STARTPTS[t]`)
      if (k + 1 < last) shots.push({ shot: k + 1, head: true })
      chains.push(`${source(k + 1, shots.length - 1)},trim=end_frame=${tail},setpts=PTS-STARTPTS[h]`)
      chains.push(`[t][h]xfade=transition=${outgoing?.xfade}:duration=${seconds(tail, fps)}:offset=0[x]`)
      chains.push(hasBody ? '[b][x]concat=n=2:v=1:a=0[vcat]' : '[x]null[vcat]')
    }
    const poster = k === 0
    if (poster) {
      const p = spec.posterFrame
      chains.push(
        '[vcat]split=2[vout][vposter]',
        `[vposter]trim=start_frame=${p}:end_frame=${p + 1},setpts=PTS-STARTPTS[poster]`,
      )
    } else {
      chains.push('[vcat]null[vout]')
    }
    return { shots, filtergraph: chains.join(';'), frames: n - head, poster }
  })
}
