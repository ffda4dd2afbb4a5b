// The privacy policy's promises, proven on a real server after a scripted full journey: sign up
// and confirm, brief, upload, render, rotate the key, change the password, reset it, change the
// email, export; then delete, and restore the snapshot taken before the deletion.
// The server runs as a child process with its own DATA_DIR (so its logs and files are all there
// is to inspect), mails go to a real SMTP server on loopback, renders to the LibTV simulator,
// which records every request it receives.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIBTV_DEV_ACCESS_KEY, LIBTV_DEV_SECRET_KEY } from '../../src/libtv/config.js'
import { type LibtvSimulator, startLibtvSimulator } from '../../src/libtv/simulator/index.js'
import { createBrief, editorFields, postFields, readEditor } from '../briefs/helpers.js'
import {
  type AppProcess,
  cleanupTempDirs,
  dumpTables,
  runBackupInProcess,
  startAppProcess,
  stopAppProcesses,
  tempDataDir,
} from '../ops/helpers.js'
import { GOOD_PASSWORD } from '../support/accounts.js'
import { BrowserClient } from '../support/browser-client.js'
import * as img from '../support/images.js'
import { simulatorOptions, waitFor } from '../support/render.js'
import { linkIn, startSmtpServer, type TestSmtpServer } from '../support/smtp.js'

// What the person is, and what must never be stored, logged or sent where it does not belong.
const CLIENT_ADDRESS = '203.0.113.77'
const USER_AGENT = 'PromiseProbe/1.0 (fingerprint-4f8a2c)'
const FIRST_EMAIL = 'promise.keeper@example.com'
const NEW_EMAIL = 'promise.moved@example.com'
const PASSWORDS = [GOOD_PASSWORD, 'a changed passphrase here', 'the reset passphrase now']

let smtp: TestSmtpServer
let sim: LibtvSimulator
let app: AppProcess
let dataDir: string
const secrets: string[] = [...PASSWORDS]
const cookieHeaders: string[][] = []

/** A browser that records every response's Set-Cookie, and the session tokens it was given. */
class RecordingClient extends BrowserClient {
  override async send(p: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response> {
    const res = await super.send(p, init)
    const set = res.headers.getSetCookie()
    cookieHeaders.push(set)
    for (const line of set) {
      const token = /^lum_api_key=([^;]+)/.exec(line)?.[1]
      if (token) secrets.push(token)
    }
    return res
  }
}

function browser(base: string): RecordingClient {
  return new RecordingClient(base, base, { 'x-forwarded-for': CLIENT_ADDRESS, 'user-agent': USER_AGENT })
}

/** Opens a mailed link's page and presses its button; keeps the token as a secret. */
async function click(client: BrowserClient, link: string, fields: Record<string, string> = {}): Promise<Response> {
  const url = new URL(link)
  const token = url.searchParams.get('token')!
  secrets.push(token)
  expect((await client.get(url.pathname + url.search)).status).toBe(200)
  return client.postForm(url.pathname, { token, ...fields })
}

async function revealedKey(client: BrowserClient): Promise<string> {
  const key = /value="(lum_[A-Za-z0-9_-]{43})"/.exec(await (await client.get('/account')).text())?.[1]
  if (!key) throw new Error('no key revealed')
  secrets.push(key)
  return key
}

const database = () => path.join(dataDir, 'lumina.db')
let userId: string
let snapshotBeforeDeletion: string

beforeAll(async () => {
  smtp = await startSmtpServer()
  sim = await startLibtvSimulator(simulatorOptions())
  dataDir = tempDataDir()
  app = await startAppProcess({
    dataDir,
    env: {
      SMTP_URL: smtp.url,
      TRUST_PROXY: '1',
      LIBTV_BASE_URL: sim.baseUrl,
      LIBTV_ACCESS_KEY: LIBTV_DEV_ACCESS_KEY,
      LIBTV_SECRET_KEY: LIBTV_DEV_SECRET_KEY,
    },
  })
}, 60_000)

afterAll(async () => {
  await stopAppProcesses()
  await sim?.close()
  await smtp?.close()
  cleanupTempDirs()
})

describe('the privacy policy, kept', () => {
  let client: RecordingClient

  it('walks the whole journey', async () => {
    client = browser(app.url)
    // Sign up and confirm.
    expect(
      (await client.postForm('/signup', { email: FIRST_EMAIL, password: PASSWORDS[0]!, ageConfirmed: 'yes' })).status,
    ).toBe(200)
    expect(
      (
        await click(client, linkIn(await smtp.waitFor(FIRST_EMAIL, /Confirm your email/), '/confirm-email'), {
          password: PASSWORDS[0]!,
        })
      ).status,
    ).toBe(303)
    const firstKey = await revealedKey(client)

    // Brief, upload, screenplay, render, and the finished video.
    const photo = { bytes: await img.jpeg(640, 480), name: 'my-secret-launch.jpg', type: 'image/jpeg' }
    const brief = await createBrief(client, photo, { productName: 'Promise Kettle', lengthSeconds: '15' })
    userId = fs.readdirSync(path.join(dataDir, 'users'))[0]!
    const page = await (await client.get(`/briefs/${brief.id}/screenplay`)).text()
    const saved = await postFields(client, `/briefs/${brief.id}/screenplay`, editorFields(readEditor(page)))
    const savedPage = await (await client.get(saved.headers.get('location')!)).text()
    const screenplayId = /name="basedOn" value="([0-9a-f-]{36})"/.exec(savedPage)![1]!
    const render = await client.postForm('/videos', { screenplayId })
    expect(render.status).toBe(303)
    const videoPath = render.headers.get('location')!
    await waitFor(
      'the video to finish',
      async () => {
        const res = await fetch(`${app.url}/api/v1${videoPath}`, { headers: { authorization: `Bearer ${firstKey}` } })
        const body = (await res.json()) as { status: string }
        return body.status === 'succeeded' ? body : undefined
      },
      90_000,
    )

    // Rotate the key, change the password, reset it, change the email, export.
    expect((await client.postForm('/account/api-key', { confirm: 'yes' })).status).toBe(303)
    const secondKey = await revealedKey(client)
    expect((await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${firstKey}` } })).status).toBe(401)
    expect(
      (await client.postForm('/account/password', { currentPassword: PASSWORDS[0]!, newPassword: PASSWORDS[1]! }))
        .status,
    ).toBe(303)
    expect((await client.postForm('/password/forgot', { email: FIRST_EMAIL })).status).toBe(200)
    const reset = linkIn(await smtp.waitFor(FIRST_EMAIL, /Reset your password/), '/password/reset')
    secrets.push(new URL(reset).searchParams.get('token')!)
    const resetDone = await client.postForm('/password/reset', {
      token: new URL(reset).searchParams.get('token')!,
      password: PASSWORDS[2]!,
    })
    expect(resetDone.status).toBe(303)
    // A reset hands the account to the mailbox's owner: the key is replaced, shown once.
    const thirdKey = await revealedKey(client)
    expect((await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${secondKey}` } })).status).toBe(
      401,
    )
    expect((await client.postForm('/account/email', { newEmail: NEW_EMAIL, password: PASSWORDS[2]! })).status).toBe(303)
    expect(
      (await click(client, linkIn(await smtp.waitFor(NEW_EMAIL, /Confirm your new email/), '/email/change'))).status,
    ).toBe(303)
    const zip = await client.get('/account/export.zip')
    expect(zip.status).toBe(200)
    expect(
      Buffer.from(await zip.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
    expect((await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${thirdKey}` } })).status).toBe(200)
    // Every notice has gone out, so the outbox is empty again.
    await smtp.waitFor(FIRST_EMAIL, /Your email was changed/)
    await waitFor(
      'the outbox to empty',
      () => (dumpTables(database()).mail_outbox!.length === 0 ? true : undefined),
      15_000,
    )
  }, 180_000)

  it('1. the database holds what the policy lists: no address, agent or tracking id; no secret in clear', () => {
    const tables = dumpTables(database())
    expect(Object.keys(tables).sort()).toEqual(
      [
        '__drizzle_migrations',
        'api_keys',
        // The brand kit (issue 25): a logo's hash and size, colours, a font, a shop handle; inputs
        // for the videos like a brief's, nothing about the person.
        'brand_kits',
        'briefs',
        // A brief's photos in order with their roles (issue 24): ids and words, nothing personal.
        'brief_photos',
        'deletion_tombstones',
        'email_tokens',
        'idempotency_keys',
        'images',
        'mail_daily_counts',
        'mail_outbox',
        'policy_notice_recipients',
        'policy_notices',
        'render_jobs',
        'screenplays',
        // The editor's unsaved edits of a screenplay (issue 23): the same words, not yet a version.
        'screenplay_drafts',
        'sessions',
        // The person's own music (issue 25): a title, a length and a size, as uploaded inputs.
        'tracks',
        'usage_records',
        'users',
        'video_shots',
        'videos',
        'webhook_deliveries',
        'webhook_endpoints',
      ].sort(),
    )
    const everything = JSON.stringify(tables)
    expect(everything).toContain(NEW_EMAIL) // the scan reads real data
    expect(secrets.length).toBeGreaterThanOrEqual(10)
    for (const value of [
      CLIENT_ADDRESS,
      USER_AGENT,
      'PromiseProbe',
      'fingerprint-4f8a2c',
      'my-secret-launch',
      ...secrets,
    ]) {
      expect(everything, `found ${value.slice(0, 12)}…`).not.toContain(value)
    }
    expect(everything).not.toContain(FIRST_EMAIL) // the old address went with the change
  })

  it('2. LibTV receives the image and the prompt, nothing about the person', () => {
    const submits = sim.requests.filter((r) => r.path === '/api/generate/video/kling/img2video')
    expect(submits.length).toBeGreaterThanOrEqual(2)
    for (const r of submits) {
      const body = r.body as { generateParams: Record<string, unknown> }
      expect(Object.keys(body).sort()).toEqual(['generateParams', 'templateUuid'])
      expect(Object.keys(body.generateParams).sort()).toEqual(['duration', 'mode', 'model', 'prompt', 'startFrame'])
    }
    const sent = JSON.stringify(sim.requests)
    for (const value of [FIRST_EMAIL, NEW_EMAIL, userId, CLIENT_ADDRESS, USER_AGENT, 'my-secret-launch', ...secrets]) {
      expect(sent, `found ${value.slice(0, 12)}…`).not.toContain(value)
    }
    for (const r of sim.requests) {
      expect(r.headers.cookie).toBeUndefined()
      expect(r.headers.authorization).toBeUndefined()
    }
  })

  it('3. the logs of the journey hold no email, password, key or token', () => {
    const logs = app.output()
    expect(logs).toContain('"msg":"mail sent"') // the scan reads real logs
    for (const value of [FIRST_EMAIL, NEW_EMAIL, 'promise.keeper', CLIENT_ADDRESS, USER_AGENT, ...secrets]) {
      expect(logs, `found ${value.slice(0, 12)}…`).not.toContain(value)
    }
  })

  it('4. every response set at most one cookie, lum_api_key, HttpOnly', () => {
    expect(cookieHeaders.length).toBeGreaterThan(15) // every page response of the journey
    expect(cookieHeaders.some((set) => set.length === 1)).toBe(true)
    for (const set of cookieHeaders) {
      expect(set.length).toBeLessThanOrEqual(1)
      for (const line of set) {
        expect(line).toMatch(/^lum_api_key=/)
        expect(line).toMatch(/; HttpOnly/)
      }
    }
  })

  it('5. after deletion nothing of the person remains, and restoring an older snapshot does not bring them back', async () => {
    const before = await runBackupInProcess(['snapshot'], { DATA_DIR: dataDir })
    expect(before.status, before.stderr).toBe(0)
    snapshotBeforeDeletion = /(lumina-\d{8}T\d{6}Z)/.exec(before.stdout)![1]!
    expect(JSON.stringify(fs.readdirSync(path.join(dataDir, 'backups', snapshotBeforeDeletion, 'users')))).toContain(
      userId,
    )

    const deleted = await client.postForm('/account/delete', { password: PASSWORDS[2]! })
    expect(deleted.status).toBe(303)
    await smtp.waitFor(NEW_EMAIL, /Your account was deleted/)
    await waitFor(
      'the last mail to leave the outbox',
      () => (dumpTables(database()).mail_outbox!.length === 0 ? true : undefined),
      15_000,
    )

    const afterDeletion = () => {
      const { deletion_tombstones: tombstones, ...tables } = dumpTables(database())
      const everything = JSON.stringify(tables)
      expect(everything).not.toContain(userId)
      expect(everything).not.toContain(NEW_EMAIL)
      expect(everything).not.toContain(FIRST_EMAIL)
      // The tombstone: the id and the time, nothing personal.
      expect(tombstones!.map((t) => Object.keys(JSON.parse(t as string)).sort())).toEqual([['deleted_at', 'user_id']])
      expect(fs.existsSync(path.join(dataDir, 'users', userId))).toBe(false)
    }
    afterDeletion()

    // The disk is restored from the snapshot taken before the deletion, and the app started on it.
    await app.stop()
    const restored = await runBackupInProcess(['restore', snapshotBeforeDeletion], { DATA_DIR: dataDir })
    expect(restored.status, restored.stderr).toBe(0)
    app = await startAppProcess({ dataDir, env: { SMTP_URL: smtp.url, LIBTV_SIMULATE: '1' } })
    afterDeletion()
    const signIn = await browser(app.url).postForm('/signin', { email: NEW_EMAIL, password: PASSWORDS[2]! })
    expect(signIn.status).toBe(422)
  }, 120_000)
})
