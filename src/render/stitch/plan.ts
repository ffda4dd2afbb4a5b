import type { TextFile } from './captions.js'
import { cleanText, fitText, writeLineFiles } from './captions.js'
import type { Transition } from './filtergraph.js'
import { band, buildPieces, buildTimeline, drawtext } from './filtergraph.js'
import type { AspectRatio, Language, Size } from './layout.js'
import { captionLimits, ctaLimits, FONTS, placeCaption, placeEndCard, textColourOn, titleLimits } from './layout.js'
import type { ClipInfo } from './probe.js'
import { clipInputArgs } from './probe.js'

/** The end card's background when the brand has no colour: near-black, not pure black. */
export const DEFAULT_END_CARD_COLOUR = '#14161A'

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
  aspectRatio: AspectRatio
  language: Language
  size: Size
  fps: number
  silentAudio: boolean
}

export interface StitchPlan {
  /** The ffmpeg runs that encode the video piece by piece, in playing order. */
  pieces: PlannedPiece[]
  /** Samples of 48 kHz silence for the audio track, or null for none. */
  audioSamples: number | null
  totalFrames: number
  durationSeconds: number
  /** Every text file written, with what it holds (for tests and the curious). */
  textFiles: TextFile[]
}

export interface PlannedPiece {
  /** ffmpeg input options for the clips this piece reads. */
  inputArgs: string[]
  /** Outputs [vout], and [poster] for the first piece. */
  filtergraph: string
  frames: number
  poster: boolean
}

/**
 * Turns a validated request into the pieces' ffmpeg inputs and filtergraphs (one piece per shot
 * and one for the end card), writing every caption, title and call-to-action line to its own
 * file in `textDir`.
 */
export async function planStitch(input: PlanInput, textDir: string): Promise<StitchPlan> {
  const { size, aspectRatio: aspect, fps } = input
  const fonts = FONTS[input.language]
  const textFiles: TextFile[] = []
  const keep = (files: (TextFile | null)[]) => {
    for (const f of files) if (f) textFiles.push(f)
    return files
  }

  const shots = await Promise.all(
    input.clips.map(async (clip, i) => {
      // The clip's own length, to the nearest frame: 5.04 s at 24 fps is 121 frames.
      const frames = Math.max(1, Math.round(clip.info.durationSeconds * fps))
      const fitted = fitText(cleanText(clip.caption), captionLimits(size, aspect))
      const files = keep(await writeLineFiles(textDir, `caption-${i}`, fitted.lines))
      const overlays: string[] = []
      if (files.some((f) => f)) {
        const place = placeCaption(size, aspect, fitted.lines.length, fitted.fontSize)
        overlays.push(band(place.band.y, place.band.height))
        files.forEach((f, k) => {
          const baseline = place.baselines[k]
          if (f && baseline !== undefined) {
            overlays.push(
              drawtext({
                file: f.path,
                font: fonts.regular,
                fontSize: fitted.fontSize,
                color: 'white',
                baseline,
                shadow: true,
              }),
            )
          }
        })
      }
      return { frames, overlays }
    }),
  )

  const background = input.endCard.brandColor ?? DEFAULT_END_CARD_COLOUR
  const foreground = textColourOn(background)
  const title = fitText(cleanText(input.endCard.title), titleLimits(size, aspect))
  const cta = fitText(cleanText(input.endCard.callToAction), ctaLimits(size, aspect))
  const titleFiles = keep(await writeLineFiles(textDir, 'title', title.lines))
  const ctaFiles = keep(await writeLineFiles(textDir, 'cta', cta.lines))
  const place = placeEndCard(
    size,
    aspect,
    { lines: title.lines.length, fontSize: title.fontSize },
    { lines: cta.lines.length, fontSize: cta.fontSize },
  )
  const endOverlays: string[] = []
  titleFiles.forEach((f, k) => {
    const baseline = place.titleBaselines[k]
    if (!f || baseline === undefined) return
    endOverlays.push(
      drawtext({
        file: f.path,
        font: fonts.bold,
        fontSize: title.fontSize,
        color: foreground,
        baseline,
        fauxBold: fonts.fauxBold,
      }),
    )
  })
  ctaFiles.forEach((f, k) => {
    const baseline = place.ctaBaselines[k]
    if (!f || baseline === undefined) return
    // The call to action reads as a button: the card's colour on a box of the text colour.
    const box = { color: `${foreground}@0.95`, padding: Math.round(cta.fontSize * 0.55) }
    endOverlays.push(
      drawtext({
        file: f.path,
        font: fonts.bold,
        fontSize: cta.fontSize,
        color: background,
        baseline,
        fauxBold: fonts.fauxBold,
        box,
      }),
    )
  })

  const endFrames = Math.max(1, Math.round(input.endCard.seconds * fps))
  // A clip's transition is how it enters from the one before; the first clip's has nothing to join.
  const transitions = [...input.clips.slice(1).map((c) => c.transition), input.endCard.transition]
  const timeline = buildTimeline([...shots.map((s) => s.frames), endFrames], transitions, fps)
  const durationSeconds = timeline.totalFrames / fps
  const pieces = buildPieces({
    size,
    fps,
    shots,
    endCard: { color: background, frames: endFrames, overlays: endOverlays },
    joins: timeline.joins,
    posterFrame: timeline.posterFrame,
  })
  return {
    pieces: pieces.map((piece) => ({
      // One decoding thread per clip: a threaded decoder holds extra frames (~10 MB at 720p).
      // Of the next shot only its head is needed (half a second): reading stops a quarter of a
      // second after it, enough for the frame-rate change to see the frame after the last.
      inputArgs: piece.shots.flatMap(({ shot, head }) => {
        const clip = input.clips[shot] as PlanInput['clips'][number]
        const limit = head ? ['-t', ((timeline.joins[shot - 1]?.frames ?? 0) / fps + 0.25).toFixed(3)] : []
        return ['-threads', '1', ...limit, ...clipInputArgs(clip.path)]
      }),
      filtergraph: piece.filtergraph,
      frames: piece.frames,
      poster: piece.poster,
    })),
    audioSamples: input.silentAudio ? Math.round(durationSeconds * 48000) : null,
    totalFrames: timeline.totalFrames,
    durationSeconds,
    textFiles,
  }
}
