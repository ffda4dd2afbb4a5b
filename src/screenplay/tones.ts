import type { Language } from './brief.js'
import type { Transition } from './schema.js'

/** What a tone means on set: the words a director would give the crew, and how fast to cut. */
export interface ToneLook {
  label: string
  hint: string
  /** 0 = few long shots, 1 = as many short shots as the length allows. */
  pace: number
  motion: readonly string[]
  light: readonly string[]
  palette: readonly string[]
  surface: readonly string[]
  /** Where lifestyle shots happen, with its preposition: "in a cosy kitchen…". */
  place: readonly string[]
  mood: readonly string[]
  grade: readonly string[]
  /** Transitions between shots, repeated to weight them. */
  transitions: readonly Transition[]
  /** How the first shot comes in from black. */
  firstTransition: Transition
  taglines: Readonly<Record<Language, readonly string[]>>
}

export const toneIds = ['premium', 'playful', 'energetic', 'minimal', 'warm'] as const
export type Tone = (typeof toneIds)[number]

export const tones: Readonly<Record<Tone, ToneLook>> = {
  premium: {
    label: 'Premium',
    hint: 'Polished, luxurious, unhurried',
    pace: 0.2,
    motion: ['slow', 'unhurried', 'measured'],
    light: [
      'a single soft key light from the left that carves a crisp rim highlight',
      'a narrow overhead strip softbox and a gentle backlight halo',
      'a warm spotlight pooled in deep shadow with a thin edge light',
    ],
    palette: [
      'deep charcoal, brushed gold and soft ivory',
      'obsidian black with champagne highlights',
      'midnight navy, smoked glass and warm brass',
    ],
    surface: [
      'a polished black marble plinth',
      'a slab of dark veined stone with a mirror-like sheen',
      'a brushed-metal pedestal rising from folds of black velvet',
    ],
    place: [
      'in a quiet penthouse lounge at dusk with city lights blurred beyond the glass',
      'in a boutique hotel suite with walnut panelling and soft lamplight',
      'in a gallery-like dressing room with stone floors and a single arched window',
    ],
    mood: ['hushed, confident and luxurious', 'refined, composed and quietly powerful'],
    grade: [
      'rich contrast with deep, clean blacks and a subtle filmic grain',
      'a silky, low-saturation grade with glowing highlights',
    ],
    transitions: ['dissolve', 'dissolve', 'dissolve', 'fade', 'cut'],
    firstTransition: 'fade',
    taglines: {
      en: ['Crafted without compromise.', 'Quiet luxury, every day.', 'Made to be kept.'],
      'zh-CN': ['匠心之作，毫不妥协。', '低调奢华，日日相伴。', '值得珍藏的质感。'],
      'zh-HK': ['匠心之作，絕不妥協。', '低調奢華，日日相伴。', '值得珍藏的質感。'],
    },
  },
  playful: {
    label: 'Playful',
    hint: 'Bright, witty, full of colour',
    pace: 0.65,
    motion: ['bouncy', 'playful', 'springy'],
    light: [
      'bright, even high-key light with soft, cheerful shadows',
      'a clean white key light against candy-coloured gels on the backdrop',
      'sunny top light with bounce cards filling every shadow',
    ],
    palette: [
      'bubblegum pink, lemon yellow and mint',
      'sky blue, tangerine and bright white',
      'pastel lilac and peach with pops of cherry red',
    ],
    surface: [
      'a pastel paper set scattered with bold geometric props',
      'a glossy colour-blocked platform with floating confetti shapes',
      'a chunky pedestal covered in bright terrazzo',
    ],
    place: [
      'in a sunny, colourful apartment full of plants and playful prints',
      'on a picnic blanket in a bright park on a breezy afternoon',
      'in a lively kitchen with pastel cabinets and bowls of fruit',
    ],
    mood: ['cheerful, witty and light-hearted', 'bright, bubbly and fun'],
    grade: ['saturated, clean colour with bright whites', 'a punchy pop-art grade with creamy, natural skin tones'],
    transitions: ['slide', 'slide', 'cut', 'cut', 'zoom'],
    firstTransition: 'cut',
    taglines: {
      en: ['Seriously fun.', 'Made to make you smile.', 'Joy, built in.'],
      'zh-CN': ['好玩，是认真的。', '每天多一点快乐。', '快乐，自带出厂。'],
      'zh-HK': ['好玩，是認真的。', '每天多一點快樂。', '快樂，與生俱來。'],
    },
  },
  energetic: {
    label: 'Energetic',
    hint: 'Fast cuts, bold light, momentum',
    pace: 0.9,
    motion: ['fast', 'punchy', 'kinetic'],
    light: [
      'hard, contrasty light with neon magenta and cyan rim lights',
      'strobing edge lights over a dark set with a crisp white key',
      'high-contrast sunlight throwing sharp, graphic shadows',
    ],
    palette: [
      'electric blue, hot magenta and jet black',
      'volt yellow, graphite and white',
      'signal red, chrome and deep black',
    ],
    surface: [
      'a glossy black floor reflecting streaks of neon',
      'a rough, raw concrete block',
      'a low turntable ringed with LED strips',
    ],
    place: [
      'on a rooftop at golden hour with the city skyline behind',
      'on an urban basketball court at dusk under floodlights',
      'at a busy street crossing streaked with light trails from passing traffic',
    ],
    mood: ['bold, fast and adrenaline-charged', 'dynamic, confident and full of momentum'],
    grade: [
      'punchy contrast with vivid, saturated colour',
      'a crisp, high-energy grade with slight motion blur on fast moves',
    ],
    transitions: ['cut', 'cut', 'cut', 'whip', 'zoom'],
    firstTransition: 'cut',
    taglines: {
      en: ['Built for full speed.', 'No off switch.', 'Go harder.'],
      'zh-CN': ['全速出发。', '能量全开，不设上限。', '就现在，燃起来。'],
      'zh-HK': ['全速出發。', '能量全開，沒有上限。', '就是現在，燃點熱情。'],
    },
  },
  minimal: {
    label: 'Minimal',
    hint: 'Calm, clean, nothing extra',
    pace: 0.3,
    motion: ['steady', 'precise', 'calm'],
    light: [
      'soft, shadowless daylight from a large overhead diffuser',
      'clean north-window light casting a single gentle shadow',
      'even, diffused light with a soft gradient on the backdrop',
    ],
    palette: [
      'off-white, warm grey and pale sand',
      'bone white with soft stone grey',
      'pure white with one quiet accent of black',
    ],
    surface: [
      'a seamless off-white sweep',
      'a plain light-grey plinth with crisp edges',
      'a sheet of pale travertine against a white backdrop',
    ],
    place: [
      'in a pared-back Scandinavian room with pale oak and white walls',
      'in an airy studio apartment with polished concrete floors and a single plant',
      'at a quiet, uncluttered desk beside a large window',
    ],
    mood: ['calm, precise and uncluttered', 'serene, considered and honest'],
    grade: ['a soft, low-contrast grade with true-to-life colour', 'clean, neutral colour with gentle highlights'],
    transitions: ['cut', 'cut', 'cut', 'fade', 'fade'],
    firstTransition: 'fade',
    taglines: {
      en: ['Nothing extra.', 'Less, but better.', 'Simply right.'],
      'zh-CN': ['少即是多。', '删繁就简，恰到好处。', '简单，刚刚好。'],
      'zh-HK': ['少即是多。', '刪繁就簡，恰到好處。', '簡單，剛剛好。'],
    },
  },
  warm: {
    label: 'Warm',
    hint: 'Homely, golden light, heartfelt',
    pace: 0.35,
    motion: ['gentle', 'smooth', 'slow, gentle'],
    light: [
      'golden late-afternoon sun streaming in low through a window',
      'warm practical lamps and soft window light with a honeyed glow',
      'early-morning sun diffused through linen curtains',
    ],
    palette: ['honey, terracotta and cream', 'warm oak, sage and soft linen white', 'amber, rust and buttery yellow'],
    surface: [
      'a sunlit oak table with a folded linen cloth',
      'a worn wooden countertop beside a sprig of fresh herbs',
      'a woven rattan tray on a cosy windowsill',
    ],
    place: [
      'in a cosy kitchen filled with morning light',
      'in a family living room with soft blankets and late-afternoon sun',
      'on a small garden terrace strung with lights at dusk',
    ],
    mood: ['inviting, homely and heartfelt', 'tender, relaxed and genuine'],
    grade: ['a warm, gently faded film look', 'soft golden tones with natural skin colour'],
    transitions: ['dissolve', 'dissolve', 'dissolve', 'fade', 'cut'],
    firstTransition: 'fade',
    taglines: {
      en: ['Made for the moments that matter.', 'Feels like home.', 'A little warmth, every day.'],
      'zh-CN': ['为重要的时刻而生。', '家的感觉，刚刚好。', '每一天，多一分温暖。'],
      'zh-HK': ['為重要的時刻而設。', '家的感覺，剛剛好。', '每一天，多一分溫暖。'],
    },
  },
}

export const toneOptions: ReadonlyArray<{ value: Tone; label: string; hint: string }> = toneIds.map((id) => ({
  value: id,
  label: tones[id].label,
  hint: tones[id].hint,
}))
