import type { enPages } from './pages.en.js'

// Issue 23's remaining pages in Traditional Chinese as written in Hong Kong: every key of enPages.
export const zhHKPages = {
  'pages.mailbox.html': '收件人看到的樣子',
  'pages.mailbox.htmlFrame': '「{subject}」的 HTML 部分',
  'pages.mailbox.text': '純文字部分',
  'pages.brief.chosen': '{style} · {tone} · {format} · {length}',
  'pages.brief.moreOptions': '更多選項',
  'pages.account.sections': '帳戶各部分',
} satisfies Record<keyof typeof enPages, string>
