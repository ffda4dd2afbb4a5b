import type { enHttp } from './http.en.js'

// src/http's refusals in Traditional Chinese (Hong Kong): every key of enHttp, and no other.
export const zhHKHttp = {
  'http.photoTooLarge': '你傳送的內容超出我們接受的大小。相片最大為 15 MB。',
  'http.bodyStalled': '你的連線停止了傳送，因此我們不再等待。請檢查網絡連線後再試。',
  'http.formUnreadable': '無法讀取此表格。',
  'http.tooManyParts': '表格的欄位或檔案多於應有的數量。請重新載入頁面後再次提交。',
  'http.tooManyFields': '表格的欄位太多。',
  'http.uploadInterrupted': '上載在完成前中斷了。請重新傳送。',
} satisfies Record<keyof typeof enHttp, string>
