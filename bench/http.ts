// Pages against a bare Hono handler, measured in one run so the ratios hold on a busy machine.
// The app is the production build (`node dist/src/main.js`, built here when a source is newer),
// logging at info to a file as in production, for a person whose library holds 100 videos.
// Run: npx tsx bench/http.ts   (also part of `npm run bench`; BENCH_SECONDS per page, default 10)
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { seedLibrary } from './_seed.js'

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 50
/** Requests a second in the steady streams of the while-stitching check. */
const STREAM_RATE = 200
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-bench-http-'))

/** Builds dist/ when it is missing or older than any source (tsc directly: never an npm install). */
function ensureBuild(): void {
  const built = path.join(root, 'dist/src/main.js')
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name)
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
    }, 0)
  if (Math.max(...['src', 'views', 'db'].map((d) => newest(path.join(root, d)))) <= builtAt) return
  console.log('building dist/ (tsc -p tsconfig.build.json)…')
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitUntilUp(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(url)
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error(`${url} did not come up`)
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(match?.[1] ?? 0) / 1024
}

type Row = { rps: number; p99: number; max: number; requests: number; non2xx: number; errors: number }

async function measure(url: string, headers: Record<string, string> = {}, seconds = DURATION_S): Promise<Row> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers })
  return {
    rps: Math.round(r.requests.average),
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  }
}

ensureBuild()
const { cookie } = seedLibrary(path.join(dataDir, 'lumina.db'), 100)

// The bare handler, in a process of its own like the app.
const barePort = await freePort()
const bare = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { serve } from '@hono/node-server'
     import { Hono } from 'hono'
     const app = new Hono()
     app.get('/', (c) => c.html('<h1>Hello</h1>'))
     serve({ fetch: app.fetch, port: ${barePort}, hostname: '127.0.0.1' })`,
  ],
  { cwd: root, stdio: 'ignore' },
)

const appPort = await freePort()
const logFile = path.join(dataDir, 'server.log')
const logFd = fs.openSync(logFile, 'w')
const server = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
  cwd: root,
  env: {
    PATH: process.env.PATH,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(appPort),
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    LIBTV_SIMULATE: '1',
    // Production needs somewhere to send mail; nothing is mailed during the bench.
    SMTP_URL: 'smtp://127.0.0.1:2525',
  },
  stdio: ['ignore', logFd, logFd],
})
const appUrl = `http://127.0.0.1:${appPort}`
const bareUrl = `http://127.0.0.1:${barePort}/`
const rows: Record<string, Row> = {}
let exitCode = 0
try {
  await Promise.all([waitUntilUp(bareUrl), waitUntilUp(`${appUrl}/healthz`)])
  const signedIn = { cookie }
  // Warm both up (JIT, the page caches, SQLite's page cache) before anything is counted.
  await measure(`${appUrl}/videos`, signedIn, 2)
  await measure(bareUrl, {}, 2)

  rows['bare hono (before)'] = await measure(bareUrl)
  rows['landing /'] = await measure(`${appUrl}/`)
  rows['privacy /privacy'] = await measure(`${appUrl}/privacy`)
  rows['terms /terms'] = await measure(`${appUrl}/terms`)
  rows['library /videos (100)'] = await measure(`${appUrl}/videos`, signedIn)
  rows['account /account'] = await measure(`${appUrl}/account`, signedIn)
  rows['briefs /briefs'] = await measure(`${appUrl}/briefs`, signedIn)
  const peakRss = rssMiB(server.pid ?? 0, 'VmHWM')
  rows['bare hono (after)'] = await measure(bareUrl)

  const base = ((rows['bare hono (before)']?.rps ?? 0) + (rows['bare hono (after)']?.rps ?? 0)) / 2
  console.log(
    `${CONNECTIONS} connections, ${DURATION_S} s a page, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ` +
      `load average ${os.loadavg()[0]?.toFixed(1)} at the end; ratios against the mean of the two bare runs`,
  )
  for (const [name, r] of Object.entries(rows)) {
    const bad = r.non2xx + r.errors > 0 ? `  !! ${r.non2xx} non-2xx, ${r.errors} errors` : ''
    if (bad) exitCode = 1
    console.log(
      `${name.padEnd(24)} ${String(r.rps).padStart(6)} req/s  p99 ${String(r.p99).padStart(4)} ms  ` +
        `${(r.rps / base).toFixed(3)}× bare${bad}`,
    )
  }
  console.log(`server peak RSS under this load: ${peakRss.toFixed(0)} MiB`)

  // The same stream without stitches first: on a shared machine, what the others' load alone does.
  const quietUntil = performance.now() + 10_000
  const quiet = await steadyStream(`${appUrl}/videos`, signedIn, () => performance.now() < quietUntil)
  console.log(
    `without stitches (10 s): ${quiet.requests} requests to /videos at ${quiet.rate} req/s, p99 ${quiet.p99} ms, ` +
      `slowest ${quiet.max} ms, ${quiet.over100} over 100 ms`,
  )
  const whileStitching = await responsivenessWhileStitching(`${appUrl}/videos`, signedIn)
  console.log(
    `while 3 renders stitch (${whileStitching.stitchSeconds.toFixed(1)} s): ${whileStitching.requests} requests to /videos ` +
      `at ${whileStitching.rate} req/s, p99 ${whileStitching.p99} ms, slowest ${whileStitching.max} ms, ` +
      `${whileStitching.over100} over 100 ms`,
  )
  if (whileStitching.over100 > 0) exitCode = 1

  await stopped(server)
  // One log line per request, all of them written by the time the process has exited.
  const lines = fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"msg":"request"')).length
  const appRequests =
    Object.entries(rows)
      .filter(([name]) => !name.startsWith('bare'))
      .reduce((n, [, r]) => n + r.requests, 0) +
    quiet.requests +
    whileStitching.requests
  console.log(
    `request log: ${lines} lines for at least ${appRequests} measured requests (warm-up and probes add a few)`,
  )
  if (lines < appRequests) exitCode = 1
  console.log(
    JSON.stringify({
      bench: 'http',
      durationSeconds: DURATION_S,
      connections: CONNECTIONS,
      bareRps: base,
      peakRssMiB: Math.round(peakRss),
      results: rows,
      quiet,
      whileStitching,
    }),
  )
} finally {
  await Promise.all([stopped(server), stopped(bare)])
  fs.closeSync(logFd)
  fs.rmSync(dataDir, { recursive: true, force: true })
}
process.exit(exitCode)

/**
 * Three 30-second 720×1280 stitches (ffmpeg at its usual lower priority) while a steady stream
 * of library requests comes in: no page may wait more than 100 ms behind them. A steady rate,
 * not a flood: at full load every request queues behind the others whatever ffmpeg does.
 */
async function responsivenessWhileStitching(url: string, headers: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-bench-busy-'))
  try {
    // Six 5-second clips named as bench/_busy-stitches.ts reads them.
    for (let i = 0; i < 6; i++) {
      const testCard = ['-f', 'lavfi', '-i', 'testsrc2=s=720x1280:r=24:d=5']
      const encode = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path.join(dir, `clip-${i}.mp4`)]
      execFileSync('ffmpeg', ['-v', 'error', '-y', ...testCard, ...encode])
    }
    // Every client's connection open before the stitches start: a first request pays for it.
    await steadyStream(url, headers, () => false, 1)
    // The stitches in a process of their own, as the render worker's are away from the server's
    // thread: in this one their start-up would delay the measuring client, not the server.
    const started = performance.now()
    let stitching = true
    const stitches = new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/_busy-stitches.ts'), dir], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
      })
      child.on('error', reject)
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the stitches exited with ${code}`))))
    }).finally(() => {
      stitching = false
    })
    const stream = await steadyStream(url, headers, () => stitching)
    await stitches
    return { ...stream, stitchSeconds: (performance.now() - started) / 1000 }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * 10 clients, each asking every 50 ms (200 requests a second) while `going()` (and at least
 * `atLeast` times), timed one by one. The clients keep their connections between calls.
 */
async function steadyStream(url: string, headers: Record<string, string>, going: () => boolean, atLeast = 0) {
  const latencies: number[] = []
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let i = 0; i < atLeast || going(); i++) {
        const t0 = performance.now()
        const res = await fetch(url, { headers })
        await res.arrayBuffer()
        const ms = performance.now() - t0
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
        latencies.push(ms)
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 / (STREAM_RATE / 10) - ms)))
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  const requests = latencies.length
  return {
    rate: STREAM_RATE,
    requests,
    p99: Math.round(latencies[Math.floor(requests * 0.99)] ?? 0),
    max: Math.round(latencies.at(-1) ?? 0),
    over100: latencies.filter((ms) => ms > 100).length,
  }
}
