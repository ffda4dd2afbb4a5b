// The finished video's page (views/videos/video.tsx). A file because the CSP allows no inline
// script. Both buttons stay hidden without script; the player arrives later when a render finishes
// while the page is open (htmx, out of band), so they are looked for again after each swap.
;(() => {
  const show = () => {
    // Share: the phone's share sheet. Hidden where the browser has none (most desktops).
    if (typeof navigator.share === 'function') {
      for (const button of document.querySelectorAll('button[data-share][hidden]')) button.hidden = false
    }
    // Tap to play: a big play mark over the poster until the video first plays.
    for (const button of document.querySelectorAll('button[data-play][hidden]')) {
      const video = button.parentElement?.querySelector('video')
      if (!video?.paused || video.currentTime > 0) continue
      button.hidden = false
      video.addEventListener('play', () => button.remove(), { once: true })
    }
  }
  document.addEventListener('DOMContentLoaded', show)
  document.addEventListener('htmx:afterSettle', show)

  /** The MP4 as a file to share, if it arrives while the tap still counts as the person's (about 4 s). */
  const fileOf = async (button) => {
    if (typeof File !== 'function' || typeof navigator.canShare !== 'function') return null
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), 4000)
    try {
      const res = await fetch(button.getAttribute('data-share'), { signal: abort.signal, credentials: 'same-origin' })
      if (!res.ok) return null
      const file = new File([await res.blob()], button.getAttribute('data-file-name') || 'video.mp4', {
        type: 'video/mp4',
      })
      return navigator.canShare({ files: [file] }) ? file : null
    } catch {
      return null
    } finally {
      clearTimeout(timer)
    }
  }

  document.addEventListener('click', async (event) => {
    const play = event.target?.closest?.('button[data-play]')
    if (play) {
      const video = play.parentElement?.querySelector('video')
      play.remove()
      video?.play().catch(() => video.focus())
      return
    }
    const share = event.target?.closest?.('button[data-share]')
    if (!share) return
    const title = share.getAttribute('data-title') || document.title
    const file = await fileOf(share)
    try {
      // With the file where the browser can share one (a phone's apps), else this page's address.
      await navigator.share(file ? { files: [file], title } : { title, url: location.href })
    } catch {
      // Closed without sharing, or the tap no longer counted: nothing to say.
    }
  })
})()
