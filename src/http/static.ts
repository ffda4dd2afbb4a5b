import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Hono } from 'hono'
import { projectPath } from '../paths.js'

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

type Asset = { body: Uint8Array<ArrayBuffer>; type: string; etag: string }

/**
 * Serves the few files in static/ plus htmx from its npm package (never a CDN), loaded once
 * into memory at start-up. A fixed table means no path from a URL ever reaches the filesystem.
 */
export function staticRoutes(): Hono {
  const assets = new Map<string, Asset>()
  const add = (name: string, file: string) => {
    const body = new Uint8Array(fs.readFileSync(file))
    const type = TYPES[path.extname(name)] ?? 'application/octet-stream'
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`
    assets.set(name, { body, type, etag })
  }
  const dir = projectPath('static')
  for (const name of fs.readdirSync(dir)) add(name, path.join(dir, name))
  add('htmx.min.js', projectPath('node_modules/htmx.org/dist/htmx.min.js'))

  const routes = new Hono()
  routes.get('/:name', (c) => {
    const asset = assets.get(c.req.param('name'))
    if (!asset) return c.notFound()
    const headers = {
      'Content-Type': asset.type,
      ETag: asset.etag,
      'Cache-Control': 'public, max-age=3600, must-revalidate',
    }
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304, headers)
    return c.body(asset.body, 200, headers)
  })
  return routes
}
