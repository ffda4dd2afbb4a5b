import type { enMusic } from './music.en.js'

// 自己的音乐、运营方曲库和环境音选项的简体中文：enMusic 的每个键，不多不少。
export const zhCNMusic = {
  'music.page.title': '我的音乐',
  'music.page.intro': '你自己的曲目，可用于你的任何视频：在简报的“背景音乐”中选择。请只上传你有权使用的音乐。',
  'music.upload.heading': '添加曲目',
  'music.upload.file': '音频文件',
  'music.upload.hint':
    'MP3、M4A/AAC、WAV 或 OGG，最大 20 MB、最长 5 分钟。我们只保留声音：标签（标题、艺人、封面）会被删除。',
  'music.upload.title': '名称（可选）',
  'music.upload.titleHint': '留空则以文件名命名。',
  'music.upload.submit': '上传曲目',
  'music.upload.done': '“{title}”已可使用。',
  'music.list.heading': '你的曲目',
  'music.list.empty': '还没有曲目。请在上方添加。',
  'music.list.usage':
    '{used, plural, =0 {没有曲目} other {# 首曲目}}，上限 {cap} 首；已用 {usedMegabytes} MB，上限 {capMegabytes} MB。',
  'music.list.length': '时长 {length}',
  'music.list.noPlayer': '你的浏览器无法在此播放这首曲目。',
  'music.list.name': '名称',
  'music.list.rename': '重命名',
  'music.list.delete': '删除',
  'music.list.deleteNamed': '删除“{title}”',
  'music.renamed': '已重命名为“{title}”。',
  'music.deleted': '曲目已删除。使用它的简报将没有音乐，直到你另选一首。',
  'music.upload.choose': '请选择要上传的音频文件。',
  'music.upload.notAudio': '无法读取这个文件中的音频。请上传 MP3、M4A/AAC、WAV 或 OGG 文件。',
  'music.upload.tooLong': '这首曲目长 {length}；曲目最长 5 分钟。请剪短后重新上传。',
  'music.upload.tooShort': '这首曲目短于 5 秒；请上传更长的曲目。',
  'music.upload.tooLarge': '这个文件大于 20 MB。请上传更小的文件（5 分钟的 MP3 约 5 至 10 MB）。',
  'music.title.invalid': '请为曲目取一个 1 至 80 个字符的名称。',
  'music.cap.tracks':
    '你的{plan, select, free {免费} creator {创作者} studio {工作室} other {当前}}套餐最多保存 {cap, number} 首曲目，你已有 {used, number} 首。请删除一首不再需要的曲目后重新上传。',
  'music.cap.trackBytes':
    '你的{plan, select, free {免费} creator {创作者} studio {工作室} other {当前}}套餐最多保存 {capMegabytes} MB 曲目；你的曲目已占 {usedMegabytes} MB。请删除一首不再需要的曲目后重新上传。',
  'music.form.ownTrack': '我的音乐：{title}',
  'music.form.libraryTrack': '曲库：{title}',
  'music.form.manage': '上传你自己的音乐',
  'music.form.ambient': '视频模型生成的环境音',
  'music.form.ambientHint': '保留视频模型为每个镜头生成的声音，以较低音量放在音乐之下。',
  'music.invalid.ambientSound': '请选择是否保留环境音',
  'music.invalid.notYours': '请从列表中选择音乐',
  'music.credit': '音乐：{attribution}',
  'music.account.link': '我的音乐',
} satisfies Record<keyof typeof enMusic, string>
