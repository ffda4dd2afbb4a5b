import type { enNextSteps } from './nextsteps.en.js'

// After a render in Simplified Chinese: every key of enNextSteps, and no other.
export const zhCNNextSteps = {
  'nextsteps.heading': '接下来',
  'nextsteps.formatsHint':
    '用同一份简介制作另一种画幅：新的分镜脚本保留你的字幕和镜头顺序，可直接生成。这个视频保持不变。',
  'nextsteps.makeFormat': '制作 {aspect} 版',
  'nextsteps.duplicate': '复制并编辑',
  'nextsteps.change': '修改后重新生成',
  'nextsteps.full': '无法再保存分镜脚本',
  'nextsteps.share': '分享',
  'nextsteps.play': '播放视频',
  'nextsteps.minutesLeft': '大约还需 {minutes} 分钟',
  'nextsteps.underAMinute': '不到一分钟即可完成',
  'nextsteps.shotFrame': '第 {position} 个镜头，已完成',
  'nextsteps.madeKept': '版本 {version} 是版本 {from} 的 {aspect} 版：保留了你的字幕和镜头顺序。准备好后即可生成。',
  'nextsteps.madeFresh':
    '版本 {version} 是为 {aspect} 新写的分镜脚本：版本 {from} 之后简介已修改，所以无法沿用其字幕。',
  'nextsteps.madeFrom': '用版本 {version} 制作的视频：',
  'nextsteps.videoLink': '{aspect} · {seconds} 秒 · {status}',
  'nextsteps.copyOf': '这是“{name}”的副本：修改你想改的内容，然后保存为新的简介。',
  'nextsteps.notify': '完成后发邮件通知我',
  'nextsteps.mail.readySubject': '你的视频已完成',
  'nextsteps.mail.readyBody': '你的 {title} {aspect} 视频已完成，可以观看和下载。',
  'nextsteps.mail.failedSubject': '你的视频未能完成',
  'nextsteps.mail.failedBody': '你的 {title} {aspect} 视频未能完成。视频页面会说明原因和你可以怎么做。',
  'nextsteps.mail.action': '打开视频',
} as const satisfies Record<keyof typeof enNextSteps, string>
