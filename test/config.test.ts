import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { productionScryptParams } from '../src/accounts/passwords.js'
import { ConfigError, loadConfig } from '../src/config.js'

describe('config', () => {
  it('works with no environment at all', () => {
    const config = loadConfig({})
    expect(config.port).toBe(3000)
    expect(config.host).toBe('127.0.0.1')
    expect(config.dataDir).toBe(path.resolve('data'))
    expect(config.databasePath).toBe(path.resolve('data/lumina.db'))
    expect(config.baseUrl.origin).toBe('http://localhost:3000')
    expect(config.secureCookies).toBe(false)
    expect(config.env).toBe('development')
  })

  it('TRUST_PROXY: off by default, fly on Fly.io, otherwise how many proxies (1/true: one)', () => {
    expect(loadConfig({}).trustProxy).toBe(0)
    for (const off of ['0', 'false', 'no']) expect(loadConfig({ TRUST_PROXY: off }).trustProxy).toBe(0)
    for (const one of ['1', 'true', 'yes', 'TRUE']) expect(loadConfig({ TRUST_PROXY: one }).trustProxy).toBe(1)
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(loadConfig({ TRUST_PROXY: 'fly' }).trustProxy).toBe('fly')
    expect(loadConfig({ TRUST_PROXY: ' Fly ' }).trustProxy).toBe('fly')
  })

  it('EXAMPLE_VIDEO: auto by default, off when asked, anything else refused by name', () => {
    expect(loadConfig({}).exampleVideo).toBe('auto')
    expect(loadConfig({ EXAMPLE_VIDEO: 'off' }).exampleVideo).toBe('off')
    expect(() => loadConfig({ EXAMPLE_VIDEO: 'sometimes' })).toThrow(/EXAMPLE_VIDEO/)
  })

  it('keeps 512 MB of the data disk free by default; MIN_FREE_DISK_MB changes it, 0 turns it off', () => {
    expect(loadConfig({}).minFreeDiskBytes).toBe(512 * 1024 * 1024)
    expect(loadConfig({ MIN_FREE_DISK_MB: '2048' }).minFreeDiskBytes).toBe(2048 * 1024 * 1024)
    expect(loadConfig({ MIN_FREE_DISK_MB: '0' }).minFreeDiskBytes).toBe(0)
  })

  it('honours PORT, HOST, DATA_DIR and BASE_URL', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/lum',
      BASE_URL: 'https://lumina.example',
    })
    expect(config.port).toBe(8080)
    expect(config.host).toBe('0.0.0.0')
    expect(config.databasePath).toBe('/tmp/lum/lumina.db')
    expect(config.secureCookies).toBe(true)
    expect(config.operator.domain).toBe('lumina.example')
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ BASE_URL: 'not a url' }, 'BASE_URL'],
    [{ BASE_URL: 'ftp://x.example' }, 'BASE_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ CONTACT_EMAIL: 'nobody' }, 'CONTACT_EMAIL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'fly.io' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '1.5' }, 'TRUST_PROXY'],
    [{ MIN_FREE_DISK_MB: 'lots' }, 'MIN_FREE_DISK_MB'],
    [{ MIN_FREE_DISK_MB: '-1' }, 'MIN_FREE_DISK_MB'],
    [{ NODE_ENV: 'test', TEST_SCRYPT_N: '1000' }, 'TEST_SCRYPT_N'],
    [{ NODE_ENV: 'test', TEST_SCRYPT_N: String(2 ** 15) }, 'TEST_SCRYPT_N'],
    [{ TEST_SCRYPT_N: '16' }, 'TEST_SCRYPT_N'],
    [{ NODE_ENV: 'production', LIBTV_SIMULATE: '1', TEST_SCRYPT_N: '16' }, 'TEST_SCRYPT_N'],
    [{ NODE_ENV: 'production', LIBTV_SIMULATE: '1' }, 'SMTP_URL'],
    [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'x' }, 'MAIL_FROM'],
  ])('stops with a one-line message naming the variable for %j', (env, name) => {
    let error: unknown
    try {
      loadConfig(env)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    expect(message.startsWith(`Invalid configuration: ${name}:`)).toBe(true)
    expect(message).not.toContain('\n')
  })

  it('sends mail over SMTP_URL, or keeps it for /dev/mail outside production; From defaults to the operator at BASE_URL', () => {
    expect(loadConfig({}).mail).toEqual({ transport: 'dev-mailbox', from: '"Lumina.AI" <no-reply@localhost>' })
    const smtp = loadConfig({
      SMTP_URL: 'smtps://u:p@mail.example:465',
      BASE_URL: 'https://video.example',
      OPERATOR_NAME: 'Acme "Video"',
    }).mail
    expect(smtp).toEqual({
      transport: 'smtp',
      url: 'smtps://u:p@mail.example:465',
      from: '"Acme Video" <no-reply@video.example>',
    })
    expect(loadConfig({ MAIL_FROM: 'Videos <hello@video.example>' }).mail.from).toBe('Videos <hello@video.example>')
  })

  it('hashes passwords with the production scrypt parameters unless a test lowers the cost', () => {
    expect(productionScryptParams).toEqual({ N: 2 ** 15, r: 8, p: 1, keyLength: 32 })
    expect(loadConfig({}).scrypt).toBe(productionScryptParams)
    expect(
      loadConfig({ NODE_ENV: 'production', LIBTV_SIMULATE: '1', SMTP_URL: 'smtp://mail.example:587' }).scrypt,
    ).toBe(productionScryptParams)
    expect(loadConfig({ NODE_ENV: 'test' }).scrypt).toBe(productionScryptParams)
    expect(loadConfig({ NODE_ENV: 'test', TEST_SCRYPT_N: '16' }).scrypt).toEqual({ N: 16, r: 8, p: 1, keyLength: 32 })
  })
})
