import { describe, expect, it } from 'vitest'
import { errorForCode, LIBTV_ERROR_CODES } from '../../src/libtv/codes.js'
import { LibtvError } from '../../src/libtv/errors.js'
import { isTerminal, parseStatus } from '../../src/libtv/status.js'

const video = { videoUrl: 'https://cdn.example/v.mp4', coverPath: 'https://cdn.example/c.jpg', auditStatus: 3 }

describe('generateStatus → ShotStatus', () => {
  it.each([
    [1, { state: 'queued', progress: 0.1 }],
    [2, { state: 'running', progress: 0.1 }],
    [3, { state: 'running', progress: 0.1 }], // generated, not final
    [4, { state: 'moderating', progress: 0.1 }],
    [5, { state: 'succeeded', videoUrl: video.videoUrl, coverUrl: video.coverPath, pointsCost: 40 }],
    [
      6,
      {
        state: 'failed',
        code: null,
        reason: 'The video service could not render this shot: 生成失败',
        pointsCost: 40,
        retryAsNewTask: false,
      },
    ],
    [7, { state: 'timed_out', reason: expect.stringMatching(/took too long/), pointsCost: 40, retryAsNewTask: true }],
  ])('generateStatus %i', (generateStatus, expected) => {
    const s = parseStatus({
      generateUuid: 't',
      generateStatus,
      percentCompleted: 0.1,
      generateMsg: generateStatus === 6 ? '生成失败' : '',
      pointsCost: 40,
      accountBalance: 460,
      videos: generateStatus === 5 ? [video] : [],
    })
    expect(s).toEqual(expected)
    expect(isTerminal(s)).toBe(generateStatus >= 5)
  })

  it('treats a success without a passed video as blocked by moderation (LibTV returns only passed media)', () => {
    expect(parseStatus({ generateStatus: 5, videos: [] })).toMatchObject({ state: 'failed', code: 100055 })
    expect(parseStatus({ generateStatus: 5 })).toMatchObject({ state: 'failed', code: 100055 })
    expect(parseStatus({ generateStatus: 5, videos: [{ ...video, auditStatus: 4 }] })).toMatchObject({
      state: 'failed',
      code: 100055,
    })
    expect(parseStatus({ generateStatus: 5, videos: [{ ...video, auditStatus: 5 }] })).toMatchObject({
      state: 'failed',
      code: 100055,
    })
  })

  it('waits while the clip is still in audit (auditStatus 1 or 2)', () => {
    expect(parseStatus({ generateStatus: 5, videos: [{ ...video, auditStatus: 2 }] })).toEqual({
      state: 'moderating',
      progress: 1,
    })
  })

  it('accepts nulls where models leave fields out', () => {
    expect(
      parseStatus({
        generateStatus: 5,
        percentCompleted: null,
        pointsCost: null,
        videos: [{ videoUrl: video.videoUrl, coverPath: null, auditStatus: null }],
      }),
    ).toEqual({
      state: 'succeeded',
      videoUrl: video.videoUrl,
      coverUrl: null,
      pointsCost: null,
    })
    expect(parseStatus({ generateStatus: 6, generateMsg: null })).toEqual({
      state: 'failed',
      code: null,
      reason: 'The video service could not render this shot.',
      pointsCost: null,
      retryAsNewTask: false,
    })
  })

  it('keeps what LibTV charged for a clip its moderation withheld', () => {
    expect(parseStatus({ generateStatus: 5, pointsCost: 20, videos: [] })).toMatchObject({
      state: 'failed',
      code: 100055,
      pointsCost: 20,
      retryAsNewTask: false,
    })
  })

  it.each([
    ['210000: external service call failed', 210000, true],
    ['内部错误 200000', 200000, true],
    ['100054 concurrent-task limit reached', 100054, true],
    ['failed with 1000000 pixels', null, false], // not a documented code
    ['123456: something', null, false], // six digits, but not a documented code
  ])('a failed task whose message says %j may be tried as a new task: %s', (generateMsg, code, again) => {
    expect(parseStatus({ generateStatus: 6, generateMsg })).toMatchObject({
      state: 'failed',
      code,
      reason: `The video service could not render this shot: ${generateMsg}`,
      retryAsNewTask: again,
    })
  })

  it.each([
    ['100052 prompt contains sensitive content', 100052],
    ['100031', 100031],
    ['100055: result contains sensitive content', 100055],
  ])('a failed task whose message names a moderation code (%j) is moderation, final', (generateMsg, code) => {
    expect(parseStatus({ generateStatus: 6, generateMsg })).toMatchObject({
      state: 'failed',
      code,
      reason: expect.stringMatching(/content rules|moderation/),
      retryAsNewTask: false,
    })
  })

  it.each([[{}], [null], [{ generateStatus: '5' }], [{ generateStatus: 5.5 }], [{ percentCompleted: 1 }]])(
    'an answer without the documented fields, %j, is a retryable protocol error (a mangled body)',
    (data) => {
      expect(() => parseStatus(data)).toThrow(expect.objectContaining({ kind: 'protocol', retryable: true }))
    },
  )

  it.each([
    [{ generateStatus: 0 }],
    [{ generateStatus: 8 }],
    [{ generateStatus: 5, videos: [{ ...video, videoUrl: 'file:///etc/passwd' }] }],
  ])('refuses a well-formed answer it cannot use, %j, as a final protocol error', (data) => {
    expect(() => parseStatus(data)).toThrow(expect.objectContaining({ kind: 'protocol', retryable: false }))
  })
})

describe('LibTV error codes', () => {
  // The whole documented table: code → [kind, retryable]. Retryable codes are transient (docs/libtv.md#error-codes).
  const table: Array<[number, string, boolean]> = [
    [401, 'auth', false],
    [403, 'account', false],
    [429, 'rate_limited', true],
    [100000, 'invalid_request', false],
    [100010, 'auth', false],
    [100020, 'auth', false],
    [100021, 'account', false],
    [100030, 'image', false],
    [100031, 'content', false],
    [100032, 'image', false],
    [100050, 'invalid_request', false],
    [100051, 'not_found', false],
    [100052, 'content', false],
    [100053, 'invalid_request', false],
    [100054, 'rate_limited', true],
    [100055, 'content', false],
    [100120, 'invalid_request', false],
    [200000, 'unavailable', true],
    [200001, 'invalid_request', false],
    [210000, 'unavailable', true],
  ]

  it('covers exactly the documented codes', () => {
    expect(
      Object.keys(LIBTV_ERROR_CODES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(table.map(([c]) => c).sort((a, b) => a - b))
  })

  it.each(table)('code %i → %s (retryable: %s) with a readable reason', (code, kind, retryable) => {
    const e = errorForCode('submit', code)
    expect(e).toBeInstanceOf(LibtvError)
    expect(e).toMatchObject({ kind, retryable, code })
    expect(e.reason).toMatch(/^The .{20,}\.$/)
    expect(e.message).toContain(String(code))
  })

  it('treats undocumented codes by their class', () => {
    expect(errorForCode('status', 502)).toMatchObject({ kind: 'unavailable', retryable: true })
    expect(errorForCode('status', 404)).toMatchObject({ kind: 'invalid_request', retryable: false })
    expect(errorForCode('status', 123456)).toMatchObject({ kind: 'invalid_request', retryable: false })
  })
})
