import type { enPhotos } from './photos.en.js'

// A brief's several photos in Simplified Chinese: every key of enPhotos, and no other.
export const zhCNPhotos = {
  'photos.problem.missing': `请以 "photos": ['{' "imageId": … '}'] 发送简报的照片（先用 POST /images 上传）。`,
  'photos.problem.notBriefPhoto': '这张照片不是该简报的照片之一。',
  'photos.problem.tooMany': '一份简报最多 {max} 张照片：请发送不超过 {max} 个 "image" 部分。',
  'photos.field.drop': '选择照片或拖放到这里',
  'photos.field.hint': '最多 {max} 张：先放正面，再放细节和使用中的照片。支持 JPEG、PNG 或 WebP。',
  'photos.field.count': '{count} / {max} 张照片',
  'photos.field.full': '这份简报已有 {max} 张照片，已达上限。删除一张才能再添加。',
  'photos.field.tooMany':
    '{room, plural, =0 {一份简报最多 {max} 张照片：删除一张才能再添加。} other {一份简报最多 {max} 张照片，这些照片未添加：请选择不超过 {room} 张。}}',
  'photos.photo.alt': '照片 {n}',
  'photos.photo.role': '照片 {n} 展示的是',
  'photos.photo.earlier': '将照片 {n} 前移',
  'photos.photo.later': '将照片 {n} 后移',
  'photos.photo.remove': '删除照片 {n}',
  'photos.role.main': '主图（正面）',
  'photos.role.detail': '细节',
  'photos.role.in-use': '使用中',
  'photos.role.packaging': '包装',
  'photos.role.scale': '尺寸',
  'photos.role.other': '其他',
  'photos.storyboard.option': '照片 {n}：{role}',
  'photos.storyboard.pick': '镜头 {n} 的照片',
} satisfies Record<keyof typeof enPhotos, string>
