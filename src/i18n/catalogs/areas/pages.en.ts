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
}
