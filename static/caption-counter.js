// The screenplay editor's live caption counter. It counts exactly as src/screenplay/caption-guide.ts
// does (test/briefs/caption-counter.test.ts runs both on the same captions): code points for Latin
// scripts; for Chinese, a narrow character (Latin letter, digit, space) counts half. Loaded as a
// file because the CSP allows no inline script; listening on the document survives htmx swaps.
;(() => {
  const narrow = /[\u0000-\u024f\u2000-\u206f]/u
  const measure = (text, script) => {
    const chars = Array.from(text.trim())
    if (script !== 'chinese') return chars.length
    return Math.ceil(chars.reduce((sum, ch) => sum + (narrow.test(ch) ? 1 : 2), 0) / 2)
  }
  document.addEventListener('input', (event) => {
    const field = event.target
    const counterId = field?.getAttribute?.('data-caption-counter')
    if (!counterId) return
    const counter = document.getElementById(counterId)
    if (!counter) return
    const limit = Number(counter.getAttribute('data-caption-limit'))
    const count = measure(field.value, counter.getAttribute('data-caption-script'))
    const text = counter.querySelector('[data-caption-count-text]')
    if (text) text.textContent = (text.getAttribute('data-template') ?? '').replace('{count}', String(count))
    const over = counter.querySelector('[data-caption-over]')
    if (over) over.hidden = count <= limit
    counter.classList.toggle('caption-over', count > limit)
  })
})()
