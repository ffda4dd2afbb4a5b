import type { enVariants } from './variants.en.js'

// 变体：简体中文（docs/i18n.md）。生成 = render；视频。
export const zhCNVariants = {
  'variants.panel.heading': '生成 3 个变体',
  'variants.panel.lead':
    '根据这份简报重新编写并生成三个视频（不使用上面的修改），风格、基调和音乐各不相同，并排观看后留下最好的一个。',
  'variants.panel.leadKeptMusic':
    '根据这份简报重新编写并生成三个视频（不使用上面的修改），风格和基调各不相同。三个都保留简报选定的音乐：{music}。',
  'variants.panel.leadPartsOfMusic':
    '根据这份简报重新编写并生成三个视频（不使用上面的修改），风格和基调各不相同。三个都使用简报选定的音乐：{music}。每个视频播放其中不同的一段（录制的曲目从更后面开始，内置曲目换一种演绎）。',
  'variants.panel.uses': '将使用本月剩余 {left} 个视频中的 3 个。',
  'variants.panel.short':
    '三个变体需要 3 个视频，你本月还剩 {left, plural, =0 {0 个} other {# 个}}。额度将于 {date} 重置。',
  'variants.panel.button': '生成 3 个变体',

  'variants.compare.title': '{product} 的变体',
  'variants.compare.lead':
    '同一份简报的 {count, plural, other {# 个版本}}。并排观看，留下你喜欢的那个，其余的会被删除。',
  'variants.compare.keptLead': '这是你留下的变体。如需新的变体，请在该简报的分镜脚本页面生成。',
  'variants.compare.kept': '已保留。其他变体及其文件已删除。',
  'variants.compare.variant': '变体 {n}',
  'variants.compare.differs': '风格：{template} · 基调：{tone} · 音乐：{music}',
  'variants.compare.differsFrom': '风格：{template} · 基调：{tone} · 音乐：{music}，从 {start} 开始',
  'variants.compare.progress': '{status}：{percent}%',
  'variants.compare.progressLabel': '变体 {n} 的进度',
  'variants.compare.download': '下载变体 {n}',
  'variants.compare.open': '视频页面',
  'variants.compare.keep': '保留这个',
  'variants.compare.fromVideo': '比较这组变体',
  'variants.compare.backToBrief': '返回分镜脚本',

  'variants.keep.question': '保留这个变体并删除其他变体？',
  'variants.keep.consequence':
    '这一组的其他变体及其文件将被删除。仍在生成的会被取消；如果视频服务已开始生成，它仍计入你本月的额度。',
  'variants.keep.go': '保留这个，删除其他',
  'variants.keep.stay': '返回',

  'variants.quota.short':
    '生成 {needed} 个变体需要 {needed} 个视频，你本月还剩 {left} 个（已用 {used} / {quota}）。额度将于 {date}（UTC）重置。没有开始任何生成。',
  'variants.api.quotaShort':
    '生成 {needed} 个变体需要 {needed} 个视频，本月还剩 {left} 个（已用 {used} / {quota}）。额度将于 {resetsAt} 重置。没有开始任何生成。',
  'variants.music.own': '你自己的音乐',
  'variants.music.library': '曲库中的音乐',
} as const satisfies Record<keyof typeof enVariants, string>
