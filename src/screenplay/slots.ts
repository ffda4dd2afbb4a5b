export type SlotValues = Readonly<Record<string, string>>

function capitalise(text: string): string {
  const first = text.charAt(0)
  return first.toUpperCase() + text.slice(1)
}

/**
 * Fills {slot} patterns in one pass, so user text that happens to contain "{cta}" is never
 * filled again. {Slot} with a capital letter capitalises the value for a sentence start.
 */
export function fillSlots(pattern: string, values: SlotValues): string {
  return pattern.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_whole, name: string) => {
    const key = name.charAt(0).toLowerCase() + name.slice(1)
    const value = values[key]
    if (value === undefined) throw new Error(`Template slot {${name}} has no value`)
    return name.charAt(0) === key.charAt(0) ? value : capitalise(value)
  })
}
