// Video models do not read hex codes; a brand colour reaches the prompt as words ("deep teal").

const hueNames: ReadonlyArray<readonly [number, string]> = [
  [15, 'red'],
  [40, 'orange'],
  [55, 'amber'],
  [70, 'yellow'],
  [90, 'lime'],
  [150, 'green'],
  [185, 'teal'],
  [195, 'cyan'],
  [215, 'sky blue'],
  [250, 'blue'],
  [275, 'indigo'],
  [295, 'violet'],
  [320, 'magenta'],
  [345, 'pink'],
  [360, 'red'],
]

export function describeColour(hex: string | undefined): string | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? '')
  if (!match) return undefined
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => parseInt(part ?? '0', 16) / 255) as [
    number,
    number,
    number,
  ]
  const max = Math.max(r, g, b)
  const min = Math.min(r, g, b)
  const lightness = (max + min) / 2
  const chroma = max - min
  const saturation = chroma === 0 ? 0 : chroma / (1 - Math.abs(2 * lightness - 1))

  if (saturation < 0.12 || chroma < 0.06) {
    if (lightness < 0.12) return 'black'
    if (lightness < 0.3) return 'charcoal'
    if (lightness < 0.7) return 'grey'
    if (lightness < 0.92) return 'pale grey'
    return 'white'
  }

  let hue = 0
  if (max === r) hue = ((g - b) / chroma) % 6
  else if (max === g) hue = (b - r) / chroma + 2
  else hue = (r - g) / chroma + 4
  hue = (hue * 60 + 360) % 360

  let name = hueNames.find(([limit]) => hue < limit)?.[1] ?? 'red'
  // Dark oranges and ambers are what people call brown.
  if ((name === 'orange' || name === 'amber') && lightness < 0.4) name = 'brown'
  // And light reds are pink.
  if (name === 'red' && lightness > 0.7) name = 'pink'

  if (lightness < 0.25) return `deep ${name}`
  if (lightness < 0.42) return `rich ${name}`
  if (lightness > 0.85) return `pale ${name}`
  if (lightness > 0.7) return `soft ${name}`
  return saturation > 0.7 ? `vivid ${name}` : name
}
