import type { enMusic } from './music.en.js'

// 自己的音樂、營運方曲庫和環境聲選項的繁體中文（香港）：enMusic 的每個鍵，不多不少。
export const zhHKMusic = {
  'music.page.title': '我的音樂',
  'music.page.intro': '你自己的曲目，可用於你的任何影片：在簡報的「背景音樂」中選擇。請只上載你有權使用的音樂。',
  'music.upload.heading': '加入曲目',
  'music.upload.file': '音訊檔案',
  'music.upload.hint':
    'MP3、M4A/AAC、WAV 或 OGG，最大 20 MB、最長 5 分鐘。我們只保留聲音：標籤（標題、歌手、封面）會被刪除。',
  'music.upload.title': '名稱（可選）',
  'music.upload.titleHint': '留空則以檔案名稱命名。',
  'music.upload.submit': '上載曲目',
  'music.upload.done': '「{title}」已可使用。',
  'music.list.heading': '你的曲目',
  'music.list.empty': '仍未有曲目。請在上方加入。',
  'music.list.usage':
    '{used, plural, =0 {沒有曲目} other {# 首曲目}}，上限 {cap} 首；已用 {usedMegabytes} MB，上限 {capMegabytes} MB。',
  'music.list.length': '長度 {length}',
  'music.list.noPlayer': '你的瀏覽器無法在此播放這首曲目。',
  'music.list.name': '名稱',
  'music.list.rename': '重新命名',
  'music.list.delete': '刪除',
  'music.list.deleteNamed': '刪除「{title}」',
  'music.renamed': '已重新命名為「{title}」。',
  'music.deleted': '曲目已刪除。使用它的簡報將沒有音樂，直至你另選一首。',
  'music.upload.choose': '請選擇要上載的音訊檔案。',
  'music.upload.notAudio': '無法讀取這個檔案中的音訊。請上載 MP3、M4A/AAC、WAV 或 OGG 檔案。',
  'music.upload.tooLong': '這首曲目長 {length}；曲目最長 5 分鐘。請剪短後重新上載。',
  'music.upload.tooShort': '這首曲目短於 5 秒；請上載較長的曲目。',
  'music.upload.tooLarge': '這個檔案大於 20 MB。請上載較小的檔案（5 分鐘的 MP3 約 5 至 10 MB）。',
  'music.title.invalid': '請為曲目取一個 1 至 80 個字元的名稱。',
  'music.cap.tracks':
    '你的{plan, select, free {免費} creator {創作者} studio {工作室} other {現有}}計劃最多保存 {cap, number} 首曲目，你已有 {used, number} 首。請刪除一首不再需要的曲目後重新上載。',
  'music.cap.trackBytes':
    '你的{plan, select, free {免費} creator {創作者} studio {工作室} other {現有}}計劃最多保存 {capMegabytes} MB 曲目；你的曲目已佔 {usedMegabytes} MB。請刪除一首不再需要的曲目後重新上載。',
  'music.form.ownTrack': '我的音樂：{title}',
  'music.form.libraryTrack': '曲庫：{title}',
  'music.form.manage': '上載你自己的音樂',
  'music.form.ambient': '影片模型生成的環境聲',
  'music.form.ambientHint': '保留影片模型為每個鏡頭生成的聲音，以較低音量放在音樂之下。',
  'music.invalid.ambientSound': '請選擇是否保留環境聲',
  'music.invalid.notYours': '請從清單中選擇音樂',
  'music.credit': '音樂：{attribution}',
  'music.account.link': '我的音樂',
} satisfies Record<keyof typeof enMusic, string>
