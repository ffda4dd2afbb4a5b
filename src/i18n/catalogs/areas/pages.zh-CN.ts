import type { enPages } from './pages.en.js'

// Issue 23's remaining pages in Simplified Chinese: every key of enPages, and no other.
export const zhCNPages = {
  'pages.mailbox.html': '收件人看到的样子',
  'pages.mailbox.htmlFrame': '“{subject}”的 HTML 部分',
  'pages.mailbox.text': '纯文本部分',
  'pages.brief.chosen': '{style} · {tone} · {format} · {length}',
  'pages.brief.moreOptions': '更多选项',
  'pages.account.sections': '账户各部分',
  'pages.example.title': '它能做出什么',
  'pages.example.caption':
    '由 Lumina.AI 亲自用一件示例产品（一只陶瓷杯）的一张照片和一份简短说明制作：15 秒，竖屏 9:16。点按即可播放。',
  'pages.example.pending': '示例产品：一只陶瓷杯的一张照片。用它制作的示例视频完成后会显示在这里。',
  'pages.example.stillAlt': '一只赤陶色陶瓷杯，杯口冒着热气，背景为暖米色',
  'pages.example.download': '下载示例视频（MP4）',
} satisfies Record<keyof typeof enPages, string>
