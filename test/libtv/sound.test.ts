import { describe, expect, it } from 'vitest'
import { IMG2VIDEO_TEMPLATE_UUID } from '../../src/libtv/api.js'
import { createLibtvClient } from '../../src/libtv/client.js'
import { imageFieldOf, type LibtvModel, modelMakesSound } from '../../src/libtv/config.js'
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

/** The generateParams the client sends for one shot, read off a stand-in fetch (nothing leaves the process). */
async function sentParams(model: LibtvModel, sound: boolean | undefined): Promise<Record<string, unknown>> {
  let body: { generateParams: Record<string, unknown> } | undefined
  const client = createLibtvClient(
    { accessKey: 'ak', secretKey: 'sk', baseUrl: 'http://127.0.0.1:9', model, mode: 'std' },
    {
      submitIntervalMs: 0,
      fetch: async (_url, init) => {
        body = JSON.parse(String(init?.body))
        return new Response(JSON.stringify({ code: 0, msg: '', data: { generateUuid: 'task-1' } }), {
          headers: { 'content-type': 'application/json' },
        })
      },
    },
  )
  await client.submit({ imageUrl: 'http://127.0.0.1/p.jpg', prompt: 'A lamp', durationSeconds: 5, sound })
  return body?.generateParams ?? {}
}

describe('the client and sound', () => {
  it('sends sound: "on" only when the shot asks and the model can make it', async () => {
    expect((await sentParams('kling-v2-6', true)).sound).toBe('on')
    expect('sound' in (await sentParams('kling-v2-6', false))).toBe(false)
    expect('sound' in (await sentParams('kling-v2-6', undefined))).toBe(false)
    // A brief that asks, rendered on a model without sound: the request as it always was.
    expect(Object.keys(await sentParams('kling-v2-1', true)).sort()).toEqual([
      'duration',
      'mode',
      'model',
      'prompt',
      'startFrame',
    ])
  })
})
