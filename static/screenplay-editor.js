// The screenplay editor without losing work (issue 23). Loaded as a file: the CSP allows no inline
// script. Listening on the document survives htmx swapping the editor after a move or drop.
//  - Keeps the draft on the server as the person types (POST …/screenplay/draft, 0.8 s after the
//    last keystroke), so leaving or reloading brings the edits back.
//  - Before a toolbar action replaces the edits (another take, style, version), asks in a dialog;
//    without JavaScript the server asks with a page instead.
//  - Keeps the total length live when a duration changes.
//  - Shows a shot's newly picked photo in its frame.
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

  // The caption over the shot's frame follows the field, as the video will show it.
  const showCaption = (field) => {
    const preview = document.querySelector(`[data-caption-preview="${field.id}"]`)
    const words = preview?.querySelector('span')
    if (!preview || !words) return
    words.textContent = field.value
    preview.hidden = field.value.trim() === ''
  }

  const edited = (event) => {
    const form = editor()
    if (!form || !form.contains(event.target)) return
    form.setAttribute('data-dirty', 'true')
    if (event.target.name === 'duration') updateTotal()
    if (event.target.name === 'caption') showCaption(event.target)
    clearTimeout(timer)
    timer = setTimeout(saveDraft, 800)
  }
  document.addEventListener('input', edited)
  document.addEventListener('change', edited)
  // A shot's photo picked from the brief's photos shows in its frame at once (the draft keeps it).
  document.addEventListener('change', (event) => {
    const pick = event.target
    if (!pick?.matches?.('[data-shot-photo]')) return
    const photo = pick.closest('.shot-card')?.querySelector('.shot-photo')
    if (photo?.tagName === 'IMG') photo.setAttribute('src', `/images/${pick.value}/thumb`)
  })

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

  // Drag to reorder: the handle shows only with JavaScript; the buttons ↑ ↓ do the same without it.
  // On drop the list is posted in its new order ("at:N"), so the server renumbers it and keeps the
  // draft; the moved shot comes back focused.
  const showHandles = () => {
    for (const handle of document.querySelectorAll('.drag-handle')) handle.hidden = false
  }
  document.addEventListener('DOMContentLoaded', showHandles)
  document.addEventListener('htmx:afterSettle', showHandles)
  let dragged = null
  const cardOf = (node) => node?.closest?.('[data-shot-list] > li')
  document.addEventListener('dragstart', (event) => {
    if (!event.target?.classList?.contains('drag-handle')) return
    dragged = cardOf(event.target)
    if (!dragged) return
    dragged.classList.add('dragging')
    event.dataTransfer.effectAllowed = 'move'
    event.dataTransfer.setData('text/plain', dragged.id)
  })
  const clearMarks = () => {
    for (const card of document.querySelectorAll('.drop-before, .drop-after'))
      card.classList.remove('drop-before', 'drop-after')
  }
  const after = (card, event) => {
    const box = card.getBoundingClientRect()
    return event.clientY > box.top + box.height / 2
  }
  document.addEventListener('dragover', (event) => {
    const card = cardOf(event.target)
    if (!dragged || !card || card === dragged) return
    event.preventDefault()
    clearMarks()
    card.classList.add(after(card, event) ? 'drop-after' : 'drop-before')
  })
  document.addEventListener('dragend', () => {
    dragged?.classList.remove('dragging')
    dragged = null
    clearMarks()
  })
  document.addEventListener('drop', (event) => {
    const card = cardOf(event.target)
    if (!dragged || !card || card === dragged) return
    event.preventDefault()
    const moved = dragged
    if (after(card, event)) card.after(moved)
    else card.before(moved)
    moved.classList.remove('dragging')
    clearMarks()
    dragged = null
    const form = editor()
    const button = form?.querySelector('[data-reorder]')
    if (!form || !button) return
    const position = [...form.querySelectorAll('[data-shot-list] > li')].indexOf(moved) + 1
    button.value = `at:${position}`
    form.requestSubmit(button)
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
