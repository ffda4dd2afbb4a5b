import type { Language } from './brief.js'
import type { Category } from './category.js'
import type { Tone } from './tones.js'

type Lines = Readonly<Record<Language, readonly string[]>>

/**
 * The tone's own lines (the {tagline} slot), per product category: "Go harder." stays with sports
 * gear, a desk lamp with the energetic tone gets energetic words that fit a lamp. `any` holds lines
 * that fit every product; a category's own lines are preferred when it has some. Every line stays
 * inside the caption guide (test/screenplay/phrases.test.ts).
 */
export const toneLines: Readonly<Record<Tone, { any: Lines } & Partial<Record<Category, Lines>>>> = {
  premium: {
    any: {
      en: ['Crafted without compromise.', 'Made to be kept.', 'Quiet luxury, every day.'],
      'zh-CN': ['匠心之作，毫不妥协。', '值得珍藏的质感。', '低调奢华，日日相伴。'],
      'zh-HK': ['匠心之作，絕不妥協。', '值得珍藏的質感。', '低調奢華，日日相伴。'],
    },
    sports: { en: ['Engineered for your best.'], 'zh-CN': ['为极致表现而造。'], 'zh-HK': ['為極致表現而造。'] },
    beauty: {
      en: ['Luxury your skin can feel.'],
      'zh-CN': ['肌肤感受得到的奢华。'],
      'zh-HK': ['肌膚感受得到的奢華。'],
    },
    home: {
      en: ['A room, quietly transformed.', 'Light and form, in balance.'],
      'zh-CN': ['整个空间，安静升级。', '光与形，恰好平衡。'],
      'zh-HK': ['整個空間，靜靜升級。', '光與形，恰好平衡。'],
    },
    tech: { en: ['Precision in every detail.'], 'zh-CN': ['每个细节，都精准。'], 'zh-HK': ['每個細節，都精準。'] },
    food: { en: ['Taste, elevated.'], 'zh-CN': ['品味，再升级。'], 'zh-HK': ['品味，再提升。'] },
    fashion: { en: ['Tailored to be noticed.'], 'zh-CN': ['剪裁，自带气场。'], 'zh-HK': ['剪裁，自帶氣場。'] },
    kids: { en: ['The best, for the smallest.'], 'zh-CN': ['最好的，给最小的你。'], 'zh-HK': ['最好的，留給小朋友。'] },
    pets: { en: ['Because they deserve the best.'], 'zh-CN': ['给毛孩子最好的。'], 'zh-HK': ['給毛孩最好的。'] },
  },
  playful: {
    any: {
      en: ['Seriously fun.', 'Made to make you smile.'],
      'zh-CN': ['好玩，是认真的。', '每天多一点快乐。'],
      'zh-HK': ['好玩，是認真的。', '每天多一點快樂。'],
    },
    sports: { en: ['Play hard, smile harder.'], 'zh-CN': ['玩得尽兴，笑得更开。'], 'zh-HK': ['玩得盡興，笑得更開。'] },
    beauty: { en: ['Glow, with a wink.'], 'zh-CN': ['美，也可以很俏皮。'], 'zh-HK': ['美，也可以好俏皮。'] },
    home: {
      en: ['Home, but happier.', 'Your desk just got cheerful.'],
      'zh-CN': ['家，变得更可爱。', '小角落，大心情。'],
      'zh-HK': ['家，變得更可愛。', '小角落，大心情。'],
    },
    tech: { en: ['Clever, and fun with it.'], 'zh-CN': ['聪明，又好玩。'], 'zh-HK': ['聰明，又好玩。'] },
    food: { en: ['Happiness, by the mouthful.'], 'zh-CN': ['一口，就开心。'], 'zh-HK': ['一啖，就開心。'] },
    fashion: { en: ['Wear your good mood.'], 'zh-CN': ['把好心情穿上身。'], 'zh-HK': ['將好心情穿上身。'] },
    kids: { en: ['Giggles guaranteed.'], 'zh-CN': ['笑声，保证有。'], 'zh-HK': ['笑聲，保證有。'] },
    pets: { en: ['Tail wags guaranteed.'], 'zh-CN': ['尾巴摇不停。'], 'zh-HK': ['尾巴搖不停。'] },
  },
  energetic: {
    any: {
      en: ['Ready when you are.', 'Built to keep up.'],
      'zh-CN': ['随时，准备出发。', '跟得上你的节奏。'],
      'zh-HK': ['隨時，準備出發。', '跟得上你的節奏。'],
    },
    sports: {
      en: ['Go harder.', 'Built for full speed.'],
      'zh-CN': ['全速出发。', '就现在，燃起来。'],
      'zh-HK': ['全速出發。', '就是現在，燃點熱情。'],
    },
    beauty: { en: ['Fresh face, full speed.'], 'zh-CN': ['元气满满，一整天。'], 'zh-HK': ['元氣滿滿，一整天。'] },
    home: {
      en: ['Your space, switched on.', 'Made for days that run late.'],
      'zh-CN': ['你的空间，全面开启。', '陪你拼到深夜。'],
      'zh-HK': ['你的空間，全面啟動。', '陪你拼到深夜。'],
    },
    tech: { en: ['Power that keeps up.'], 'zh-CN': ['性能全开，随叫随到。'], 'zh-HK': ['性能全開，隨時候命。'] },
    food: { en: ['Fuel for the day.'], 'zh-CN': ['满满能量，随时补给。'], 'zh-HK': ['滿滿能量，即時補給。'] },
    fashion: { en: ['Made to move.'], 'zh-CN': ['为行动而生。'], 'zh-HK': ['為行動而設。'] },
    kids: { en: ['Endless energy, met.'], 'zh-CN': ['精力无限，玩个痛快。'], 'zh-HK': ['精力無限，玩個痛快。'] },
    pets: { en: ['Ready for every zoomie.'], 'zh-CN': ['陪它疯跑，一点不累。'], 'zh-HK': ['陪牠瘋跑，一點不累。'] },
  },
  minimal: {
    any: {
      en: ['Nothing extra.', 'Less, but better.', 'Simply right.'],
      'zh-CN': ['少即是多。', '删繁就简，恰到好处。', '简单，刚刚好。'],
      'zh-HK': ['少即是多。', '刪繁就簡，恰到好處。', '簡單，剛剛好。'],
    },
    sports: { en: ['Just you and the move.'], 'zh-CN': ['只剩你和运动本身。'], 'zh-HK': ['只剩你和運動本身。'] },
    beauty: { en: ['Fewer steps. Better skin.'], 'zh-CN': ['更少步骤，更好肌肤。'], 'zh-HK': ['更少步驟，更好肌膚。'] },
    home: { en: ['Calm space, clear mind.'], 'zh-CN': ['空间清爽，心也清静。'], 'zh-HK': ['空間清爽，心也清靜。'] },
    tech: { en: ['Does more. Shows less.'], 'zh-CN': ['功能更多，外表更简。'], 'zh-HK': ['功能更多，外表更簡。'] },
    food: { en: ['Only what matters.'], 'zh-CN': ['只留好味道。'], 'zh-HK': ['只留好味道。'] },
    fashion: { en: ['Wear less. Say more.'], 'zh-CN': ['穿得简单，更有态度。'], 'zh-HK': ['穿得簡單，更有態度。'] },
    kids: {
      en: ['Simple play, big imagination.'],
      'zh-CN': ['简单的玩，无限的想象。'],
      'zh-HK': ['簡單的玩，無限的想像。'],
    },
    pets: { en: ['Simple care, happy pets.'], 'zh-CN': ['照顾简单，毛孩开心。'], 'zh-HK': ['照顧簡單，毛孩開心。'] },
  },
  warm: {
    any: {
      en: ['Made for the moments that matter.', 'A little warmth, every day.'],
      'zh-CN': ['为重要的时刻而生。', '每一天，多一分温暖。'],
      'zh-HK': ['為重要的時刻而設。', '每一天，多一分溫暖。'],
    },
    sports: { en: ['Every step, together.'], 'zh-CN': ['每一步，都有人陪。'], 'zh-HK': ['每一步，都有人陪。'] },
    beauty: { en: ['Kindness for your skin.'], 'zh-CN': ['对肌肤，温柔一点。'], 'zh-HK': ['對肌膚，溫柔一點。'] },
    home: {
      en: ['Feels like home.', 'Your corner of calm.'],
      'zh-CN': ['家的感觉，刚刚好。', '属于你的安心角落。'],
      'zh-HK': ['家的感覺，剛剛好。', '屬於你的安心角落。'],
    },
    tech: {
      en: ['Closer to the people you love.'],
      'zh-CN': ['离在乎的人，更近一点。'],
      'zh-HK': ['離在乎的人，更近一點。'],
    },
    food: { en: ['Shared, and better for it.'], 'zh-CN': ['分享，让味道更好。'], 'zh-HK': ['分享，令味道更好。'] },
    fashion: { en: ['Comfort you can feel.'], 'zh-CN': ['穿上身的安心。'], 'zh-HK': ['穿上身的安心。'] },
    kids: { en: ['Little hands, big smiles.'], 'zh-CN': ['小小的手，大大的笑。'], 'zh-HK': ['小小的手，大大的笑。'] },
    pets: { en: ['For your best friend.'], 'zh-CN': ['给最好的朋友。'], 'zh-HK': ['給最好的朋友。'] },
  },
}

/** The lines a tone offers a product of this category: its own first, when it has some. */
export function linesFor(tone: Tone, category: Category, language: Language): readonly string[] {
  const bank = toneLines[tone]
  return bank[category]?.[language] ?? bank.any[language]
}

/** A question that opens the film when the hook is a question: about the product's kind of problem. */
export const questionHooks: Readonly<Record<Category, Lines>> = {
  sports: { en: ['Ready for a personal best?'], 'zh-CN': ['准备好刷新纪录了吗？'], 'zh-HK': ['準備好刷新紀錄未？'] },
  beauty: { en: ['Skin looking tired?'], 'zh-CN': ['肌肤总显得疲惫？'], 'zh-HK': ['肌膚總是顯得疲倦？'] },
  home: {
    en: ['Is your space working for you?', 'Ready for a better corner of home?'],
    'zh-CN': ['你的空间，真的好用吗？', '还在将就用旧的？'],
    'zh-HK': ['你的空間，真的好用嗎？', '還在將就用舊的？'],
  },
  tech: { en: ['Still settling for “good enough”?'], 'zh-CN': ['还在将就用？'], 'zh-HK': ['還在將就用？'] },
  food: { en: ['Craving something better?'], 'zh-CN': ['想吃点更好的？'], 'zh-HK': ['想試試更好的味道？'] },
  fashion: { en: ['Nothing to wear, again?'], 'zh-CN': ['又不知道穿什么？'], 'zh-HK': ['又不知穿甚麼？'] },
  kids: {
    en: ['Need a hand with the little ones?'],
    'zh-CN': ['带娃需要帮手吗？'],
    'zh-HK': ['湊仔湊女，需要幫手嗎？'],
  },
  pets: {
    en: ['Does your pet deserve better?'],
    'zh-CN': ['你家毛孩，值得更好的？'],
    'zh-HK': ['你的毛孩，值得更好？'],
  },
  other: { en: ['Looking for something better?'], 'zh-CN': ['想要更好的选择？'], 'zh-HK': ['想要更好的選擇？'] },
}
