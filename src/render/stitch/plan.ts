import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { cleanText, fitText, keyword } from './captions.js'
import { renderEndCard } from './end-card.js'
import type { CaptionLayer, Transition } from './filtergraph.js'
import { buildPieces, buildTimeline } from './filtergraph.js'
import type { AspectRatio, Box, CaptionFace, ChineseWrap, Language, SafeZone, Size } from './layout.js'
import { captionLimits, chooseAnchor, placeCaption, readableAccent, safeArea, typeSize } from './layout.js'
import type { ClipInfo } from './probe.js'
import { clipInputArgs } from './probe.js'
import type { ProductBox } from './product-box.js'
import { productBoxInFrame } from './product-box.js'
import { boxOverWhite, captionBoxColour, captionPng } from './typeset.js'

/** The key word's colour when the brand has none: a warm yellow that reads on the caption box. */
export const DEFAULT_CAPTION_ACCENT = '#FFC93C'

export interface PlanInput {
  /** Absolute paths, probed. */
  clips: { path: string; caption: string; transition: Transition; info: ClipInfo }[]
  endCard: {
    title: string
    callToAction: string
    brandColor?: string | undefined
    seconds: number
    transition: Transition
  }
  /** The product photo the clips were made from, and where the product is in it. */
  photo?: { path: string; found: ProductBox } | null
  aspectRatio: AspectRatio
  language: Language
  /** A platform preset's caption margins; none: the ratio's own safe area. */
  safeZone?: SafeZone | null | undefined
  /** A preset's Chinese wrap (zh captions only). */
  chineseWrap?: ChineseWrap | null | undefined
  size: Size
  fps: number
  silentAudio: boolean
  brand?: PlanBrand | null | undefined
}

/** The brand kit as the stitch draws it (the end card's primary colour is endCard.brandColor). */
export interface PlanBrand {
  /** A PNG; the end card shows it, and the corner when `cornerLogo` is set. */
  logoPath?: string | null | undefined
  handle?: string | null | undefined
  accentColor?: string | null | undefined
  face?: CaptionFace | undefined
  /** Tints the caption box (white text keeps 7:1 over a white frame). */
  primaryColor?: string | null | undefined
  /** The small corner logo: off when absent; `lastSeconds` keeps it to the video's end (Taobao). */
  cornerLogo?: { lastSeconds?: number | undefined } | null | undefined
}

export interface StitchPlan {
  /** The ffmpeg runs that encode the video piece by piece, in playing order. */
  pieces: PlannedPiece[]
  /** Samples of 48 kHz silence for the audio track, or null for none. */
  audioSamples: number | null
  /**
   * Where each shot plays in the video: its start, its length, and how long it overlaps the
   * previous and the next picture (a transition), in seconds. The clips' own sound follows it.
   */
  shotTimes: { start: number; seconds: number; fadeIn: number; fadeOut: number }[]
  totalFrames: number
  durationSeconds: number
  /** Every caption drawn: its PNG, its lines, its key word and where it goes (for tests). */
  captions: (PlannedCaption | null)[]
  /** The product's box in the frame, when the photo was given and shows in the frame. */
  productBox: Box | null
  endCardFile: string
  /** The corner logo drawn over the shots, and from which frame of the video (for tests). */
  cornerLogo: (Box & { file: string; fromFrame: number }) | null
}

export interface PlannedCaption extends CaptionLayer {
  lines: string[]
  keyword: string | null
  fontSize: number
  width: number
  height: number
}

export interface PlannedPiece {
  /** ffmpeg input options for the clips and stills this piece reads. */
  inputArgs: string[]
  /** Outputs [vout], and [poster] for the first piece. */
  filtergraph: string
  frames: number
  poster: boolean
}

/**
 * Turns a validated request into the pieces' ffmpeg inputs and filtergraphs (one piece per shot
 * and one for the end card), drawing every caption and the end card to PNGs in `workDir`.
 * Captions all sit at one anchor, top or bottom, whichever keeps clear of the product.
 */
export async function planStitch(input: PlanInput, workDir: string): Promise<StitchPlan> {
  const { size, aspectRatio: aspect, fps, language } = input
  const productName = cleanText(input.endCard.title)
  const zone = input.safeZone ?? null
  const wrap = language === 'en' ? null : (input.chineseWrap ?? null)
  const brand = input.brand ?? null
  const box = captionBoxColour(brand?.primaryColor ?? undefined)
  // The key word in the kit's accent, else the brand colour; lifted or darkened until it reads on the box.
  const accent = readableAccent(
    brand?.accentColor ?? input.endCard.brandColor ?? DEFAULT_CAPTION_ACCENT,
    boxOverWhite(box),
  )

  const drawn = await Promise.all(
    input.clips.map(async (clip, i) => {
      const text = cleanText(clip.caption)
      const fitted = fitText(text, captionLimits(size, aspect, zone, wrap), [productName])
      const key = keyword(text, productName)
      const style = {
        language,
        fontSize: fitted.fontSize,
        weight: 'bold' as const,
        colour: '#FFFFFF',
        face: brand?.face,
      }
      const image = await captionPng(
        fitted.lines,
        { ...style, highlight: key ? { text: key, colour: accent } : null },
        box,
      )
      if (!image) return null
      const file = path.join(workDir, `caption-${i}.png`)
      await writeFile(file, image.png, { mode: 0o600 })
      return {
        file,
        lines: fitted.lines,
        keyword: key,
        fontSize: fitted.fontSize,
        width: image.width,
        height: image.height,
      }
    }),
  )
  const productBox = input.photo ? productBoxInFrame(input.photo.found, size) : null
  const tallest = Math.max(0, ...drawn.map((c) => c?.height ?? 0))
  const anchor = chooseAnchor(size, aspect, tallest, productBox, zone)
  const captions: (PlannedCaption | null)[] = drawn.map((c) => {
    if (!c) return null
    const at = placeCaption(size, aspect, anchor, c, zone)
    return { ...c, x: at.x, y: at.y }
  })

  const endCardFile = path.join(workDir, 'end-card.png')
  const card = await renderEndCard({
    size,
    aspect,
    language,
    title: productName,
    callToAction: cleanText(input.endCard.callToAction),
    brandColor: input.endCard.brandColor,
    photo: input.photo ?? null,
    zone,
    logoPath: brand?.logoPath,
    handle: brand?.handle,
    accentColor: brand?.accentColor,
    face: brand?.face,
  })
  await writeFile(endCardFile, card, { mode: 0o600 })

  const shots = input.clips.map((clip, i) => ({
    // The clip's own length, to the nearest frame: 5.04 s at 24 fps is 121 frames.
    frames: Math.max(1, Math.round(clip.info.durationSeconds * fps)),
    caption: captions[i] ?? null,
  }))
  const endFrames = Math.max(1, Math.round(input.endCard.seconds * fps))
  // A clip's transition is how it enters from the one before; the first clip's has nothing to join.
  const transitions = [...input.clips.slice(1).map((c) => c.transition), input.endCard.transition]
  const timeline = buildTimeline([...shots.map((s) => s.frames), endFrames], transitions, fps)
  const durationSeconds = timeline.totalFrames / fps
  const cornerLogo =
    brand?.logoPath && brand.cornerLogo
      ? await drawCornerLogo(brand.logoPath, input, anchor, workDir).then((at) => ({
          ...at,
          fromFrame: brand.cornerLogo?.lastSeconds
            ? Math.max(0, timeline.totalFrames - Math.round(brand.cornerLogo.lastSeconds * fps))
            : 0,
        }))
      : null
  const pieces = buildPieces({
    cornerLogo,
    size,
    fps,
    shots,
    endCard: { file: endCardFile, frames: endFrames },
    joins: timeline.joins,
    posterFrame: timeline.posterFrame,
  })
  return {
    pieces: pieces.map((piece) => ({
      // One decoding thread per clip: a threaded decoder holds extra frames (~10 MB at 720p).
      // Of the next shot only its head is needed (half a second): reading stops a quarter of a
      // second after it, enough for the frame-rate change to see the frame after the last.
      // A still is one PNG, decoded once and held by the loop filter.
      inputArgs: piece.inputs.flatMap((source) => {
        if (source.kind === 'still') return ['-f', 'png_pipe', '-framerate', String(fps), '-i', `file:${source.file}`]
        const clip = input.clips[source.shot] as PlanInput['clips'][number]
        const limit = source.head
          ? ['-t', ((timeline.joins[source.shot - 1]?.frames ?? 0) / fps + 0.25).toFixed(3)]
          : []
        return ['-threads', '1', ...limit, ...clipInputArgs(clip.path)]
      }),
      filtergraph: piece.filtergraph,
      frames: piece.frames,
      poster: piece.poster,
    })),
    audioSamples: input.silentAudio ? Math.round(durationSeconds * 48000) : null,
    shotTimes: shotTimesOf(
      shots.map((s) => s.frames),
      timeline.joins.map((j) => j.frames),
      fps,
    ),
    totalFrames: timeline.totalFrames,
    durationSeconds,
    captions,
    productBox,
    endCardFile,
    cornerLogo,
  }
}

/** Each shot's place on the timeline: it starts where the previous one's transition starts. */
function shotTimesOf(frames: number[], overlaps: number[], fps: number): StitchPlan['shotTimes'] {
  let start = 0
  return frames.map((n, i) => {
    const fadeIn = i === 0 ? 0 : (overlaps[i - 1] ?? 0)
    const fadeOut = overlaps[i] ?? 0
    const at = { start: start / fps, seconds: n / fps, fadeIn: fadeIn / fps, fadeOut: fadeOut / fps }
    start += n - fadeOut
    return at
  })
}

/**
 * The corner logo: small (a line of caption type tall, three wide at most), a little see-through,
 * at the safe area's left edge on the side the captions leave free.
 */
async function drawCornerLogo(
  logoPath: string,
  input: PlanInput,
  captionAnchor: 'top' | 'bottom',
  workDir: string,
): Promise<Box & { file: string }> {
  const { size, aspectRatio: aspect } = input
  // About one line of caption type tall, and no wider than three: a wordmark reads, a square stays small.
  const type = typeSize(size, aspect)
  const { data, info } = await sharp(logoPath)
    .resize(Math.round(type * 3), Math.round(type * 1.1), { fit: 'inside' })
    .ensureAlpha(1)
    .linear([1, 1, 1, 0.85], [0, 0, 0, 0])
    .png()
    .toBuffer({ resolveWithObject: true })
  const file = path.join(workDir, 'corner-logo.png')
  await writeFile(file, data, { mode: 0o600 })
  const safe = safeArea(size, aspect, input.safeZone ?? null)
  const y = captionAnchor === 'top' ? safe.y + safe.height - info.height : safe.y
  return { file, x: safe.x, y, width: info.width, height: info.height }
}
