import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import { type Image, type RenderJob, type Video, type VideoShot, videos } from '../../db/schema.js'
import { parseSnapshot } from '../brand/snapshot.js'
import { presetOf } from '../formats/presets.js'
import { musicBed } from '../music/index.js'
import type { Brief } from '../screenplay/brief.js'
import { brandLogoPath, videoPaths } from '../storage.js'
import { framePhoto } from './framing.js'
import { creditTags, recordedTrackOf, variantPartOf } from './music-source.js'
import { LeaseLost, underLease } from './queue.js'
import type { RenderDeps } from './renderer.js'
import type { Transition as StitchTransition } from './stitch/filtergraph.js'
import { DEFAULT_SIZES, StitchError, type StitchInput, sizeFor, stitchVideo } from './stitch/index.js'
import { probeClip } from './stitch/probe.js'
import { removePartFiles } from './sweep.js'

// The stitcher knows four transitions; the screenplay's livelier ones map to the nearest.
export const STITCH_TRANSITION: Record<string, StitchTransition> = {
  cut: 'cut',
  fade: 'fade',
  dissolve: 'dissolve',
  slide: 'slide',
  wipe: 'slide',
  zoom: 'dissolve',
  whip: 'slide',
}

/**
 * Every clip is on disk: stitch them (captions, end card, poster) into the video's MP4, then check
 * that MP4 with ffprobe before anyone relies on it (the clips are removed once the video is done).
 * Resolves the MP4's size. Aborting `stop` kills ffmpeg; losing the lease mid-stitch aborts it.
 */
export async function assembleVideo(
  deps: RenderDeps,
  job: RenderJob,
  video: Video,
  shots: VideoShot[],
  brief: Brief,
  image: Image,
  stop: AbortController,
): Promise<number> {
  const { db, owner } = deps
  const paths = videoPaths(deps.dataDir, video.userId, video.id)
  underLease(db, job.id, owner, (tx) =>
    tx
      .update(videos)
      .set({ status: 'stitching', stitchProgress: 0, updatedAt: Date.now() })
      .where(eq(videos.id, video.id))
      .run(),
  )
  await removePartFiles(paths.dir)
  let lastProgress = 0
  const music = deps.music
  const recorded = recordedTrackOf(
    db,
    { dataDir: deps.dataDir, libraryDir: music?.libraryDir },
    video.userId,
    brief.music,
    (message, fields) => deps.log(message, fields),
  )
  const request = {
    music: brief.music,
    volume: brief.musicVolume,
    tone: brief.tone,
    videoId: video.id,
    // A variant plays its own part of the track its brief names (src/variants), or another take of
    // a built-in one; a variant given its own track ("auto") plays that track's own seed.
    take: video.variantMusic === null ? video.variantPosition : null,
    ...(recorded ? { file: recorded.file, ...variantPartOf(db, video) } : {}),
  }
  let musicStartMs: number | undefined
  // A test's stand-in size is its 720p one; 1080p scales it as it scales the real one.
  const aspect = video.aspectRatio
  const size = sizeFor(video.resolution, deps.stitchSize?.(aspect) ?? DEFAULT_SIZES[aspect])
  const preset = presetOf(brief)
  const brand = brandForStitch(deps.dataDir, video, brief, preset?.cornerLogoLastSeconds)
  const primary = brief.brandColor ?? brand?.primaryColor ?? undefined
  const result = await stitchVideo({
    clips: shots.map((s) => ({
      path: paths.clip(s.position),
      caption: s.caption,
      transition: STITCH_TRANSITION[s.transition] ?? 'cut',
    })),
    endCard: {
      // Taobao shows a logo or end card only in the video's last 2 s.
      ...(preset?.endCardMaxSeconds ? { seconds: Math.min(2.5, preset.endCardMaxSeconds) } : {}),
      title: brief.productName,
      callToAction: brief.callToAction,
      ...(primary ? { brandColor: primary } : {}),
    },
    ...(brand ? { brand } : {}),
    // The photo the clips were made from (framed as LibTV got it): captions keep clear of the
    // product, the end card shows it.
    photoPath: await framePhoto(deps.dataDir, image, aspect, video.resolution),
    aspectRatio: aspect,
    language: brief.language,
    // The platform's safe zone and Chinese wrap (src/formats/presets.ts); none: the ratio's own.
    ...(preset?.safeZone ? { safeZone: preset.safeZone } : {}),
    ...(preset ? { chineseWrap: preset.chineseWrap } : {}),
    outputPath: paths.video,
    posterPath: paths.poster,
    size,
    ffmpegPath: deps.ffmpegPath,
    ffprobePath: deps.ffprobePath,
    ...(music
      ? {
          music: (seconds, signal, ambient) =>
            musicBed(music, request, seconds, signal, ambient).then((bed) => {
              musicStartMs = bed?.startMs ?? 0
              return bed?.path ?? null
            }),
        }
      : {}),
    // The clips' own sound under the music, when the brief asks (a clip without any adds silence).
    ...(brief.ambientSound ? { ambient: true } : {}),
    ...(recorded?.attribution ? { musicMetadata: creditTags(recorded.attribution) } : {}),
    signal: stop.signal,
    onProgress: (fraction) => {
      const percent = Math.floor(fraction * 100)
      if (percent < lastProgress + 5) return
      lastProgress = percent
      try {
        underLease(db, job.id, owner, (tx) =>
          tx
            .update(videos)
            .set({ stitchProgress: percent, updatedAt: Date.now() })
            .where(eq(videos.id, video.id))
            .run(),
        )
      } catch (err) {
        // Canceled (or taken over) mid-stitch: stop ffmpeg now rather than at the next renewal.
        if (err instanceof LeaseLost) stop.abort(err)
        else throw err
      }
    },
  })
  // Music is never worth a failed render: the video went out with the silent track. Logged by
  // kind only (no brief text), and counted (lumina_music_fallbacks_total).
  if (result.musicError !== undefined)
    deps.log('music fallback', { videoId: video.id, error: errorKind(result.musicError) })
  if (result.ambientError !== undefined)
    deps.log('ambient sound left out', { videoId: video.id, error: errorKind(result.ambientError) })
  // The part of the track a variant played, kept: the compare page says it, a re-stitch plays it.
  if (recorded && video.variantGroupId && musicStartMs !== undefined && musicStartMs !== video.variantMusicStartMs) {
    const startMs = musicStartMs
    underLease(db, job.id, owner, (tx) =>
      tx.update(videos).set({ variantMusicStartMs: startMs }).where(eq(videos.id, video.id)).run(),
    )
  }
  // A video is only done once its MP4 reads back as what was planned: its clips go after that.
  const check = await probeClip(deps.ffprobePath, result.outputPath, 1, stop.signal).catch(() => undefined)
  const planned = `${result.width}x${result.height} ${result.durationSeconds.toFixed(2)} s`
  if (
    !check ||
    check.width !== result.width ||
    check.height !== result.height ||
    Math.abs(check.durationSeconds - result.durationSeconds) > 1
  ) {
    throw new StitchError({
      kind: 'output',
      reason: 'The finished video could not be checked.',
      message: `verify: planned ${planned}, read ${check ? `${check.width}x${check.height} ${check.durationSeconds} s` : 'nothing'}`,
    })
  }
  return (await fs.promises.stat(result.outputPath)).size
}

/**
 * The brand kit the video was submitted with (its snapshot), the brief's own colours over it.
 * A logo whose file is gone is left out rather than failing the render. Without a kit, the
 * brief's accent still colours the captions' key word (the brief form and the API both set it).
 */
export function brandForStitch(
  dataDir: string,
  video: Pick<Video, 'brandKit' | 'userId'>,
  brief: Pick<Brief, 'brandColor' | 'accentColor'>,
  cornerLastSeconds: number | undefined,
): StitchInput['brand'] | null {
  const kit = parseSnapshot(video.brandKit)
  if (!kit) return brief.accentColor ? { accentColor: brief.accentColor } : null
  const logo = kit.logoSha256 ? brandLogoPath(dataDir, video.userId, kit.logoSha256) : null
  const logoPath = logo && fs.existsSync(logo) ? logo : null
  return {
    logoPath,
    handle: kit.handle,
    primaryColor: brief.brandColor ?? kit.primaryColor,
    accentColor: brief.accentColor ?? kit.accentColor,
    face: kit.font,
    cornerLogo: kit.cornerLogo ? (cornerLastSeconds ? { lastSeconds: cornerLastSeconds } : {}) : null,
  }
}

function errorKind(err: unknown): string {
  return err instanceof Error ? err.name : typeof err
}
