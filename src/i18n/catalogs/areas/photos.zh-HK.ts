import type { enPhotos } from './photos.en.js'

// A brief's several photos in Traditional Chinese (Hong Kong): every key of enPhotos, and no other.
export const zhHKPhotos = {
  'photos.problem.missing': `請以 "photos": ['{' "imageId": … '}'] 傳送簡報的相片（先用 POST /images 上載）。`,
  'photos.problem.notBriefPhoto': '這張相片不是該簡報的相片之一。',
  'photos.problem.tooMany': '一份簡報最多 {max} 張相片：請傳送不多於 {max} 個 "image" 部分。',
  'photos.field.drop': '選擇相片或拖放到這裏',
  'photos.field.hint': '最多 {max} 張：先放正面，再放細節和使用中的相片。支援 JPEG、PNG 或 WebP。',
  'photos.field.count': '{count} / {max} 張相片',
  'photos.field.full': '這份簡報已有 {max} 張相片，已達上限。刪除一張才可再加。',
  'photos.field.tooMany':
    '{room, plural, =0 {一份簡報最多 {max} 張相片：刪除一張才可再加。} other {一份簡報最多 {max} 張相片，這些相片未加入：請選擇不多於 {room} 張。}}',
  'photos.photo.alt': '相片 {n}',
  'photos.photo.role': '相片 {n} 展示的是',
  'photos.photo.earlier': '將相片 {n} 前移',
  'photos.photo.later': '將相片 {n} 後移',
  'photos.photo.remove': '刪除相片 {n}',
  'photos.role.main': '主圖（正面）',
  'photos.role.detail': '細節',
  'photos.role.in-use': '使用中',
  'photos.role.packaging': '包裝',
  'photos.role.scale': '尺寸',
  'photos.role.other': '其他',
  'photos.storyboard.option': '相片 {n}：{role}',
  'photos.storyboard.pick': '鏡頭 {n} 的相片',
} satisfies Record<keyof typeof enPhotos, string>
