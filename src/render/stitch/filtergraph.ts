import type { Size } from './layout.js'

/**
 * The ffmpeg filtergraph, built from numbers and fixed names only. User text never appears
 * here: captions and the end card are PNGs (typeset.ts), read as inputs of the ffmpeg run.
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

/** How long a caption takes to fade out before a transition and in after it. */
export const CAPTION_FADE_SECONDS = 0.25

/** A caption PNG and where its top-left corner goes. */
export interface CaptionLayer {
  file: string
  x: number
  y: number
}

export interface GraphSpec {
  size: Size
  fps: number
  /** Frame count and caption of each shot, in order. */
  shots: { frames: number; caption: CaptionLayer | null }[]
  /** The end card: one full-frame PNG, held for `frames`. */
  endCard: { file: string; frames: number }
  joins: readonly Join[]
  /** Frame of the first piece copied to the [poster] output (one ffmpeg run, no x264 artefacts). */
  posterFrame: number
  /**
   * The brand kit's small corner logo: over every frame of the video from `fromFrame` on, but the
   * end card's own (which shows the logo large). Null: none.
   */
  cornerLogo?: (CaptionLayer & { fromFrame: number }) | null
}

/** What an ffmpeg run reads: a shot's clip (or only its head), or a still PNG. */
export type PieceInput = { kind: 'clip'; shot: number; head: boolean } | { kind: 'still'; file: string }

/** One ffmpeg run's share of the video: encoded on its own, joined to the others by stream copy. */
export interface PieceGraph {
  /** In input order: [0:v] is the first. */
  inputs: PieceInput[]
  /** Outputs [vout], and [poster] for the first piece. */
  filtergraph: string
  frames: number
  poster: boolean
}

const seconds = (frames: number, fps: number) => (frames / fps).toFixed(6)

/** A still input as `frames` frames on the video's clock (loop holds one decoded frame). */
function still(input: number, frames: number, fps: number): string {
  return `[${input}:v]loop=loop=${Math.max(0, frames - 1)}:size=1:start=0,settb=1/${fps},setpts=N`
}

/**
 * The video in pieces, one per shot and one for the end card. Piece k is segment k (a shot or
 * the end card) from the end of its incoming transition to the end of its outgoing one:
 *
 *   body of k  (its own frames, its caption on top)
 *   + the transition into k+1: xfade of k's last frames with k+1's first ones
 *
 * so the pieces follow each other end to end, and their frame counts add up to the timeline's
 * total. Each piece is encoded by its own ffmpeg run, two at a time, and the pieces are joined
 * by stream copy: both cores work on the stitch, and a run holds one or two decoders and one
 * single-threaded encoder however long the video is (ffmpeg 5.1's xfade would otherwise keep
 * every frame of the next shot before the transition in memory).
 *
 * Captions are a layer over the body only: a caption cuts with its shot at a cut, fades out
 * before a transition and in after it, so no frame ever shows two captions.
 *
 * Labels: [s] the segment, [b] its body, [t] its tail, [h] the next segment's head, [x] the
 * transition, [c] the caption, [bc] the body with it, [vcat] the piece; outputs [vout], [poster].
 */
export function buildPieces(spec: GraphSpec): PieceGraph[] {
  const { size, fps } = spec
  const { width: w, height: h } = size
  const segments = [...spec.shots.map((s) => s.frames), spec.endCard.frames]
  const last = segments.length - 1

  /** Segment k's frames, exactly as many as planned, from input `input`. */
  const source = (k: number, input: number): string => {
    const frames = segments[k] ?? 0
    if (k === last) return `${still(input, frames, fps)},format=yuv420p,setsar=1,trim=end_frame=${frames}`
    return (
      `[${input}:v:0]setpts=PTS-STARTPTS,fps=${fps},` +
      // Cover, not letterbox: crop the centre to the target shape, then scale. Cropping first
      // matters: crop only moves pointers, so a crop after an upscale would carry the whole
      // oversized buffer down the chain (3× the memory for a 16:9 clip in a 9:16 video).
      `crop=w=min(iw\\,ih*${w}/${h}):h=min(ih\\,iw*${h}/${w}),scale=${w}:${h}:flags=bicubic,setsar=1,format=yuv420p,` +
      // Exactly `frames` frames whatever the clip really holds: clone its last frame if short.
      `tpad=stop=-1:stop_mode=clone,trim=end_frame=${frames},setpts=PTS-STARTPTS`
    )
  }
  const inputOf = (k: number, head: boolean): PieceInput =>
    k === last ? { kind: 'still', file: spec.endCard.file } : { kind: 'clip', shot: k, head }

  let pieceStart = 0
  return segments.map((n, k) => {
    const start = pieceStart
    pieceStart += n - (spec.joins[k - 1]?.xfade ? (spec.joins[k - 1]?.frames ?? 0) : 0)
    const incoming = spec.joins[k - 1]
    const outgoing = spec.joins[k]
    const head = incoming?.xfade ? incoming.frames : 0
    const tail = outgoing?.xfade ? outgoing.frames : 0
    const bodyFrames = n - head - tail
    const inputs: PieceInput[] = [inputOf(k, false)]
    const chains: string[] = []
    const body = `trim=start_frame=${head}:end_frame=${n - tail},setpts=PTS-STARTPTS`

    // The caption over the body: [b] in, [bc] out; or the body as it is.
    const caption = spec.shots[k]?.caption
    let bodyOut = '[b]'
    const captionChains: string[] = []
    if (caption && bodyFrames > 0) {
      const fade = Math.min(Math.round(CAPTION_FADE_SECONDS * fps), Math.floor(bodyFrames / 3))
      const fades = [
        head > 0 && fade > 0 ? `fade=t=in:s=0:n=${fade}:alpha=1` : '',
        tail > 0 && fade > 0 ? `fade=t=out:s=${bodyFrames - fade}:n=${fade}:alpha=1` : '',
      ].filter(Boolean)
      inputs.push({ kind: 'still', file: caption.file })
      captionChains.push(
        `${still(inputs.length - 1, bodyFrames, fps)},format=rgba${fades.map((f) => `,${f}`).join('')}[c]`,
        `[b][c]overlay=x=${Math.round(caption.x)}:y=${Math.round(caption.y)}:format=yuv420[bc]`,
      )
      bodyOut = '[bc]'
    }

    if (tail === 0) {
      if (captionChains.length) chains.push(`${source(k, 0)},${body}[b]`, ...captionChains, `${bodyOut}null[vcat]`)
      else chains.push(`${source(k, 0)},${body}[vcat]`)
    } else {
      const hasBody = bodyFrames > 0
      chains.push(`${source(k, 0)}[s]`)
      chains.push(hasBody ? '[s]split=2[bin][tin]' : '[s]null[tin]')
      if (hasBody) chains.push(`[bin]${body}[b]`, ...captionChains)
      chains.push(`[tin]trim=start_frame=${n - tail},setpts=PTS-STARTPTS[t]`)
      inputs.push(inputOf(k + 1, true))
      chains.push(`${source(k + 1, inputs.length - 1)},trim=end_frame=${tail},setpts=PTS-STARTPTS[h]`)
      chains.push(`[t][h]xfade=transition=${outgoing?.xfade}:duration=${seconds(tail, fps)}:offset=0[x]`)
      chains.push(hasBody ? `${bodyOut}[x]concat=n=2:v=1:a=0[vcat]` : '[x]null[vcat]')
    }
    // The corner logo over the piece's frames from its first one on (a frame number in the piece).
    const logo = spec.cornerLogo
    const pieceFrames = n - head
    if (logo && k !== last && start + pieceFrames > logo.fromFrame) {
      const from = Math.max(0, logo.fromFrame - start)
      inputs.push({ kind: 'still', file: logo.file })
      chains.push(
        `${still(inputs.length - 1, pieceFrames, fps)},format=rgba[lg]`,
        `[vcat][lg]overlay=x=${Math.round(logo.x)}:y=${Math.round(logo.y)}:format=yuv420` +
          `${from > 0 ? `:enable=gte(n\\,${from})` : ''}[vlogo]`,
        '[vlogo]null[vcat2]',
      )
    }
    const out = chains.some((c) => c.endsWith('[vcat2]')) ? '[vcat2]' : '[vcat]'
    const poster = k === 0
    if (poster) {
      const p = spec.posterFrame
      chains.push(
        `${out}split=2[vout][vposter]`,
        `[vposter]trim=start_frame=${p}:end_frame=${p + 1},setpts=PTS-STARTPTS[poster]`,
      )
    } else {
      chains.push(`${out}null[vout]`)
    }
    return { inputs, filtergraph: chains.join(';'), frames: n - head, poster }
  })
}
