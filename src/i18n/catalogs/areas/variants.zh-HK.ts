import type { enVariants } from './variants.en.js'

// 變體：繁體中文（香港）（docs/i18n.md）。製作 = render；影片。
export const zhHKVariants = {
  'variants.panel.heading': '製作 3 個變體',
  'variants.panel.lead':
    '根據這份簡報重新編寫並製作三條影片（不使用上面的修改），風格、基調和音樂各有不同，並排觀看後留下最好的一條。',
  'variants.panel.leadKeptMusic':
    '根據這份簡報重新編寫並製作三條影片（不使用上面的修改），風格和基調各有不同。三條都保留簡報選定的音樂：{music}。',
  'variants.panel.leadPartsOfMusic':
    '根據這份簡報重新編寫並製作三條影片（不使用上面的修改），風格和基調各有不同。三條都使用簡報選定的音樂：{music}。每條影片播放其中不同的一段（錄製的曲目由較後的位置開始，內置曲目換一種演繹）。',
  'variants.panel.uses': '將使用本月餘下 {left} 條影片中的 3 條。',
  'variants.panel.short':
    '三個變體需要 3 條影片，你本月尚餘 {left, plural, =0 {0 條} other {# 條}}。配額將於 {date} 重設。',
  'variants.panel.button': '製作 3 個變體',

  'variants.compare.title': '{product} 的變體',
  'variants.compare.lead':
    '同一份簡報的 {count, plural, other {# 個版本}}。並排觀看，留下你喜歡的一條，其餘的會被刪除。',
  'variants.compare.keptLead': '這是你保留的變體。如需新的變體，請到該簡報的分鏡劇本頁面製作。',
  'variants.compare.kept': '已保留。其他變體及其檔案已刪除。',
  'variants.compare.variant': '變體 {n}',
  'variants.compare.differs': '風格：{template} · 基調：{tone} · 音樂：{music}',
  'variants.compare.differsFrom': '風格：{template} · 基調：{tone} · 音樂：{music}，由 {start} 開始',
  'variants.compare.progress': '{status}：{percent}%',
  'variants.compare.progressLabel': '變體 {n} 的進度',
  'variants.compare.download': '下載變體 {n}',
  'variants.compare.open': '影片頁面',
  'variants.compare.keep': '保留這條',
  'variants.compare.fromVideo': '比較這組變體',
  'variants.compare.backToBrief': '返回分鏡劇本',

  'variants.keep.question': '保留這個變體並刪除其他變體？',
  'variants.keep.consequence':
    '這一組的其他變體及其檔案將被刪除。仍在製作的會被取消；如果影片服務已開始製作，它仍計入你本月的配額。',
  'variants.keep.go': '保留這條，刪除其他',
  'variants.keep.stay': '返回',

  'variants.quota.short':
    '製作 {needed} 個變體需要 {needed} 條影片，你本月尚餘 {left} 條（已用 {used} / {quota}）。配額將於 {date}（UTC）重設。沒有開始任何製作。',
  'variants.api.quotaShort':
    '製作 {needed} 個變體需要 {needed} 條影片，本月尚餘 {left} 條（已用 {used} / {quota}）。配額將於 {resetsAt} 重設。沒有開始任何製作。',
  'variants.music.own': '你自己的音樂',
  'variants.music.library': '曲庫中的音樂',
} as const satisfies Record<keyof typeof enVariants, string>
