// Pages vs. a bare Hono handler, measured in one run so the ratio holds on a noisy machine.
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { type ServerType, serve } from '@hono/node-server'
import autocannon from 'autocannon'
import { Hono } from 'hono'
import pino from 'pino'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { migrateDatabase, openDatabase } from '../src/db.js'
import { createDeps } from '../src/deps.js'

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5)

function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<{ url: string; server: ServerType }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => {
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })
    })
  })
}

async function measure(url: string, headers: Record<string, string> = {}): Promise<{ rps: number; p99: number }> {
  const result = await autocannon({ url, connections: 20, duration: DURATION_S, headers })
  return { rps: Math.round(result.requests.average), p99: result.latency.p99 }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-bench-'))
const config = loadConfig({
  DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'silent',
  NODE_ENV: 'production',
  LIBTV_SIMULATE: '1',
})
const db = openDatabase(config.databasePath)
migrateDatabase(db)
const runtime = {
  urlSigningSecret: 'bench-secret-bench-secret-bench-secret',
  libtvBaseUrl: config.libtv.baseUrl,
  simulatedRenders: true,
  nudgeRenderer: () => {},
}
const app = createApp(createDeps(db, config, pino({ level: 'silent' }), runtime))
const ours = await listen(app.fetch)

// A signed-in session for the account page: sign up through the real form.
const signup = await fetch(`${ours.url}/signup`, {
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ours.url },
  body: 'email=bench%40example.com&password=benchmark+passphrase&ageConfirmed=yes',
})
const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!

const bare = new Hono()
bare.get('/', (c) => c.html('<!DOCTYPE html><html><body><h1>Hello</h1></body></html>'))
const baseline = await listen(bare.fetch)

const rows: Record<string, { rps: number; p99: number }> = {}
rows['bare hono handler'] = await measure(`${baseline.url}/`)
rows['landing page'] = await measure(`${ours.url}/`)
rows['account page (signed in)'] = await measure(`${ours.url}/account`, { cookie })
rows['/healthz'] = await measure(`${ours.url}/healthz`)

const base = rows['bare hono handler']!.rps
for (const [name, r] of Object.entries(rows)) {
  console.log(
    `${name.padEnd(26)} ${String(r.rps).padStart(7)} req/s  p99 ${String(r.p99).padStart(4)} ms  ${(r.rps / base).toFixed(2)}× bare`,
  )
}
console.log(JSON.stringify({ bench: 'http', durationSeconds: DURATION_S, results: rows }))

ours.server.close()
baseline.server.close()
db.$client.close()
fs.rmSync(dataDir, { recursive: true, force: true })
process.exit(0)
