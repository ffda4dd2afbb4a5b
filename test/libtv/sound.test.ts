import { describe, expect, it } from 'vitest'
import { IMG2VIDEO_TEMPLATE_UUID } from '../../src/libtv/api.js'
import { imageFieldOf, modelMakesSound } from '../../src/libtv/config.js'
import { checkSubmit } from '../../src/libtv/simulator/submit-params.js'

// kling-v2-6 (issue 25's ambient sound): the photo as `image`, and `sound` only from v2.6 on.
const submit = (params: Record<string, unknown>) =>
  checkSubmit({ templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: { prompt: 'A lamp', ...params } })

describe('kling-v2-6 and sound', () => {
  it('is the one model that makes sound, and takes the photo as image', () => {
    expect(modelMakesSound('kling-v2-6')).toBe(true)
    expect(modelMakesSound('kling-v2-1')).toBe(false)
    expect(imageFieldOf('kling-v2-6')).toBe('image')
    expect(imageFieldOf('kling-v2-1')).toBe('startFrame')
  })

  it('the simulator takes image and sound on kling-v2-6, and refuses them elsewhere', () => {
    const ok = submit({ model: 'kling-v2-6', image: 'http://127.0.0.1/p.jpg', sound: 'on' })
    expect(ok.ok && ok.params.sound).toBe(true)
    expect(submit({ model: 'kling-v2-6', startFrame: 'http://127.0.0.1/p.jpg' }).ok).toBe(false)
    expect(submit({ model: 'kling-v2-1', startFrame: 'http://127.0.0.1/p.jpg', sound: 'on' }).ok).toBe(false)
    const quiet = submit({ model: 'kling-v2-1', startFrame: 'http://127.0.0.1/p.jpg' })
    expect(quiet.ok && quiet.params.sound).toBe(false)
  })
})
