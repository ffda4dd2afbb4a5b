// The brief form with JavaScript (issue 23); everything here also works without it, through the
// server. Loaded as a file: the CSP allows no inline script.
//  - The photo's drop zone takes dropped files and hands them to the file input, whose change
//    uploads them for the list (htmx, the same path as choosing files), one request a photo: five
//    phone photos in one request would pass the 20 MB upload limit.
//  - "Add another" adds a selling-point box in place (at most data-max), focused.
//  - Each colour picker (brand colour, accent) shows its hex; picking a colour unticks its box
//    ("No brand colour", "Use the brand kit's").
;(() => {
  const zone = () => document.querySelector('[data-drop-zone]')
  for (const type of ['dragenter', 'dragover']) {
    document.addEventListener(type, (event) => {
      const target = zone()
      if (!target || !target.contains(event.target)) return
      event.preventDefault()
      target.classList.add('drop-over')
    })
  }
  document.addEventListener('dragleave', (event) => {
    const target = zone()
    if (target && !target.contains(event.relatedTarget)) target.classList.remove('drop-over')
  })
  document.addEventListener('drop', (event) => {
    const target = zone()
    if (!target || !target.contains(event.target)) return
    event.preventDefault()
    target.classList.remove('drop-over')
    const input = target.querySelector('input[type="file"]')
    const files = event.dataTransfer?.files
    if (!input || !files || files.length === 0) return
    // Several photos at once (the server keeps the first five with those already listed).
    const dropped = new DataTransfer()
    for (const file of Array.from(files).slice(0, 5)) dropped.items.add(file)
    input.files = dropped.files
    input.dispatchEvent(new Event('change', { bubbles: true }))
  })
  // Chosen or dropped photos go up one at a time (htmx's `photo-upload` on the input), each with
  // the photos already listed, so each answer is the whole list; a refusal stops the rest.
  let uploading = false
  document.addEventListener('change', async (event) => {
    const input = event.target
    if (!(input instanceof HTMLInputElement) || input.id !== 'photo' || uploading) return
    const files = Array.from(input.files || [])
    if (files.length === 0) return
    uploading = true
    try {
      for (const file of files.slice(0, 5)) {
        const one = new DataTransfer()
        one.items.add(file)
        input.files = one.files
        const done = new Promise((resolve) => input.addEventListener('htmx:afterRequest', resolve, { once: true }))
        input.dispatchEvent(new CustomEvent('photo-upload'))
        const answer = await done
        if (!answer.detail?.successful || document.querySelector('#photo-preview .error')) break
      }
    } finally {
      uploading = false
      input.value = ''
    }
  })
  // Once uploaded, the photos are listed (their ids go with the form): the input is emptied so
  // saving the brief does not send the same files again.
  document.addEventListener('htmx:afterSwap', (event) => {
    if (event.target?.id !== 'photo-preview') return
    const input = document.querySelector('#photo')
    if (input) input.value = ''
  })

  document.addEventListener('click', (event) => {
    const button = event.target?.closest?.('[data-add-point]')
    if (!button) return
    const list = button.closest('[data-points]')
    const boxes = list?.querySelectorAll('input[name="sellingPoints"]')
    if (!list || !boxes || boxes.length === 0) return
    event.preventDefault()
    const max = Number(list.getAttribute('data-max') || 6)
    const last = boxes[boxes.length - 1]
    const box = last.cloneNode(false)
    const n = boxes.length + 1
    box.value = ''
    box.id = `sellingPoint-${n}`
    box.removeAttribute('placeholder')
    box.removeAttribute('required')
    box.removeAttribute('aria-invalid')
    box.removeAttribute('autofocus')
    box.setAttribute('aria-label', (box.getAttribute('data-label-template') || '').replace('{n}', String(n)))
    last.after(box)
    box.focus()
    if (n >= max) button.hidden = true
  })

  document.addEventListener('input', (event) => {
    const field = event.target
    if (!field?.matches?.('[data-colour]')) return
    const row = field.closest('.colour-row')
    const hex = row?.querySelector('[data-colour-hex]')
    const none = row?.querySelector('[data-no-colour]')
    if (none) none.checked = false
    if (hex) hex.textContent = field.value.toUpperCase()
  })
  document.addEventListener('change', (event) => {
    const box = event.target
    if (!box?.matches?.('[data-no-colour]')) return
    const row = box.closest('.colour-row')
    const hex = row?.querySelector('[data-colour-hex]')
    const colour = row?.querySelector('[data-colour]')
    // Ticked, the hex gives way to what the brief gets instead (the kit's colour, or none), and the
    // swatch goes back to that colour: a picked green beside "From your brand kit: #FFB000" misleads.
    const none = box.dataset.noneText ?? ''
    if (box.checked && colour && box.dataset.noneColour) colour.value = box.dataset.noneColour
    if (hex && colour) hex.textContent = box.checked ? none : colour.value.toUpperCase()
  })
})()
