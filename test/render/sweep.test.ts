import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { removePartFiles, sweepStitchLeftovers } from '../../src/render/sweep.js'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-sweep-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('stitch leftovers', () => {
  it('removes old caption folders only, leaving recent ones and anything not ours', async () => {
    const old = path.join(dir, 'lumina-stitch-old1')
    const recent = path.join(dir, 'lumina-stitch-new1')
    const other = path.join(dir, 'someone-else')
    for (const d of [old, recent, other]) fs.mkdirSync(d)
    fs.writeFileSync(path.join(old, 'caption-1.txt'), 'x')
    const hourAgo = (Date.now() - 60 * 60 * 1000) / 1000
    fs.utimesSync(old, hourAgo, hourAgo)
    fs.utimesSync(other, hourAgo, hourAgo)
    expect(await sweepStitchLeftovers(dir, 10 * 60 * 1000)).toBe(1)
    expect(fs.existsSync(old)).toBe(false)
    expect(fs.existsSync(recent)).toBe(true)
    expect(fs.existsSync(other)).toBe(true)
  })

  it('removes half-written .part outputs from a video folder and keeps finished files', async () => {
    for (const name of ['.video.mp4.ab12cd34.part', '.poster.jpg.ef56.part', 'video.mp4', 'poster.jpg', 'notes.part'])
      fs.writeFileSync(path.join(dir, name), 'x')
    await removePartFiles(dir)
    expect(fs.readdirSync(dir).sort()).toEqual(['notes.part', 'poster.jpg', 'video.mp4'])
    await removePartFiles(path.join(dir, 'missing')) // a folder that does not exist yet is fine
  })
})
