import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'

const KB = 1024
const MB = 1024 * KB

/** The photo rule, in the words every page and the API use. */
export const PHOTO_TOO_LARGE = 'What you sent is larger than we accept. Photos can be at most 15 MB.'

// Each route that reads a body puts one of these in front of its validator, so the limit is
// where the route is. The app adds the largest one to every request with a body as a net.
export const bodyLimits = {
  // A screenplay of 8 shots with 2000-character Chinese prompts (9 bytes a character once
  // form-encoded), far below anything that could hurt.
  form: { maxSize: 256 * KB, message: 'What you sent is larger than we accept.' },
  // Photos may be 15 MB; a little more lets an oversized photo get a friendly form message.
  upload: { maxSize: 20 * MB, message: PHOTO_TOO_LARGE },
  api: { maxSize: 1 * MB, message: 'The request body is larger than 1 MB.' },
} as const

function limit({ maxSize, message }: { maxSize: number; message: string }): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new HTTPException(413, { message })
    },
  })
}

export const formBody = limit(bodyLimits.form)
export const uploadBody = limit(bodyLimits.upload)
export const apiBody = limit(bodyLimits.api)

// Well above the largest route limit, so a route's own limit (and its own message) answers first.
const net = limit({ maxSize: 2 * bodyLimits.upload.maxSize, message: bodyLimits.form.message })

/** The net under every route: no request body much larger than the largest route limit is ever read. */
export const anyBody: MiddlewareHandler = (c, next) =>
  c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : net(c, next)
