import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Track } from '../../db/schema.js'
import type { ApiEnv, SignedInEnv } from '../http/env.js'
import { DiskFile, streamedForm } from '../http/multipart.js'
import { throughUploadGate } from '../http/upload-gate.js'
import { trackLimits } from './audio.js'
import { saveTrack } from './service.js'

// Busy or over the hourly limit: the same refusal a photo gets (src/http/upload-gate.ts).
export { type UploadRefusal, UploadRefused } from '../http/upload-gate.js'

/** The upload form: one file streamed to DATA_DIR/tmp (never held in memory) and its name. */
export const trackForm = streamedForm({
  keepBytes: trackLimits.maxBytes,
  maxTextBytes: 4096,
  maxFields: 4,
  maxFiles: 1,
})

/**
 * A track through the same gate as a photo: the app's decode queue (ffmpeg costs a core like
 * sharp does) and the person's hourly upload limit, both asked before any decoding.
 */
export async function saveOwnTrack(
  c: Context<SignedInEnv> | Context<ApiEnv>,
  file: File,
  title: string | undefined,
): Promise<Track> {
  const { config } = c.var.deps
  const userId = c.var.user.id
  if (!(file instanceof DiskFile)) throw new HTTPException(400, { message: 'The upload was not read.' })
  const upload = { path: file.path, bytes: file.sentBytes, name: file.name }
  const tools = { ffmpegPath: config.libtv.ffmpegPath, ffprobePath: config.libtv.ffprobePath }
  return throughUploadGate(c, () => saveTrack(c.var.db, config.dataDir, tools, userId, upload, title, c.req.raw.signal))
}
