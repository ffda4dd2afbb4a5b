import { type ChildProcess, execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { followMailedLink, linkFromDevMail } from '../support/accounts.js'
import { BrowserClient } from '../support/browser-client.js'
import { FFPROBE, productPhoto } from '../support/render.js'

// The README's API quick start, run word for word with curl against a live server started the way
// `make run` starts it (the same entry point, its built-in defaults: the LibTV simulator included).

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

let server: ChildProcess
let baseUrl: string
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-quickstart-'))
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-quickstart-cwd-'))

beforeAll(async () => {
  const [port, simPort] = [await freePort(), await freePort()]
  baseUrl = `http://127.0.0.1:${port}`
  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      LIBTV_SIM_PORT: String(simPort),
      DATA_DIR: dataDir,
      BASE_URL: baseUrl,
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const deadline = Date.now() + 60_000
  for (;;) {
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('the server did not start')
    await new Promise((r) => setTimeout(r, 200))
  }
}, 90_000)

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(workDir, { recursive: true, force: true })
})

describe('the README’s API quick start', () => {
  it('makes a video from a photo with the two commands, as written', async () => {
    const client = new BrowserClient(baseUrl)
    const email = `quickstart-${Date.now()}@example.com`
    const signup = await client.postForm('/signup', {
      email,
      password: 'correct horse battery staple',
      ageConfirmed: 'yes',
    })
    expect(signup.status).toBe(200)
    // No SMTP_URL: the confirmation mail waits at /dev/mail, as on `make run`.
    expect(
      (
        await followMailedLink(client, await linkFromDevMail(client, email), {
          password: 'correct horse battery staple',
        })
      ).status,
    ).toBe(303)
    const key = /value="(lum_[A-Za-z0-9_-]{43})"/.exec(await (await client.get('/account')).text())?.[1]
    expect(key).toBeDefined()

    const readme = fs.readFileSync('README.md', 'utf8')
    const brief = /```json\n([\s\S]*?)\n```/.exec(readme.slice(readme.indexOf('## API')))?.[1]
    const commands = /<!-- quickstart:commands -->\n```sh\n([\s\S]*?)\n```/.exec(readme)?.[1]
    expect(brief && commands).toBeTruthy()
    fs.writeFileSync(path.join(workDir, 'brief.json'), brief!)
    fs.writeFileSync(path.join(workDir, 'product.jpg'), await productPhoto())

    const run = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', commands!], {
      cwd: workDir,
      env: { ...process.env, LUMINA_URL: baseUrl, LUMINA_KEY: key! },
      timeout: 150_000,
    })
    expect(run.stderr).toBe('')
    const video = path.join(workDir, 'video.mp4')
    expect(fs.statSync(video).size).toBeGreaterThan(10_000)
    const probe = await promisify(execFile)(FFPROBE, [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name,width,height',
      '-of',
      'json',
      video,
    ])
    const streams = JSON.parse(probe.stdout).streams as { codec_name: string; width?: number; height?: number }[]
    expect(streams.find((s) => s.width)).toMatchObject({ codec_name: 'h264', width: 720, height: 1280 })
  }, 180_000)
})
