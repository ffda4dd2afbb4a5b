import type { enApi } from './api.en.js'

// The api pages' words in Simplified Chinese: every key of enApi, and no other.
export const zhCNApi = {
  'api.problem.nothingWithId': '没有与此 ID 对应的内容。',
  'api.problem.invalidFields': '部分字段无效。',
  'api.problem.noBrief': '没有与此 ID 对应的简报。',
  'api.problem.noScreenplay': '没有与此 ID 对应的分镜脚本。',
  'api.problem.noVideo': '没有与此 ID 对应的视频。',
  'api.problem.noFinishedVideo': '没有与此 ID 对应的已完成视频。',
  'api.problem.noImage': '没有与此 ID 对应的图片。',
  'api.problem.noResource': '没有与此 ID 对应的资源。',
  'api.problem.sendKey': `请以 "Authorization: Bearer '<key>'" 的形式发送你的 API 密钥。`,
  'api.problem.badKey': '此 API 密钥无效或已被撤销。请在账号页面更换密钥。',
  'api.problem.rateLimited': '此 API 密钥每分钟最多可进行 {limit} 次此类调用。请在 {seconds} 秒后重试。',
  'api.problem.idempotencyKeyFormat': '请使用 1 到 255 个可见 ASCII 字符，例如 UUID。',
  'api.problem.idempotencyKeyReused': '此 Idempotency-Key 已在 24 小时内用于另一个请求。',
  'api.problem.idempotencyInProgress': '使用此 Idempotency-Key 的第一个请求尚未完成。请稍后重试。',
  'api.problem.quotaUsed':
    '本月你已使用 {quota} 个视频配额中的 {used} 个。你的配额将于 {resetsAt} 重置。没有开始任何渲染。',
  'api.problem.emailNotConfirmed': '渲染前请先确认你的邮箱地址：点击我们发给你的链接，或在账号页面重新发送一封。',
  'api.problem.alreadyFinished':
    '{status, select, done {该视频已经完成。} failed {该视频已经失败。} canceled {该视频已经取消。} other {该视频已处于 {status} 状态。}}',
  'api.problem.imageInUse': '仍有简报在使用这张照片。请先为该简报换一张照片，或删除该简报。',
  'api.problem.noWebhookSetOne': '尚未设置 Webhook。请使用 PUT /webhook 设置。',
  'api.problem.noWebhook': '尚未设置 Webhook。',
  'api.problem.bodyTooLarge': '请求正文超过 1 MB。',
  'api.problem.bodyStalled': '你的连接停止了发送，因此我们不再等待。请检查网络连接后重试。',
  'api.problem.photosBusy': '{count, plural, other {我们现在正在检查大量照片。请在 {seconds} 秒后重新选择你的照片。}}',
  'api.problem.photosTooMany': '{minutes, plural, other {你在过去一小时内上传了大量照片。请等待 # 分钟后再添加。}}',
} satisfies Record<keyof typeof enApi, string>
