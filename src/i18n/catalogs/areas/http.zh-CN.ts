import type { enHttp } from './http.en.js'

// src/http's refusals in Simplified Chinese: every key of enHttp, and no other.
export const zhCNHttp = {
  'http.photoTooLarge': '你发送的内容超过了我们接受的大小。照片最大为 15 MB。',
  'http.bodyStalled': '你的连接停止了发送，因此我们不再等待。请检查网络连接后重试。',
  'http.formUnreadable': '无法读取该表单。',
  'http.tooManyParts': '表单中的字段或文件多于应有的数量。请刷新页面后重新提交。',
  'http.tooManyFields': '表单中的字段太多。',
  'http.uploadInterrupted': '上传在完成前中断了。请重新发送。',
} satisfies Record<keyof typeof enHttp, string>
