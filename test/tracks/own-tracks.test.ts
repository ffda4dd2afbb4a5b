import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tracks } from '../../db/schema.js'
import { deleteAccount } from '../../src/accounts/service.js'
import { trackPath } from '../../src/storage.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { ContractChecker } from '../support/contract.js'
import { makeBrief, newRenderUser, type RenderUser } from '../support/render.js'
import { fileForm, tagsOf, toneFile } from './fixtures.js'

// A person's own tracks over real HTTP: the ffprobe gate, the re-encode, the API and its owner
// checks (another person's track id is refused like any foreign id), and the /music page.

let app: TestApp
let contract: ContractChecker
let alice: RenderUser
let bob: RenderUser
let dir: string

beforeAll(async () => {
  app = await startTestApp()
  alice = await newRenderUser(app)
  bob = await newRenderUser(app)
  contract = new ContractChecker(await (await fetch(`${app.url}/api/v1/openapi.json`)).json())
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-tracks-'))
})
afterAll(async () => {
  await app.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function api(user: RenderUser, method: string, p: string, body?: FormData | object) {
  const headers: Record<string, string> = { authorization: `Bearer ${user.apiKey}` }
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (body) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const url = `${app.url}/api/v1${p}`
  const res = await fetch(url, { method, headers, body: payload })
  const parsed = await contract.check(method, url, res)
  return { status: res.status, body: parsed as any }
}

describe('the upload gate', () => {
  it('refuses a text file named .mp3, with a clear message', async () => {
    const fake = path.join(dir, 'song.mp3')
    fs.writeFileSync(fake, 'this is not music, only words pretending to be an mp3 file\n'.repeat(50))
    const res = await api(alice, 'POST', '/tracks', fileForm(fake, 'audio/mpeg'))
    expect(res.status).toBe(422)
    expect(JSON.stringify(res.body)).toContain('This file is not audio we can read')
  })

  it('refuses a track over 5 minutes, saying how long it is', async () => {
    const long = await toneFile(dir, 'long', { seconds: 305, ext: 'mp3' })
    const res = await api(alice, 'POST', '/tracks', fileForm(long, 'audio/mpeg'))
    expect(res.status).toBe(422)
    expect(JSON.stringify(res.body)).toContain('5:05 long')
  })

  it('refuses a film: a video stream is not a track', async () => {
    const film = path.join(dir, 'film.m4a')
    execFileSync('ffmpeg', [
      ...['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=64x64:duration=6'],
      ...['-f', 'lavfi', '-i', 'sine=duration=6', '-c:v', 'libx264', '-c:a', 'aac', '-f', 'mp4', film],
    ])
    const res = await api(alice, 'POST', '/tracks', fileForm(film, 'audio/mp4'))
    expect(res.status).toBe(422)
  })

  it.each([
    ['wav', 'audio/wav'],
    ['ogg', 'audio/ogg'],
    ['m4a', 'audio/mp4'],
    ['mp3', 'audio/mpeg'],
  ])('takes %s, re-encoded to AAC with its tags stripped', async (ext, type) => {
    const source = await toneFile(dir, `ok-${ext}`, { seconds: 8, ext })
    expect((await tagsOf(source)).title).toBe('Secret Demo Title')
    const res = await api(alice, 'POST', '/tracks', fileForm(source, type))
    expect(res.status).toBe(201)
    expect(res.body.title).toBe(`ok-${ext}`)
    expect(res.body.music).toBe(`track:${res.body.id}`)
    expect(res.body.durationSeconds).toBeGreaterThan(7.5)
    expect(res.body.durationSeconds).toBeLessThan(8.5)
    const stored = trackPath(app.dataDir, alice.id, res.body.id)
    const tags = await tagsOf(stored)
    expect(JSON.stringify(tags)).not.toMatch(/Secret|Jane|Lavf/)
    expect(res.body.bytes).toBe(fs.statSync(stored).size)
  })
})

describe('the API and its owner checks', () => {
  let alicesTrack: string

  beforeAll(async () => {
    const source = await toneFile(dir, 'alice-theme', { seconds: 6, ext: 'mp3' })
    const res = await api(alice, 'POST', '/tracks', fileForm(source, 'audio/mpeg', { title: 'Alice theme' }))
    expect(res.status).toBe(201)
    alicesTrack = res.body.id
  })

  it('lists only the person’s own tracks', async () => {
    const mine = await api(alice, 'GET', '/tracks')
    expect(mine.body.data.map((t: { id: string }) => t.id)).toContain(alicesTrack)
    const theirs = await api(bob, 'GET', '/tracks')
    expect(theirs.body.data.map((t: { id: string }) => t.id)).not.toContain(alicesTrack)
    expect(theirs.body.library).toEqual([])
  })

  it('lets a brief choose one’s own track, and keeps it on a PATCH without music', async () => {
    const brief = await makeBrief(app, alice.id)
    const chose = await api(alice, 'PATCH', `/briefs/${brief.briefId}`, { music: `track:${alicesTrack}` })
    expect(chose.status).toBe(200)
    expect(chose.body.music).toBe(`track:${alicesTrack}`)
    const other = await api(alice, 'PATCH', `/briefs/${brief.briefId}`, { audience: 'Night owls' })
    expect(other.body.music).toBe(`track:${alicesTrack}`)
  })

  it('refuses another person’s track id on a brief (the attack), like an id that never was', async () => {
    const brief = await makeBrief(app, bob.id)
    const stolen = await api(bob, 'PATCH', `/briefs/${brief.briefId}`, { music: `track:${alicesTrack}` })
    expect(stolen.status).toBe(422)
    expect(stolen.body.errors[0].field).toBe('music')
    const never = await api(bob, 'PATCH', `/briefs/${brief.briefId}`, {
      music: 'track:00000000-0000-4000-8000-000000000000',
    })
    expect(never.status).toBe(422)
    expect(never.body.errors).toEqual(stolen.body.errors)
    const unknownLibrary = await api(bob, 'PATCH', `/briefs/${brief.briefId}`, { music: 'library:nothing-here' })
    expect(unknownLibrary.status).toBe(422)
  })

  it('neither plays nor deletes another person’s track', async () => {
    const play = await bob.client.get(`/music/${alicesTrack}/file`)
    expect(play.status).toBe(404)
    expect((await api(bob, 'DELETE', `/tracks/${alicesTrack}`)).status).toBe(404)
    expect(app.db.select().from(tracks).where(eq(tracks.id, alicesTrack)).get()).toBeDefined()
  })

  it('deletes one’s own track, file and all', async () => {
    const source = await toneFile(dir, 'short-lived', { seconds: 6, ext: 'wav' })
    const made = await api(alice, 'POST', '/tracks', fileForm(source, 'audio/wav'))
    const file = trackPath(app.dataDir, alice.id, made.body.id)
    expect(fs.existsSync(file)).toBe(true)
    expect((await api(alice, 'DELETE', `/tracks/${made.body.id}`)).status).toBe(204)
    expect(fs.existsSync(file)).toBe(false)
  })

  it('are deleted with the account: rows and files', async () => {
    const carol = await newRenderUser(app)
    const source = await toneFile(dir, 'carol', { seconds: 6, ext: 'ogg' })
    const made = await api(carol, 'POST', '/tracks', fileForm(source, 'audio/ogg'))
    const file = trackPath(app.dataDir, carol.id, made.body.id)
    expect(fs.existsSync(file)).toBe(true)
    expect(await deleteAccount(app.db, app.dataDir, carol.id)).toBe(true)
    expect(app.db.select().from(tracks).where(eq(tracks.userId, carol.id)).all()).toEqual([])
    expect(fs.existsSync(file)).toBe(false)
  })
})
