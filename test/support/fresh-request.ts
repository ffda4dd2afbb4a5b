import http from 'node:http'

export type FreshAnswer = {
  status: number
  contentType: string | undefined
  headers: http.IncomingHttpHeaders
  body: string
}

/**
 * A request on a connection of its own: a server answers a too-large body without reading it and
 * then closes the connection, which would break the next request on a shared keep-alive one.
 */
export function requestOnFreshConnection(
  url: string,
  init: { method: string; headers: Record<string, string>; body: string | Uint8Array },
): Promise<FreshAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: init.method,
      agent: false,
      headers: { ...init.headers, 'content-length': Buffer.byteLength(init.body) },
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
    // The server may stop reading once it has answered; the answer is what counts.
    req.on('error', (err) => (req.writableEnded ? undefined : reject(err)))
    req.end(init.body)
  })
}
