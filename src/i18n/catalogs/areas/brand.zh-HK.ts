import type { enBrand } from './brand.en.js'

// 品牌套件（/brand 頁面、標誌上載、連結）的繁體中文（香港）。
export const zhHKBrand = {
  'brand.title': '品牌套件',
  'brand.lead':
    '你的標誌、顏色、字幕字體和網址帳號，由現在起每段渲染的影片都會使用。已在渲染中的影片保留開始時的套件。',
  'brand.accountLink': '品牌套件',
  'brand.briefLink': '在品牌套件設定品牌顏色、標誌和字體',

  'brand.logo.heading': '標誌',
  'brand.logo.help': 'PNG、JPEG 或 WebP，最大 2 MB。透明背景會保留，相機資料會刪除。不接受 SVG。',
  'brand.logo.file': '標誌檔案',
  'brand.logo.upload': '上載標誌',
  'brand.logo.remove': '刪除標誌',
  'brand.logo.none': '仲未有標誌：片尾卡只顯示你的產品和文字。',
  'brand.logo.alt': '你的標誌',
  'brand.logo.size': '{width} × {height} 像素',
  'brand.logo.choose': '請選擇要上載的標誌檔案。',
  'brand.logo.empty': '該檔案是空的。請選擇標誌的 PNG、JPEG 或 WebP 檔案。',
  'brand.logo.tooLarge': '該檔案有 {megabytes} MB，標誌最大 2 MB。請另存為較細的檔案後再試。',
  'brand.logo.tooLargeToSend': '該檔案超過 2 MB，標誌最大 2 MB。請另存為較細的檔案後再試。',
  'brand.logo.svg': '不接受 SVG 標誌：SVG 可能包含程式碼和連結。請將標誌匯出為 PNG（透明背景）後上載。',
  'brand.logo.notImage': '這不是 PNG、JPEG 或 WebP 圖片。請用其中一種格式上載標誌。',
  'brand.logo.unreadable': '無法讀取該圖片。請另存為 PNG 後上載。',
  'brand.logo.animated': '動畫圖片不能作為標誌。請上載靜態的 PNG、JPEG 或 WebP。',
  'brand.logo.tooSmall': '該標誌太細：每邊最少需要 {min} 像素。',
  'brand.logo.damaged': '該圖片似乎已損壞。請重新儲存後上載新檔案。',

  'brand.colours.heading': '顏色',
  'brand.primary': '主色',
  'brand.primaryHelp': '片尾卡的按鈕和背景色調，以及字幕框的色調。',
  'brand.noPrimary': '不設主色',
  'brand.accent': '強調色',
  'brand.accentHelp': '每句字幕的關鍵詞和片尾卡上的網址帳號（睇唔清時會自動調深或調淺）。',
  'brand.noAccent': '不設強調色',
  'brand.overrideNote': '如果簡報設定了自己的品牌顏色，其影片會使用簡介的顏色。',

  'brand.font.heading': '字幕字體',
  'brand.font.sans': '思源黑體（Noto Sans CJK）：簡潔現代',
  'brand.font.serif': '思源宋體（Noto Serif CJK）：經典襯線',

  'brand.handle': '網址或店鋪帳號（可選）',
  'brand.handleHelp': '顯示在片尾卡的行動呼籲下方，例如 halolamp.example 或 @halolamp。',
  'brand.cornerLogo': '在每個鏡頭的角落顯示小標誌',
  'brand.cornerLogoHelp': '預設關閉。在不准水印的平台（淘寶），標誌只在最後 2 秒顯示。',
  'brand.save': '儲存品牌套件',
  'brand.saved': '品牌套件已儲存，之後的影片會使用它。',
  'brand.logoSaved': '標誌已上載。',
  'brand.logoRemoved': '標誌已刪除。',
  'brand.invalid.colour': '顏色的格式應類似 #1A2B3C',
  'brand.invalid.handle': '帳號最多 60 個字元，而且只可以一行。',
  'brand.invalid.font': '請從列表選擇字幕字體。',
} as const satisfies Record<keyof typeof enBrand, string>
