import type { enNextSteps } from './nextsteps.en.js'

// After a render in Traditional Chinese as written in Hong Kong: every key of enNextSteps, and no other.
export const zhHKNextSteps = {
  'nextsteps.heading': '下一步',
  'nextsteps.formatsHint':
    '用同一份簡介製作另一種畫面比例：新的分鏡劇本保留你的字幕和鏡頭次序，可直接製作。這段影片保持不變。',
  'nextsteps.makeFormat': '製作 {aspect} 版',
  'nextsteps.duplicate': '複製並編輯',
  'nextsteps.change': '修改後重新製作',
  'nextsteps.full': '無法再儲存分鏡劇本',
  'nextsteps.share': '分享',
  'nextsteps.play': '播放影片',
  'nextsteps.minutesLeft': '大約還需 {minutes} 分鐘',
  'nextsteps.underAMinute': '不到一分鐘便完成',
  'nextsteps.shotFrame': '第 {position} 個鏡頭，已完成',
  'nextsteps.madeKept': '版本 {version} 是版本 {from} 的 {aspect} 版：保留了你的字幕和鏡頭次序。準備好後便可製作。',
  'nextsteps.madeFresh':
    '版本 {version} 是為 {aspect} 新寫的分鏡劇本：版本 {from} 之後簡介已修改，所以無法沿用其字幕。',
  'nextsteps.madeFrom': '用版本 {version} 製作的影片：',
  'nextsteps.videoLink': '{aspect} · {seconds} 秒 · {status}',
  'nextsteps.copyOf': '這是「{name}」的副本：修改你想改的內容，然後儲存為新的簡介。',
  'nextsteps.notify': '完成後以電郵通知我',
  'nextsteps.mail.readySubject': '你的影片已完成',
  'nextsteps.mail.readyBody': '你的 {title} {aspect} 影片已完成，可以觀看和下載。',
  'nextsteps.mail.failedSubject': '你的影片未能完成',
  'nextsteps.mail.failedBody': '你的 {title} {aspect} 影片未能完成。影片頁面會說明原因和你可以怎樣做。',
  'nextsteps.mail.action': '開啟影片',
} as const satisfies Record<keyof typeof enNextSteps, string>
