import type { enPages } from './pages.en.js'

// Issue 23's remaining pages in Traditional Chinese as written in Hong Kong: every key of enPages.
export const zhHKPages = {
  'pages.mailbox.html': '收件人看到的樣子',
  'pages.mailbox.htmlFrame': '「{subject}」的 HTML 部分',
  'pages.mailbox.text': '純文字部分',
  'pages.brief.chosen': '{style} · {tone} · {format} · {length}',
  'pages.brief.moreOptions': '更多選項',
  'pages.account.sections': '帳戶各部分',
  'pages.example.title': '它能做出甚麼',
  'pages.example.caption':
    '由 Lumina.AI 親自用一件示範產品（一隻陶瓷杯）的一張相片和一份簡短說明製作：15 秒，直向 9:16。輕按即可播放。',
  'pages.example.pending': '示範產品：一隻陶瓷杯的一張相片。用它製作的示範影片完成後會在這裏顯示。',
  'pages.example.stillAlt': '一隻赤陶色陶瓷杯，杯口冒着熱氣，背景為暖米色',
  'pages.example.download': '下載示範影片（MP4）',
} satisfies Record<keyof typeof enPages, string>
