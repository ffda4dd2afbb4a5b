// Closing captions that several templates share word for word: one copy, so a fix reaches all.
export const standardCloseCaptions = {
  en: ['{cta}', '{product}. {cta}', '{tagline} {cta}'],
  'zh-CN': ['{product}，现已上市｜{cta}', '心动不如行动｜{cta}', '{tagline}{cta}'],
  'zh-HK': ['{product}，現已有售｜{cta}', '心動不如行動｜{cta}', '{tagline}{cta}'],
}
