// Closing captions that several templates share word for word: one copy, so a fix reaches all.
// No call to action here: the end card says it, once, right after this shot.
export const standardCloseCaptions = {
  en: ['{tagline}', '{product}. {tagline}'],
  // A Chinese tagline has a comma of its own: "{product}，{tagline}" would read as a list.
  'zh-CN': ['{tagline}'],
  'zh-HK': ['{tagline}'],
}
