import type { AspectRatio, Resolution } from '../../db/states.js'
import type { MessageKey } from '../i18n/catalogs/index.js'

/**
 * Platform presets: the shape, size, lengths and caption safe zone each marketplace or app wants.
 * One table of data, so a value a platform changes is corrected here, in one place; docs/formats.md
 * says where each value comes from. Pure: no IO.
 */

export const presetIds = [
  'douyin',
  'tiktok',
  'xiaohongshu',
  'taobao',
  'instagram-feed',
  'reels-shorts',
  'youtube',
  'amazon',
] as const
export type PresetId = (typeof presetIds)[number]
/** What a brief stores: a preset, or `custom` (no preset; briefs saved before presets read so). */
export const presetChoices = ['custom', ...presetIds] as const
export type PresetChoice = (typeof presetChoices)[number]

/** Margins as fractions of the frame that captions and titles stay out of. */
export interface SafeZone {
  top: number
  bottom: number
  left: number
  right: number
}

export interface Preset {
  id: PresetId
  /** The platform's name, in the page's language. */
  label: MessageKey
  /** Shapes the platform shows whole; the first is the default. */
  ratios: readonly AspectRatio[]
  resolution: Resolution
  /** Lengths of the shots (seconds) the platform takes, the end card added (≤ 3 s). */
  lengths: readonly number[]
  /** Why a length outside `lengths` is refused, when it is (one sentence, {choices} filled in). */
  lengthReason?: MessageKey
  /** Null: the frame's own safe area (layout.ts), which suits a feed without overlays. */
  safeZone: SafeZone | null
  /** Chinese captions: at most this many characters a line, and lines a caption. */
  chineseWrap: { charsPerLine: number; lines: number }
  /** The end card's length at most (Taobao: the logo only in the last 2 s). */
  endCardMaxSeconds?: number
  /**
   * Where the platform forbids watermarks: the brand kit's corner logo only in the video's last
   * this many seconds (Taobao: 2). Absent: the corner logo, when chosen, is on every shot.
   */
  cornerLogoLastSeconds?: number
}

const ALL_LENGTHS = [15, 20, 30, 45, 60] as const
/** Douyin, TikTok, Reels, Shorts and Xiaohongshu draw their buttons and text over these. */
const VERTICAL_SOCIAL: SafeZone = { top: 0.08, bottom: 0.2, left: 0.06, right: 0.15 }
const CHINESE_WRAP = { charsPerLine: 14, lines: 2 } as const

export const presets: Readonly<Record<PresetId, Preset>> = {
  douyin: {
    id: 'douyin',
    label: 'briefs.preset.douyin',
    ratios: ['9:16'],
    resolution: '1080p',
    lengths: ALL_LENGTHS,
    safeZone: VERTICAL_SOCIAL,
    chineseWrap: CHINESE_WRAP,
  },
  tiktok: {
    id: 'tiktok',
    label: 'briefs.preset.tiktok',
    ratios: ['9:16'],
    resolution: '1080p',
    lengths: ALL_LENGTHS,
    safeZone: VERTICAL_SOCIAL,
    chineseWrap: CHINESE_WRAP,
  },
  xiaohongshu: {
    id: 'xiaohongshu',
    label: 'briefs.preset.xiaohongshu',
    ratios: ['3:4', '9:16', '1:1'],
    resolution: '1080p',
    lengths: ALL_LENGTHS,
    safeZone: VERTICAL_SOCIAL,
    chineseWrap: CHINESE_WRAP,
  },
  taobao: {
    id: 'taobao',
    label: 'briefs.preset.taobao',
    ratios: ['1:1', '3:4'],
    resolution: '1080p',
    // At most 60 s in all: 60 s of shots and the end card would pass it.
    lengths: [15, 20, 30, 45],
    lengthReason: 'briefs.invalid.presetLengthTaobao',
    safeZone: null,
    chineseWrap: CHINESE_WRAP,
    endCardMaxSeconds: 2,
    cornerLogoLastSeconds: 2,
  },
  'instagram-feed': {
    id: 'instagram-feed',
    label: 'briefs.preset.instagramFeed',
    ratios: ['4:5', '1:1'],
    resolution: '1080p',
    lengths: ALL_LENGTHS,
    safeZone: null,
    chineseWrap: CHINESE_WRAP,
  },
  'reels-shorts': {
    id: 'reels-shorts',
    label: 'briefs.preset.reelsShorts',
    ratios: ['9:16'],
    resolution: '1080p',
    lengths: ALL_LENGTHS,
    safeZone: VERTICAL_SOCIAL,
    chineseWrap: CHINESE_WRAP,
  },
  youtube: {
    id: 'youtube',
    label: 'briefs.preset.youtube',
    ratios: ['16:9'],
    resolution: '1080p',
    lengths: ALL_LENGTHS,
    safeZone: null,
    chineseWrap: CHINESE_WRAP,
  },
  amazon: {
    id: 'amazon',
    label: 'briefs.preset.amazon',
    ratios: ['16:9'],
    resolution: '1080p',
    lengths: ALL_LENGTHS,
    safeZone: null,
    chineseWrap: CHINESE_WRAP,
  },
}

/** The preset a brief names; null for `custom`, none, or a name this version does not know. */
export function presetOf(brief: { preset?: string | undefined }): Preset | null {
  const id = brief.preset
  return id && id in presets ? presets[id as PresetId] : null
}

/** The values a preset fills in when the person leaves them to it. */
export function presetDefaults(choice: string | undefined): {
  aspectRatio?: AspectRatio
  resolution?: Resolution
} {
  const preset = presetOf({ preset: choice })
  return preset ? { aspectRatio: preset.ratios[0] as AspectRatio, resolution: preset.resolution } : {}
}

export interface PresetProblem {
  field: 'aspectRatio' | 'lengthSeconds'
  /** English, for logs and zod; pages and the API say `key` in the reader's language. */
  message: string
  key: MessageKey
  values: Record<string, string>
}

/** What the brief's preset forbids in it: a shape it does not show, a length it does not take. */
export function presetProblems(brief: {
  preset?: string | undefined
  aspectRatio: string
  lengthSeconds: number
}): PresetProblem[] {
  const preset = presetOf(brief)
  if (!preset) return []
  const problems: PresetProblem[] = []
  if (!(preset.ratios as readonly string[]).includes(brief.aspectRatio)) {
    const choices = preset.ratios.join(', ')
    problems.push({
      field: 'aspectRatio',
      message: `The ${preset.id} preset shows videos in ${choices}; choose one of them, or no preset`,
      key: 'briefs.invalid.presetRatio',
      values: { choices },
    })
  }
  if (!preset.lengths.includes(brief.lengthSeconds)) {
    const choices = preset.lengths.join(', ')
    problems.push({
      field: 'lengthSeconds',
      message: `The ${preset.id} preset takes ${choices} seconds; choose one of them, or no preset`,
      key: preset.lengthReason ?? 'briefs.invalid.presetLength',
      values: { choices },
    })
  }
  return problems
}

/** What the brief form's script needs to pre-fill the format, resolution and length (static/presets.js). */
export function presetFormData(): string {
  return JSON.stringify(
    Object.fromEntries(
      presetIds.map((id) => [
        id,
        { aspectRatio: presets[id].ratios[0], resolution: presets[id].resolution, lengths: presets[id].lengths },
      ]),
    ),
  )
}
