// A brief's own accent over the brand kit's (issue 25: "A brief can override the colours"). The kit
// is the snapshot the video was submitted with; the brief's accent wins over it, and still counts
// when the person has no kit. Drawn: the caption's key word is in the brief's accent, not the kit's.
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrandSnapshot } from '../../src/brand/snapshot.js'
import { brandForStitch } from '../../src/render/assemble.js'
import { planStitch } from '../../src/render/stitch/plan.js'
import { tempDir } from './stitch/helpers.js'

const kit: BrandSnapshot = {
  primaryColor: '#1F2A6B',
  accentColor: '#FFB000',
  font: 'sans',
  handle: 'halolamp.example',
  cornerLogo: false,
  logoSha256: null,
}
const video = (snapshot: BrandSnapshot | null) => ({
  userId: 'u1',
  brandKit: snapshot ? JSON.stringify(snapshot) : null,
})

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('brief-colours'))
})
afterAll(() => cleanup())

describe('the colours a render draws', () => {
  it('takes the brief’s accent over the kit’s, and the kit’s when the brief has none', () => {
    expect(brandForStitch(dir, video(kit), { accentColor: '#00AA55' }, undefined)).toMatchObject({
      accentColor: '#00AA55',
      primaryColor: '#1F2A6B',
      handle: 'halolamp.example',
    })
    expect(brandForStitch(dir, video(kit), {}, undefined)).toMatchObject({ accentColor: '#FFB000' })
    expect(brandForStitch(dir, video(kit), { brandColor: '#112233' }, undefined)).toMatchObject({
      accentColor: '#FFB000',
      primaryColor: '#112233',
    })
  })

  it('keeps the brief’s accent for a person without a brand kit', () => {
    expect(brandForStitch(dir, video(null), { accentColor: '#00AA55' }, undefined)).toEqual({ accentColor: '#00AA55' })
    expect(brandForStitch(dir, video(null), { brandColor: '#112233' }, undefined)).toBeNull()
  })

  it('draws the caption’s key word in the brief’s accent, not the kit’s', async () => {
    const greenOver = (rgb: Buffer) => {
      let green = 0
      let amber = 0
      for (let i = 0; i < rgb.length; i += 3) {
        const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!]
        if (g > 120 && g > r + 60 && g > b + 20) green++
        if (r > 180 && g > 110 && g < 200 && b < 60) amber++
      }
      return { green, amber }
    }
    const drawn = async (name: string, accent: string | undefined) => {
      const workDir = path.join(dir, name)
      await mkdir(workDir, { recursive: true })
      const brand = brandForStitch(dir, video(kit), accent ? { accentColor: accent } : {}, undefined)
      const plan = await planStitch(
        {
          clips: [
            {
              path: path.join(dir, 'none.mp4'),
              caption: 'Warm light that follows the sun',
              transition: 'cut',
              info: { width: 180, height: 320, durationSeconds: 1, hasAudio: false },
            },
          ],
          endCard: { title: 'Halo Lamp', callToAction: 'Shop now', seconds: 0.5, transition: 'cut' },
          aspectRatio: '9:16',
          language: 'en',
          size: { width: 288, height: 512 },
          fps: 24,
          silentAudio: false,
          brand,
        },
        workDir,
      )
      const caption = plan.captions[0]
      expect(caption?.keyword).toBeTruthy()
      return greenOver(
        await sharp(await readFile(caption!.file))
          .removeAlpha()
          .raw()
          .toBuffer(),
      )
    }
    const brief = await drawn('brief-accent', '#00AA55')
    const kitOnly = await drawn('kit-accent', undefined)
    expect(brief.green).toBeGreaterThan(30)
    expect(brief.amber).toBe(0)
    expect(kitOnly.amber).toBeGreaterThan(30)
    expect(kitOnly.green).toBe(0)
  })
})
