import { Layout, type Viewer } from '../layout.js'

/** One of the person's tracks as the page shows it (plain data: views never query). */
export type TrackItem = { id: string; title: string; length: string }

export type MyMusicProps = {
  viewer: Viewer
  tracks: TrackItem[]
  usage: { used: number; cap: number; usedMegabytes: number; capMegabytes: number }
  notice?: { kind: 'success' | 'error'; text: string } | undefined
  /** The upload form's error and what was typed, when it is shown again. */
  uploadError?: string | undefined
  title?: string | undefined
}

/** "My music" (/music): upload a track (a real file input: works without JavaScript), play, rename, delete. */
export function MyMusicPage({ viewer, tracks, usage, notice, uploadError, title }: MyMusicProps) {
  const { t, href } = viewer.lang
  return (
    <Layout title={t('music.page.title')} viewer={viewer} notice={notice} translated>
      <h1>{t('music.page.title')}</h1>
      <p class="lead">{t('music.page.intro')}</p>
      <section class="card" id="upload" aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t('music.upload.heading')}</h2>
        <form method="post" action={href('/music')} enctype="multipart/form-data">
          <div class={`field ${uploadError ? 'field-invalid' : ''}`}>
            <label for="track">{t('music.upload.file')}</label>
            <input
              id="track"
              name="track"
              type="file"
              required
              accept=".mp3,.m4a,.aac,.wav,.ogg,.oga,audio/mpeg,audio/mp4,audio/aac,audio/wav,audio/x-wav,audio/ogg"
              aria-describedby={uploadError ? 'track-error track-hint' : 'track-hint'}
              aria-invalid={uploadError ? 'true' : undefined}
              autofocus={uploadError ? true : undefined}
            />
            <p class="hint" id="track-hint">
              {t('music.upload.hint')}
            </p>
            {uploadError && (
              <p class="error" id="track-error">
                {uploadError}
              </p>
            )}
          </div>
          <div class="field">
            <label for="title">{t('music.upload.title')}</label>
            <input id="title" name="title" type="text" maxlength={80} value={title} aria-describedby="title-hint" />
            <p class="hint" id="title-hint">
              {t('music.upload.titleHint')}
            </p>
          </div>
          <button type="submit" class="button">
            {t('music.upload.submit')}
          </button>
        </form>
      </section>
      <section class="card" id="tracks" aria-labelledby="tracks-heading">
        <h2 id="tracks-heading">{t('music.list.heading')}</h2>
        <p class="hint">{t('music.list.usage', usage)}</p>
        {tracks.length === 0 ? (
          <p>{t('music.list.empty')}</p>
        ) : (
          <ul class="track-list">
            {tracks.map((track) => (
              <li class="track" id={`track-${track.id}`}>
                <p class="track-title">
                  <strong>{track.title}</strong>{' '}
                  <span class="hint">{t('music.list.length', { length: track.length })}</span>
                </p>
                {/* biome-ignore lint/a11y/useMediaCaption: instrumental music, no words to caption */}
                <audio controls preload="none" src={`/music/${track.id}/file`}>
                  {t('music.list.noPlayer')}
                </audio>
                <div class="track-actions">
                  <form method="post" action={href(`/music/${track.id}/rename`)} class="inline-form">
                    <label for={`title-${track.id}`} class="visually-hidden">
                      {t('music.list.name')}
                    </label>
                    <input
                      id={`title-${track.id}`}
                      name="title"
                      type="text"
                      required
                      maxlength={80}
                      value={track.title}
                    />
                    <button type="submit" class="button button-secondary">
                      {t('music.list.rename')}
                    </button>
                  </form>
                  <form method="post" action={href(`/music/${track.id}/delete`)} class="inline-form">
                    <button
                      type="submit"
                      class="button button-danger"
                      aria-label={t('music.list.deleteNamed', { title: track.title })}
                    >
                      {t('music.list.delete')}
                    </button>
                  </form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  )
}
