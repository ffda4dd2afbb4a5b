import { briefIssueSaid } from '../briefs/forms.js'
import { type Detail, detail, type ProblemFieldError } from '../http/problem.js'
import { isMessageKey } from '../i18n/translate.js'
import { briefSchema } from '../screenplay/brief.js'

/** A zod issue as the API meets it (zod 4's issue shapes, only the members read here). */
type Issue = {
  path: readonly PropertyKey[]
  message: string
  code: string
  expected?: unknown
  origin?: unknown
  maximum?: unknown
  minimum?: unknown
  format?: unknown
  values?: readonly unknown[]
  keys?: readonly string[]
  /** A rule with words of its own (a platform preset's: presetBriefSchema) names their key here. */
  params?: Record<string, unknown>
}

const briefFields = new Set(Object.keys(briefSchema.shape))

/**
 * An issue's message in the request's language. The brief's fields say it in the brief form's
 * words (by field and rule, src/briefs/forms.ts); a schema whose message is a key says that key;
 * anything else is said by zod's rule. English keeps the issue's own words (`english`), exactly
 * what the API answered before it spoke other languages.
 */
export function issueDetail(issue: Issue): Detail {
  const english = issue.message
  if (isMessageKey(english)) return detail(english)
  // A preset's reason is said from the catalog in every language, English included.
  const own = issue.params?.key
  if (typeof own === 'string' && isMessageKey(own))
    return detail(own, issue.params?.values as Record<string, string> | undefined)
  const brief = briefFields.has(String(issue.path[0])) ? briefIssueSaid(issue) : null
  if (brief) return { ...brief, english }
  return { ...byRule(issue), english }
}

function byRule(issue: Issue): Detail {
  const origin = String(issue.origin ?? 'other')
  switch (issue.code) {
    case 'invalid_type':
      // zod 4 keeps no input on the issue; its message says when nothing was sent.
      return /received undefined$/.test(issue.message)
        ? detail('api.field.required')
        : detail('api.field.type', { expected: String(issue.expected) })
    case 'too_big':
      return detail('api.field.tooBig', { origin, maximum: String(issue.maximum) })
    case 'too_small':
      return detail('api.field.tooSmall', { origin, minimum: String(issue.minimum) })
    case 'invalid_format':
      return detail('api.field.format', { format: String(issue.format) })
    case 'invalid_value':
      return detail('api.field.choice', { values: (issue.values ?? []).map((v) => JSON.stringify(v)).join(', ') })
    case 'unrecognized_keys':
      return detail('api.field.unknownKeys', { keys: (issue.keys ?? []).join(', ') })
    default:
      return detail('api.field.invalid')
  }
}

/** zod issues as the problem's `errors`, each with a field path like `sellingPoints.0`, said in the request's language. */
export function fieldErrors(error: { issues: readonly Issue[] }): ProblemFieldError[] {
  return error.issues.map(
    (issue): ProblemFieldError => ({ field: issue.path.map(String).join('.') || 'body', message: issueDetail(issue) }),
  )
}
