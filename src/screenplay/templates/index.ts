import type { ScreenplayTemplate } from '../template.js'
import { beforeAfter } from './before-after.js'
import { featureTour } from './feature-tour.js'
import { heroReveal } from './hero-reveal.js'
import { lifestyle } from './lifestyle.js'
import { unboxing } from './unboxing.js'

// The registry: adding a template is one file in this folder and one line here.
const registry = [heroReveal, featureTour, lifestyle, unboxing, beforeAfter] as const

export type TemplateId = (typeof registry)[number]['id']

export const templateIds = registry.map((template) => template.id) as unknown as readonly [TemplateId, ...TemplateId[]]

export const templateOptions: ReadonlyArray<{ value: TemplateId; label: string; summary: string }> = registry.map(
  (template) => ({ value: template.id, label: template.label, summary: template.summary }),
)

const byId = new Map<string, ScreenplayTemplate & { id: TemplateId }>(
  registry.map((template) => [template.id, template]),
)

export function templateById(id: string): (ScreenplayTemplate & { id: TemplateId }) | undefined {
  return byId.get(id)
}
