import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { ServerType } from '@hono/node-server'
import type { Hono } from 'hono'
import pino from 'pino'
import { createApp, frontDoorPages, metricsFor } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { type Db, migrateDatabase, openDatabase } from '../../src/db.js'
import { createDeps } from '../../src/deps.js'
import type { AppDeps, AppEnv, AppRuntime } from '../../src/http/env.js'
import { serveApp } from '../../src/http/front-door.js'
import { startMailDelivery } from '../../src/mail/delivery.js'
import { mailTransport } from '../../src/mail/transport.js'
import { webhookSecretsKey } from '../../src/webhooks/secret-box.js'

export type TestApp = {
  url: string
  db: Db
  deps: AppDeps
  dataDir: string
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[]
  logText: () => string
  /** The outbox loop, when started with deliverMail. */
  mail: ReturnType<typeof startMailDelivery> | undefined
  close: () => Promise<void>
}

/**
 * What every test app runs with: NODE_ENV=test and a cheap scrypt cost, so a sign-up costs
 * microseconds rather than ~100 ms. Pass `PRODUCTION_SCRYPT` to hash as production does.
 */
export const TEST_ENV = { NODE_ENV: 'test', TEST_SCRYPT_N: '16' }
/** startTestApp(PRODUCTION_SCRYPT): passwords hashed with the production parameters (an empty variable is unset). */
export const PRODUCTION_SCRYPT = { TEST_SCRYPT_N: '' }

/** The real app on a temporary SQLite file, served over real HTTP on a loopback port. */
export async function startTestApp(
  env: Record<string, string> = {},
  /** Extra routes for a test, mounted before the server starts (e.g. one that throws). */
  extend?: (app: Hono<AppEnv>) => void,
  runtime: Partial<AppRuntime> = {},
  /** deliverMail: run the outbox loop as the server does (SMTP_URL, or the /dev/mail mailbox). */
  options: { deliverMail?: boolean } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-test-'))
  const config = loadConfig({ ...TEST_ENV, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ...env })
  const db = openDatabase(config.databasePath)
  migrateDatabase(db)
  const lines: string[] = []
  const logger = pino({ level: 'info', base: undefined }, { write: (line: string) => void lines.push(line) })
  const deps = createDeps(db, config, logger, {
    urlSigningSecret: randomBytes(32).toString('base64url'),
    webhookSecretsKey: webhookSecretsKey(randomBytes(32).toString('base64url')),
    libtvBaseUrl: config.libtv.baseUrl,
    simulatedRenders: config.libtv.simulate,
    nudgeRenderer: () => {},
    ...runtime,
  })
  const metrics = metricsFor(deps)
  const app = createApp(deps, { metrics })
  extend?.(app)
  const server: ServerType = await new Promise((resolve) => {
    // Behind the same front door and timeouts as in production (src/main.ts).
    const listen = { config, logger, port: 0, hostname: '127.0.0.1', visitorPages: frontDoorPages(deps, metrics) }
    const s = serveApp(app, listen, () => resolve(s))
  })
  const mail = options.deliverMail
    ? startMailDelivery({
        db,
        transport: mailTransport(config),
        from: config.mail.from,
        log: (event, fields) => logger.info(fields, event),
        intervalMs: 100,
        bulkIntervalMs: 50,
        retryDelayMs: () => 200,
      })
    : undefined
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    deps,
    dataDir,
    get logs() {
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    },
    logText: () => lines.join(''),
    mail,
    close: async () => {
      await mail?.stop()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
      db.$client.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
