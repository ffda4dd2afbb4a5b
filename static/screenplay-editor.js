// The screenplay editor without losing work (issue 23). Loaded as a file: the CSP allows no inline
// script. Listening on the document survives htmx swapping the editor after a move or drop.
//  - Keeps the draft on the server as the person types (POST …/screenplay/draft, 0.8 s after the
//    last keystroke), so leaving or reloading brings the edits back.
//  - Before a toolbar action replaces the edits (another take, style, version), asks in a dialog;
//    without JavaScript the server asks with a page instead.
//  - Keeps the total length live when a duration changes.
;(() => {
  const editor = () => document.getElementById('screenplay-editor')
  let timer = null
  let pending = null

  const saveDraft = () => {
    const form = editor()
    const url = form?.getAttribute('data-draft-url')
    if (!form || !url) return Promise.resolve()
    clearTimeout(timer)
    timer = null
    const body = new URLSearchParams(new FormData(form))
    body.delete('intent')
    pending = fetch(url, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
      .then((res) => {
        if (res.status === 204) form.setAttribute('data-has-draft', 'true')
      })
      .catch(() => {})
      .finally(() => {
        pending = null
      })
    return pending
  }

  const updateTotal = () => {
    const form = editor()
    const total = form?.querySelector('[data-total-seconds]')
    if (!form || !total) return
    let seconds = 0
    for (const select of form.querySelectorAll('select[name="duration"]')) seconds += Number(select.value)
    total.textContent = (total.getAttribute('data-template') ?? '').replace('{seconds}', String(seconds))
  }

  const edited = (event) => {
    const form = editor()
    if (!form || !form.contains(event.target)) return
    form.setAttribute('data-dirty', 'true')
    if (event.target.name === 'duration') updateTotal()
    clearTimeout(timer)
    timer = setTimeout(saveDraft, 800)
  }
  document.addEventListener('input', edited)
  document.addEventListener('change', edited)

  // A toolbar form that would replace the edits: ask, and go on only when the answer is yes.
  document.addEventListener('submit', (event) => {
    const form = event.target
    const question = form?.getAttribute?.('data-replaces-draft')
    if (!question) return
    const current = editor()
    const hasEdits =
      current && (current.getAttribute('data-has-draft') === 'true' || current.getAttribute('data-dirty') === 'true')
    if (!hasEdits) return
    event.preventDefault()
    if (!window.confirm(question)) return
    const yes = document.createElement('input')
    yes.type = 'hidden'
    yes.name = 'confirm'
    yes.value = 'yes'
    form.append(yes)
    // Whatever was typed last is kept first, so "Keep editing" on a later visit finds it too.
    ;(timer ? saveDraft() : Promise.resolve()).then(() => form.submit())
  })

  // Leaving with a keystroke not yet kept: keep it now (the browser may not wait for the answer).
  window.addEventListener('pagehide', () => {
    const form = editor()
    const url = form?.getAttribute('data-draft-url')
    if (!timer || !form || !url) return
    const body = new URLSearchParams(new FormData(form))
    body.delete('intent')
    navigator.sendBeacon?.(url, new Blob([body.toString()], { type: 'application/x-www-form-urlencoded' }))
  })
})()
