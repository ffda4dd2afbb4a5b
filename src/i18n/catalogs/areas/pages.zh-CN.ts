import type { enPages } from './pages.en.js'

// Issue 23's remaining pages in Simplified Chinese: every key of enPages, and no other.
export const zhCNPages = {
  'pages.mailbox.html': '收件人看到的样子',
  'pages.mailbox.htmlFrame': '“{subject}”的 HTML 部分',
  'pages.mailbox.text': '纯文本部分',
  'pages.brief.chosen': '{style} · {tone} · {format} · {length}',
  'pages.brief.moreOptions': '更多选项',
  'pages.account.sections': '账户各部分',
} satisfies Record<keyof typeof enPages, string>
