import type { enApi } from './api.en.js'

// The api pages' words in Traditional Chinese: every key of enApi, and no other.
export const zhHKApi = {
  'api.problem.nothingWithId': '沒有與此 ID 對應的內容。',
  'api.problem.invalidFields': '部分欄位無效。',
  'api.problem.noBrief': '沒有與此 ID 對應的簡報。',
  'api.problem.noScreenplay': '沒有與此 ID 對應的分鏡劇本。',
  'api.problem.noVideo': '沒有與此 ID 對應的影片。',
  'api.problem.noFinishedVideo': '沒有與此 ID 對應的已完成影片。',
  'api.problem.noImage': '沒有與此 ID 對應的相片。',
  'api.problem.noResource': '沒有與此 ID 對應的資源。',
  'api.problem.sendKey': `請以 "Authorization: Bearer '<key>'" 的形式傳送你的 API 密鑰。`,
  'api.problem.badKey': '此 API 密鑰無效或已被撤銷。請在帳戶頁面更換密鑰。',
  'api.problem.rateLimited': '此 API 密鑰每分鐘最多可進行 {limit} 次此類調用。請在 {seconds} 秒後重試。',
  'api.problem.idempotencyKeyFormat': '請使用 1 至 255 個可見 ASCII 字元，例如 UUID。',
  'api.problem.idempotencyKeyReused': '此 Idempotency-Key 已在 24 小時內用於另一個請求。',
  'api.problem.idempotencyInProgress': '使用此 Idempotency-Key 的第一個請求尚未完成。請稍後再試。',
  'api.problem.quotaUsed':
    '本月你已使用 {quota} 段影片配額中的 {used} 段。你的配額將於 {resetsAt} 重設。沒有開始任何渲染。',
  'api.problem.emailNotConfirmed': '渲染前請先確認你的電郵地址：按下我們寄給你的連結，或在帳戶頁面重新發送一封。',
  'api.problem.alreadyFinished':
    '{status, select, done {此影片已經完成。} failed {此影片已經失敗。} canceled {此影片已經取消。} other {此影片已處於 {status} 狀態。}}',
  'api.problem.imageInUse': '仍有簡報在使用這張相片。請先為該簡報換另一張相片，或刪除該簡報。',
  'api.problem.noWebhookSetOne': '尚未設定 Webhook。請使用 PUT /webhook 設定。',
  'api.problem.noWebhook': '尚未設定 Webhook。',
  'api.problem.bodyTooLarge': '請求內容超過 1 MB。',
  'api.problem.bodyStalled': '你的連線停止了傳送，因此我們不再等待。請檢查網絡連線後再試。',
  'api.problem.photosBusy': '{count, plural, other {我們現正檢查大量相片。請在 {seconds} 秒後重新選擇你的相片。}}',
  'api.problem.photosTooMany':
    '{minutes, plural, other {你在過去一小時內上載了大量相片。請等候 # 分鐘後再加入另一張。}}',
} satisfies Record<keyof typeof enApi, string>
