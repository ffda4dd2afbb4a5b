import { zValidator } from '@hono/zod-validator'
import { z } from 'zod'

/**
 * The `:id` of a URL, a UUID. Anything else gets the same 404 as an id that belongs to someone
 * else or does not exist, so an id never leaks whether it exists.
 */
export const uuidParam = zValidator('param', z.object({ id: z.uuid() }), (result, c) => {
  if (!result.success) return c.notFound()
})

/** Query or param validation whose failure is a plain 404 (a mistyped or tampered URL). */
export function notFoundUnless<T extends z.ZodType>(target: 'query' | 'param', schema: T) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) return c.notFound()
  })
}

/** ?page=N of a paged list (the library, the briefs): 1 when absent; anything but 1–10000 is a 404. */
export const pageQuery = notFoundUnless(
  'query',
  z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }),
)
