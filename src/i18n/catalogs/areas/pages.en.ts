// Words of issue 23's remaining pages in English (docs/i18n.md): the dev mailbox's HTML view,
// the landing's example video, the brief form's "More options", the account's sections.
// Keys begin with 'pages.'.
export const enPages = {
  'pages.mailbox.html': 'As the recipient sees it',
  'pages.mailbox.htmlFrame': 'The HTML part of “{subject}”',
  'pages.mailbox.text': 'Plain-text part',
  // The brief form: the choices with a default, closed under "More options" until changed.
  'pages.brief.chosen': '{style} · {tone} · {format} · {length}',
  'pages.brief.moreOptions': 'More options',
  // The account page's parts, linked at its top.
  'pages.account.sections': 'Account sections',
  // The landing's example video, made by the app from a bundled sample product.
  'pages.example.title': 'What it makes',
  'pages.example.caption':
    'Made by Lumina.AI itself from one photo of a sample product, a ceramic mug, and a short brief: 15 seconds, vertical 9:16. Tap to play.',
  'pages.example.pending':
    'The sample product: one photo of a ceramic mug. The example video made from it appears here once it is ready.',
  'pages.example.stillAlt': 'A terracotta ceramic mug with steam rising from it, on a warm beige backdrop',
  'pages.example.download': 'Download the example video (MP4)',
}
