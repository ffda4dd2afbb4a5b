// The brief form's platform choice pre-fills the format, resolution and length from the preset
// table (src/formats/presets.ts, handed over in the select's data-presets). The person can still
// change each; the server checks what the platform allows. A file because the CSP forbids inline
// script; listening on the document survives htmx swaps. Without it the server fills in the values
// left on "the platform's default".
;(() => {
  document.addEventListener('change', (event) => {
    const select = event.target
    if (!select?.matches?.('select[data-presets]')) return
    const preset = JSON.parse(select.getAttribute('data-presets') || '{}')[select.value]
    if (!preset) return
    const form = select.form
    const set = (name, value) => {
      const field = form?.elements.namedItem(name)
      if (field && value !== undefined) field.value = String(value)
    }
    set('aspectRatio', preset.aspectRatio)
    set('resolution', preset.resolution)
    const length = form?.elements.namedItem('lengthSeconds')
    if (length && !preset.lengths.includes(Number(length.value))) {
      // The longest length the platform takes that is not longer than the one chosen.
      const fits = preset.lengths.filter((s) => s <= Number(length.value))
      set('lengthSeconds', fits.length ? fits[fits.length - 1] : preset.lengths[0])
    }
  })
})()
