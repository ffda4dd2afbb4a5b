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
  },
}

export const toneOptions: ReadonlyArray<{ value: Tone; label: string; hint: string }> = toneIds.map((id) => ({
  value: id,
  label: tones[id].label,
  hint: tones[id].hint,
}))
