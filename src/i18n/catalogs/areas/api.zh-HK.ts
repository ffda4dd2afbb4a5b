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
  'api.docs.title': 'API 參考文件',
  'api.docs.lead':
    '網頁上能做的一切，程式都可以用你的 API 密鑰完成。機器可讀的描述位於 <link>/api/v1/openapi.json</link>（OpenAPI 3.1）。',
  'api.docs.onThisPage': '本頁目錄',
  'api.docs.navQuickStart': '快速開始',
  'api.docs.navConventions': '慣例',
  'api.docs.navWebhooks': '驗證 Webhook',
  'api.docs.navProblems': '問題類型',
  'api.docs.quickStartHeading': '快速開始：兩條指令，由一張相片製作一段影片',
  'api.docs.quickStartBrief': '把你的簡報儲存為 <code>brief.json</code>，與 <code>product.jpg</code> 放在同一資料夾：',
  'api.docs.conventionsHeading': '慣例',
  'api.docs.conventionAuth':
    '每次調用都要以 <code>Authorization: Bearer lum_…</code> 驗證身份。沒有密鑰、密鑰格式錯誤或已被撤銷，會得到 401；別人的 ID 會得到 404，與不存在的 ID 完全一樣。',
  'api.docs.conventionIds': `ID 是字串；時間採用 UTC 的 ISO 8601 格式；欄位名稱使用 camelCase。列表回應 <code>'{ "data": [...], "nextCursor": "…" }'</code>：傳入 <code>?cursor=</code> 取得下一頁（最後一頁的 <code>nextCursor</code> 為 null）。`,
  'api.docs.conventionErrors':
    '錯誤以 <code>application/problem+json</code> 回應，包含 <code>type</code>、<code>title</code>、<code>status</code>、<code>detail</code> 和 <code>errors</code>（每項都附有 <code>field</code> 路徑）。',
  'api.docs.conventionLanguage':
    '問題的 <code>detail</code> 跟隨 <code>Accept-Language</code>（英文、簡體中文或繁體中文）；其 <code>type</code> 和 <code>title</code> 是英文識別碼，你的程式可以依賴它們。',
  'api.docs.conventionIdempotency':
    '任何 POST 請求都可以傳送 <code>Idempotency-Key</code>：24 小時內相同的鍵和內容會得到第一次的回應（附有 <code>Idempotent-Replayed: true</code>），不會再次建立或收費；相同的鍵配上不同的內容，會得到 422。',
  'api.docs.conventionRateLimits':
    '每個回應都附有 <code>RateLimit-Limit</code>、<code>RateLimit-Remaining</code> 和 <code>RateLimit-Reset</code>（秒）。每個密鑰每分鐘最多 300 次讀取、60 次寫入和 10 次上載或渲染；超出後會得到 429，並附有 <code>Retry-After</code>。',
  'api.docs.fieldColumn': '欄位',
  'api.docs.typeColumn': '類型',
  'api.docs.notesColumn': '說明',
  'api.docs.optional': '（可選）',
  'api.docs.body': '請求內容：<code>{mediaType}</code>',
  'api.docs.answers': '回應：',
  'api.docs.webhooksHeading': '驗證 Webhook',
  'api.docs.webhooksEvent':
    '每個事件都是一個 POST 請求，內容為 <event></event>，並附有 <signature></signature>，以 <code>PUT /api/v1/webhook</code> 曾向你顯示一次的密鑰簽署。請在 10 秒內回應 2xx，並讀完整個請求；其他任何回應或較慢的回應，都會在 24 小時內以退避方式重試。Node 範例：',
  'api.docs.webhooksReplay':
    '簽署能證明事件來自我們並且是最近發出的，但不能證明它是新的：截取請求的人可以在這 5 分鐘內再次傳送它，重試亦會再次傳送同一事件。請保存你處理過的每個事件的 <code>id</code>（至少一天：重試在 24 小時後停止），對已見過的事件回應 2xx，但不要再次處理。',
  'api.docs.problemsHeading': '問題類型',
  'api.docs.problem.malformed': '請求內容不是有效的 JSON。',
  'api.docs.problem.unauthorized': '沒有密鑰、密鑰格式錯誤或已被撤銷。',
  'api.docs.problem.quotaExceeded': '附有 used、quota 和 resetsAt（本月配額重新開始的時間）。沒有開始任何渲染。',
  'api.docs.problem.storageFull': '附有 kind、used 和 cap：刪除相片、簡報、版本或影片以騰出空間。',
  'api.docs.problem.forbidden': '此帳戶目前不能進行這項操作。',
  'api.docs.problem.notFound': '沒有與此 ID 對應的內容，或者它不屬於你。',
  'api.docs.problem.conflict': '例如刪除仍被簡報使用的相片。',
  'api.docs.problem.tooLarge': '相片最大 15 MB；JSON 內容最大 1 MB。',
  'api.docs.problem.unsupportedMediaType': '請傳送 JSON 或 multipart。',
  'api.docs.problem.validation': '`errors` 會列出每個欄位及其問題。',
  'api.docs.problem.idempotencyMismatch': '該鍵在 24 小時內已用於另一個請求。',
  'api.docs.problem.rateLimited': '請等候 Retry-After 秒。',
  'api.docs.problem.serverError': '你儲存的內容都沒有遺失；請重試。',
  'api.docs.problem.insufficientStorage': '沒有儲存任何內容；請稍後重試。',
  'api.docs.problem.unavailable': '請在 Retry-After 秒後重試。',
} satisfies Record<keyof typeof enApi, string>
