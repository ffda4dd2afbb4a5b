// Copy buttons (the account page's fresh API key). A file because the CSP allows no inline script.
// The buttons stay hidden unless the clipboard is there to use; listening on the document and
// showing them again after each htmx swap covers the key that rotating puts in place.
;(() => {
  if (!navigator.clipboard?.writeText) return
  const show = () => {
    for (const button of document.querySelectorAll('button[data-copy-from][hidden]')) button.hidden = false
  }
  document.addEventListener('DOMContentLoaded', show)
  document.addEventListener('htmx:afterSettle', show)
  document.addEventListener('click', async (event) => {
    const button = event.target?.closest?.('button[data-copy-from]')
    if (!button) return
    const source = document.getElementById(button.getAttribute('data-copy-from') ?? '')
    if (!source) return
    try {
      await navigator.clipboard.writeText(source.value ?? source.textContent ?? '')
    } catch {
      source.select?.()
      return
    }
    const said = button.parentElement?.querySelector('[data-copy-said]')
    if (said) said.textContent = button.getAttribute('data-copied') ?? ''
  })
})()
