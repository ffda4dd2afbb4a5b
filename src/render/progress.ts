import fs from 'node:fs'
import type { Video, VideoShot } from '../../db/schema.js'
import type { Db } from '../db.js'
import type { Translator } from '../i18n/translate.js'
import { videoPaths } from '../storage.js'
import { estimateMsLeft, minutesLeft } from './estimate.js'
import { withTranslatedReasons } from './reasons.js'
import { shotThumbnailPath } from './shot.js'

/**
 * What the video page and its poll show of a render: the reasons in the page's language, which
 * finished shots have a frame to show, and the measured minutes left (none without a measurement).
 */
export function renderProgress(
  db: Db,
  dataDir: string,
  lang: Pick<Translator, 't'>,
  found: { video: Video; shots: VideoShot[] },
  now = Date.now(),
) {
  const { video, shots } = withTranslatedReasons(lang, found)
  const paths = videoPaths(dataDir, video.userId, video.id)
  const framed = shots.map((s) => ({
    ...s,
    // A few stat calls while rendering only; a finished page shows no shot rows.
    thumbnail:
      video.status !== 'done' && s.status === 'done' && fs.existsSync(shotThumbnailPath(paths.clip(s.position))),
  }))
  return { video, shots: framed, minutesLeft: minutesLeft(estimateMsLeft(db, found.video, found.shots, now)) }
}
