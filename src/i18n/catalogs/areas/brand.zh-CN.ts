import type { enBrand } from './brand.en.js'

// 品牌套件（/brand 页面、标志上传、链接）的简体中文。
export const zhCNBrand = {
  'brand.title': '品牌套件',
  'brand.lead':
    '你的标志、颜色、字幕字体和网址账号，从现在起每个渲染的视频都会使用。已在渲染中的视频保持开始时的套件。',
  'brand.accountLink': '品牌套件',
  'brand.briefLink': '在品牌套件中设置品牌色、标志和字体',

  'brand.logo.heading': '标志',
  'brand.logo.help': 'PNG、JPEG 或 WebP，最大 2 MB。透明背景会保留，相机信息会删除。不接受 SVG。',
  'brand.logo.file': '标志文件',
  'brand.logo.upload': '上传标志',
  'brand.logo.remove': '删除标志',
  'brand.logo.none': '还没有标志：片尾卡只显示你的产品和文字。',
  'brand.logo.alt': '你的标志',
  'brand.logo.size': '{width} × {height} 像素',
  'brand.logo.choose': '请选择要上传的标志文件。',
  'brand.logo.empty': '该文件是空的。请选择标志的 PNG、JPEG 或 WebP 文件。',
  'brand.logo.tooLarge': '该文件有 {megabytes} MB，标志最大 2 MB。请另存为更小的文件后重试。',
  'brand.logo.tooLargeToSend': '该文件超过 2 MB，标志最大 2 MB。请另存为更小的文件后重试。',
  'brand.logo.svg': '不接受 SVG 标志：SVG 可能包含脚本和链接。请将标志导出为 PNG（透明背景）后上传。',
  'brand.logo.notImage': '这不是 PNG、JPEG 或 WebP 图片。请用其中一种格式上传标志。',
  'brand.logo.unreadable': '无法读取该图片。请另存为 PNG 后上传。',
  'brand.logo.animated': '动图不能作为标志。请上传静态的 PNG、JPEG 或 WebP。',
  'brand.logo.tooSmall': '该标志太小：每边至少需要 {min} 像素。',
  'brand.logo.damaged': '该图片似乎已损坏。请重新保存后上传新文件。',

  'brand.colours.heading': '颜色',
  'brand.primary': '主色',
  'brand.primaryHelp': '片尾卡的按钮和背景色调，以及字幕框的色调。',
  'brand.noPrimary': '不设主色',
  'brand.accent': '强调色',
  'brand.accentHelp': '每条字幕的关键词和片尾卡上的网址账号（看不清时会自动调深或调浅）。',
  'brand.noAccent': '不设强调色',
  'brand.overrideNote': '如果简报设置了自己的品牌色，其视频将使用简报的颜色。',

  'brand.font.heading': '字幕字体',
  'brand.font.sans': '思源黑体（Noto Sans CJK）：简洁现代',
  'brand.font.serif': '思源宋体（Noto Serif CJK）：经典衬线',

  'brand.handle': '网址或店铺账号（可选）',
  'brand.handleHelp': '显示在片尾卡的行动号召下方，例如 halolamp.example 或 @halolamp。',
  'brand.cornerLogo': '在每个镜头的角落显示小标志',
  'brand.cornerLogoHelp': '默认关闭。在不允许水印的平台（淘宝），标志只在最后 2 秒显示。',
  'brand.save': '保存品牌套件',
  'brand.saved': '品牌套件已保存，之后的视频会使用它。',
  'brand.logoSaved': '标志已上传。',
  'brand.logoRemoved': '标志已删除。',
  'brand.invalid.colour': '颜色的格式应类似 #1A2B3C',
  'brand.invalid.handle': '账号最多 60 个字符，且只能一行。',
  'brand.invalid.font': '请从列表中选择字幕字体。',
} as const satisfies Record<keyof typeof enBrand, string>
