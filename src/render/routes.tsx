import type { Context } from 'hono'
import { z } from 'zod'
import { isVideoFinished } from '../../db/states.js'
import { tabTitle } from '../../views/layout.js'
import { ErrorPage } from '../../views/pages/error.js'
import { AnnouncementUpdate, newAnnouncements, parseShotPositions } from '../../views/videos/announcer.js'
import { DELETE_VIDEO_CONFIRMATION, LibraryPage } from '../../views/videos/library.js'
import { QuotaPage } from '../../views/videos/quota.js'
import { VideoStatus, videoPageTitle } from '../../views/videos/status.js'
import { FinishedInPlace, VideoPage } from '../../views/videos/video.js'
import { signedInRoutes } from '../accounts/middleware.js'
import { StorageFull } from '../accounts/storage-caps.js'
import { applyScreenplayEdit, screenplayEditForm } from '../briefs/screenplay-edit.js'
import { keepTypedDraft, refuseMismatch, renderPage, screenplayFormIncomplete } from '../briefs/screenplay-routes.js'
import { versionForRender } from '../briefs/screenplays.js'
import { findBrief } from '../briefs/service.js'
import { formBody } from '../http/body-limits.js'
import { askFirst, isConfirmed, seeOther } from '../http/confirm.js'
import type { SignedInEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { notFoundUnless, pageQuery, uuidParam } from '../http/params.js'
import { sendFile } from '../http/send-file.js'
import { translatorOf, viewerOf } from '../http/viewer.js'
import { formatDate } from '../i18n/format.js'
import { sayIn } from '../i18n/said.js'
import { videoPaths } from '../storage.js'
import { deleteVideo } from './delete.js'
import { removeVideoFolder } from './leftovers.js'
import { findOwnedVideo, listVideos, videosOfBrief } from './library.js'
import { briefMusicOf, libraryCreditOf } from './music-source.js'
import { nextStepRoutes } from './next-steps.js'
import { cancelVideo } from './outcomes.js'
import { renderProgress } from './progress.js'
import { rememberNotifyChoice } from './ready-mail.js'
import { EmailNotConfirmed, QuotaExceeded, ScreenplayNotFound, submitRender } from './submit.js'

/**
 * Everything under /videos: start a render, the library, a video's page, progress and files. Only
 * a finished video's MP4 and poster are served: the clips LibTV made are working files, removed
 * once the video is done, failed or canceled, so no route serves them.
 */
export const videoRoutes = signedInRoutes()

// The Render button of a saved version (and of programs that post its id), or the screenplay
// editor's own form: the draft as shown, which is saved as a new version first when it changed.
// "Email me when it's ready" on the render bar; notifyAsked says the box was on the form at all.
const notifyFields = { notifyAsked: z.literal('1').optional(), notifyWhenReady: z.literal('1').optional() }
const renderSaved = z.object({ screenplayId: z.uuid(), ...notifyFields })
const renderDraft = screenplayEditForm.extend({ briefId: z.uuid(), basedOn: z.uuid().optional(), ...notifyFields })
type NotifyChoice = { notifyAsked?: '1' | undefined; notifyWhenReady?: '1' | undefined }
const renderForm = z.union([renderSaved, renderDraft])

videoRoutes.post(
  '/',
  formBody,
  validForm(renderForm, (c, _errors, values) => (values.briefId ? screenplayFormIncomplete(c) : c.notFound())),
  (c) => {
    const form = c.req.valid('form')
    return 'screenplayId' in form ? startRender(c, form.screenplayId, form) : renderEditorDraft(c, form)
  },
)

/**
 * Render video on the screenplay editor: the draft as shown, saved as a new version first when it
 * differs from the version it was opened from, then rendered, in this one request.
 */
function renderEditorDraft(c: Context<SignedInEnv>, form: z.output<typeof renderDraft>) {
  const saved = findBrief(c.var.db, c.var.user.id, form.briefId)
  if (!saved) return c.notFound()
  const { screenplay, errors } = applyScreenplayEdit(form)
  // A mistake in a shot: the editor comes back as typed, with the messages, no version saved;
  // what was typed is kept as the editor's draft, so leaving now loses nothing.
  if (Object.keys(errors).length > 0) {
    const hasDraft = !errors.form && keepTypedDraft(c, saved.id, screenplay, form)
    return renderPage(c, { saved, screenplay, savedVersion: null, errors, hasDraft, writtenAt: form.writtenAt }, 422)
  }
  // Written for another format, length or language than the brief now asks: the editor says so.
  const mismatched = refuseMismatch(c, saved, screenplay, form)
  if (mismatched) return mismatched
  let kept: ReturnType<typeof versionForRender>
  try {
    kept = versionForRender(c.var.db, c.var.user.id, saved.id, screenplay, form.basedOn)
  } catch (err) {
    // No room for another version: the draft comes back, unsaved, with why.
    if (!(err instanceof StorageFull)) throw err
    const message = sayIn(translatorOf(c), err)
    return renderPage(c, { saved, screenplay, savedVersion: null, errors: { form: message } }, 403)
  }
  try {
    return goTo(c, `/videos/${submit(c, kept.version.id, form).id}`)
  } catch (err) {
    // The quota or the videos kept filled up since the page was shown: the draft is safe as a
    // saved version, whose page says why it was not rendered.
    if (!(err instanceof QuotaExceeded || err instanceof StorageFull || err instanceof EmailNotConfirmed)) throw err
    return goTo(c, `/briefs/${saved.id}/screenplay?version=${kept.version.version}&notRendered=1`)
  }
}

function submit(c: Context<SignedInEnv>, screenplayId: string, choice: NotifyChoice) {
  // The box as ticked is remembered for the next render; a form without it keeps the last choice.
  const notify = choice.notifyAsked ? choice.notifyWhenReady === '1' : c.var.user.notifyWhenReady
  const { db, user } = c.var
  const video = submitRender(db, user.id, screenplayId, c.var.config.libtv.model, Date.now(), notify)
  if (choice.notifyAsked && notify !== user.notifyWhenReady) rememberNotifyChoice(db, user.id, notify)
  c.var.deps.runtime.nudgeRenderer()
  return video
}

/** A whole new page: a redirect, or for htmx (the editor's form) HX-Redirect. */
function goTo(c: Context<SignedInEnv>, location: string) {
  if (c.req.header('hx-request') === 'true') return c.body(null, 200, { 'HX-Redirect': location })
  return c.redirect(location, 303)
}

function startRender(c: Context<SignedInEnv>, screenplayId: string, choice: NotifyChoice) {
  try {
    return c.redirect(`/videos/${submit(c, screenplayId, choice).id}`, 303)
  } catch (err) {
    if (err instanceof ScreenplayNotFound) return c.notFound()
    const { t, locale } = translatorOf(c)
    if (err instanceof EmailNotConfirmed) {
      return c.html(
        <ErrorPage
          status={403}
          title={t('videos.confirmFirst.title')}
          message={t('videos.confirmFirst.message')}
          viewer={viewerOf(c)}
        />,
        403,
      )
    }
    if (err instanceof QuotaExceeded) {
      const message = t('videos.quota.message', {
        used: err.used,
        quota: err.quota,
        date: formatDate(locale, err.resetsAt, 'long'),
      })
      return c.html(<QuotaPage viewer={viewerOf(c)} message={message} moreVideos={c.var.config.moreVideos} />, 403)
    }
    throw err
  }
}

videoRoutes.get('/', pageQuery, (c) => {
  const { page } = c.req.valid('query')
  const library = listVideos(c.var.db, c.var.user.id, page)
  return c.html(
    <LibraryPage
      viewer={viewerOf(c)}
      videos={library.videos}
      page={page}
      pages={library.pages}
      total={library.total}
      deleted={c.req.query('deleted') === '1'}
    />,
  )
})

// Delete from a library card: asks first (the dialog with JavaScript, a page without), only the
// owner is asked, and a video still rendering is canceled by the Cancel button's rule.
videoRoutes.post('/:id/delete', uuidParam, formBody, async (c) => {
  const { id } = c.req.valid('param')
  if (!findOwnedVideo(c.var.db, c.var.user.id, id)) return c.notFound()
  if (!(await isConfirmed(c))) return askFirst(c, DELETE_VIDEO_CONFIRMATION, '/videos')
  const deleted = await deleteVideo(c.var.db, c.var.config.dataDir, c.var.user.id, id)
  if (deleted) c.var.deps.runtime.nudgeRenderer()
  return deleted ? seeOther(c, '/videos?deleted=1') : c.notFound()
})

videoRoutes.get('/:id', uuidParam, (c) => {
  const found = findOwnedVideo(c.var.db, c.var.user.id, c.req.valid('param').id)
  if (!found) return c.notFound()
  const notice = c.req.query('notice') === 'cancel-counts' ? 'cancel-counts' : undefined
  const viewer = viewerOf(c)
  const { video, shots, minutesLeft } = renderProgress(c.var.db, c.var.config.dataDir, viewer.lang, found)
  // Coming back to the page (the back button included) shows where the render is now.
  c.header('Cache-Control', 'no-store')
  const fromBrief = videosOfBrief(c.var.db, c.var.user.id, video.briefId)
  const music = briefMusicOf(c.var.db, c.var.user.id, video.briefId)
  const musicCredit = music
    ? libraryCreditOf(c.var.config.music.libraryDir, music, (message, fields) =>
        c.var.deps.logger.warn(fields, message),
      )
    : null
  return c.html(
    <VideoPage
      viewer={viewer}
      video={{ ...video, musicCredit }}
      shots={shots}
      quota={found.quota}
      notice={notice}
      version={found.version}
      fromBrief={fromBrief}
      minutesLeft={minutesLeft}
      fileName={fileNameOf(found.video, found.version)}
    />,
  )
})

// Polled by htmx while the video renders. Out of band it says what is new to the page's live
// region (?shown= the shots the page shows as done), and once finished it puts the player in place:
// the page never reloads under a person reading it or listening to it.
videoRoutes.get('/:id/status', uuidParam, (c) => {
  const found = findOwnedVideo(c.var.db, c.var.user.id, c.req.valid('param').id)
  if (!found) return c.notFound()
  // The page's language with its links (the finished place carries the next steps' links).
  const lang = viewerOf(c).lang
  const { video, shots, minutesLeft } = renderProgress(c.var.db, c.var.config.dataDir, lang, found)
  const said = newAnnouncements(lang, video, shots, parseShotPositions(c.req.query('shown')))
  c.header('Cache-Control', 'no-store')
  // A <title> at the top of the fragment: htmx sets the tab's title from it, no script of ours.
  return c.html(
    <>
      <title>{tabTitle(videoPageTitle(lang, video, shots))}</title>
      <VideoStatus lang={lang} video={video} shots={shots} quota={found.quota} minutesLeft={minutesLeft} />
      <AnnouncementUpdate sentences={said} />
      {isVideoFinished(video.status) && (
        <FinishedInPlace lang={lang} video={video} fileName={fileNameOf(found.video, found.version)} />
      )}
    </>,
  )
})

// What the page told the person before they confirmed: "1" = canceling still counts.
const cancelForm = z.object({ counts: z.enum(['0', '1']).default('0') })

// The Cancel button: a plain form post, or htmx's after its confirm question (answered with HX-Redirect).
videoRoutes.post(
  '/:id/cancel',
  uuidParam,
  formBody,
  validForm(cancelForm, (c) => c.notFound()),
  async (c) => {
    const { id } = c.req.valid('param')
    const user = c.var.user
    if (!findOwnedVideo(c.var.db, user.id, id)) return c.notFound()
    const outcome = cancelVideo(c.var.db, user.id, id, c.req.valid('form').counts === '1')
    if (outcome.canceled) {
      // Nothing of a canceled video is served or kept. The worker removes the folder again once it
      // has stopped, in case a download or ffmpeg that was finishing writes into it after this.
      await removeVideoFolder(c.var.config.dataDir, user.id, id)
      c.var.deps.runtime.nudgeRenderer()
    }
    const to = outcome.canceled || outcome.why === 'finished' ? `/videos/${id}` : `/videos/${id}?notice=cancel-counts`
    if (c.req.header('hx-request') === 'true') {
      c.header('HX-Redirect', to)
      return c.body(null, 204)
    }
    return c.redirect(to, 303)
  },
)

videoRoutes.route('/', nextStepRoutes)

const fileParam = notFoundUnless('param', z.object({ id: z.uuid(), file: z.enum(['video.mp4', 'poster.jpg']) }))

// Files go only to their owner, streamed with Range support so the player can seek.
videoRoutes.get('/:id/:file', fileParam, async (c) => {
  const { id, file } = c.req.valid('param')
  const found = findOwnedVideo(c.var.db, c.var.user.id, id)
  if (found?.video.status !== 'done') return c.notFound()
  const paths = videoPaths(c.var.config.dataDir, found.video.userId, id)
  const isVideo = file === 'video.mp4'
  const download = c.req.query('download') !== undefined
  const res = await sendFile(c, isVideo ? paths.video : paths.poster, {
    contentType: isVideo ? 'video/mp4' : 'image/jpeg',
    etag: `${id}-${file}-${found.video.finishedAt}`,
    disposition: download ? attachment(found.video.title, `${takeSuffix(found.video, found.version)}.mp4`) : 'inline',
  })
  return res ?? c.notFound()
})

/** The name a download (and a shared file) takes: the product, format, length and version. */
function fileNameOf(video: { title: string; aspectRatio: string; lengthSeconds: number }, version: number): string {
  return `${downloadName(video.title)}${takeSuffix(video, version)}.mp4`
}

/**
 * What tells one take's file from another's: format, length and screenplay version, as in
 * `halo-desk-lamp-9x16-30s-v2.mp4`. ASCII only, so both names of the header can carry it.
 */
export function takeSuffix(video: { aspectRatio: string; lengthSeconds: number }, version: number): string {
  return `-${video.aspectRatio.replace(':', 'x')}-${video.lengthSeconds}s-v${version}`
}

/** An ASCII file name for every browser, plus the real (e.g. Chinese) name as RFC 6266 filename*. */
function attachment(title: string, suffix: string): string {
  // RFC 5987 attr-chars only: encodeURIComponent leaves ' ( ) * ! which the syntax reserves.
  const name = `${
    title
      .replace(/[\u0000-\u001f\u007f/\\]/g, ' ')
      .trim()
      .slice(0, 80) || 'lumina-video'
  }${suffix}`
  const utf8 = encodeURIComponent(name).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${downloadName(title)}${suffix}"; filename*=UTF-8''${utf8}`
}

/** A file name from the product name: ASCII letters, digits and dashes only, so no header injection. */
export function downloadName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // "Crème" → "Creme", not "Cre-me"
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase()
  return slug || 'lumina-video'
}
