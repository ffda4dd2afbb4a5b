import { IMG2VIDEO_TEMPLATE_UUID, MAX_PROMPT_CHARS } from '../api.js'
import { LIBTV_MODELS } from '../config.js'

export type SubmitParams = {
  prompt: string
  durationSeconds: 5 | 10
  mode: 'std' | 'pro'
  startFrame: string
  /** kling-v2-6 and later: the clip comes with its own sound. */
  sound: boolean
}

/**
 * LibTV's rules for an img2video submit (docs/libtv.md#submitting-a-shot); a broken rule gives the
 * code the real service documents, or our guess where the doc is silent (docs/libtv.md#unverified-points).
 */
export function checkSubmit(
  body: unknown,
): { ok: true; params: SubmitParams } | { ok: false; code: number; msg: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  if (b.templateUuid !== IMG2VIDEO_TEMPLATE_UUID) return { ok: false, code: 100120, msg: 'template does not exist' }
  const gp = b.generateParams
  if (typeof gp !== 'object' || gp === null) return { ok: false, code: 100050, msg: 'generateParams missing' }
  const p = gp as Record<string, unknown>
  if (typeof p.model !== 'string' || !(LIBTV_MODELS as readonly string[]).includes(p.model)) {
    return { ok: false, code: 100053, msg: 'model is not in the allowed list' }
  }
  if (typeof p.prompt !== 'string' || p.prompt.trim() === '' || p.prompt.length > MAX_PROMPT_CHARS) {
    return { ok: false, code: 100000, msg: 'prompt is required, at most 2000 characters' }
  }
  // LibTV's duration is a *string*, "5" (default) or "10".
  const duration = p.duration ?? '5'
  if (duration !== '5' && duration !== '10') return { ok: false, code: 100000, msg: 'duration must be "5" or "10"' }
  const mode = p.mode ?? 'std'
  if (mode !== 'std' && mode !== 'pro') return { ok: false, code: 100000, msg: 'mode must be std or pro' }
  if (p.model === 'kling-v2-5-turbo' && mode !== 'pro')
    return { ok: false, code: 100000, msg: 'kling-v2-5-turbo needs mode pro' }
  // kling-v2-6 takes `image` and never startFrame (the doc's table); `sound` exists from v2.6 on.
  const v26 = p.model === 'kling-v2-6'
  const frame = v26 ? p.image : p.startFrame
  if (v26 && p.startFrame !== undefined)
    return { ok: false, code: 100000, msg: 'kling-v2-6 takes image, not startFrame' }
  if (typeof frame !== 'string' || frame === '')
    return { ok: false, code: 100050, msg: v26 ? 'image is required' : 'startFrame is required' }
  if (p.sound !== undefined && (!v26 || (p.sound !== 'on' && p.sound !== 'off')))
    return { ok: false, code: 100000, msg: 'sound is on or off, and only for kling-v2-6 and later' }
  return {
    ok: true,
    params: {
      prompt: p.prompt,
      durationSeconds: duration === '10' ? 10 : 5,
      mode,
      startFrame: frame,
      sound: p.sound === 'on',
    },
  }
}
