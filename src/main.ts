import path from 'node:path'
import { serve } from '@hono/node-server'
import { deleteExpiredSessions } from './accounts/sessions.js'
import { createApp } from './app.js'
import { deleteOrphanImages } from './briefs/images.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { migrateDatabase, openDatabase } from './db.js'
import { createDeps } from './deps.js'
import { createLogger } from './http/logging.js'
import { startLibtvSimulator, type LibtvSimulator } from './libtv/simulator/index.js'
import { loadOrCreateSecret } from './ops/secrets.js'

function readConfig(): Config {
  try {
    return loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
}

async function start() {
  const config = readConfig()
  const logger = createLogger(config)
  const db = openDatabase(config.databasePath)
  migrateDatabase(db)

  // Without LibTV keys a new user still sees the whole product work: renders go to the
  // built-in simulator on loopback, and the pages say so.
  let simulator: LibtvSimulator | undefined
  if (config.libtv.simulate) {
    simulator = await startLibtvSimulator({
      host: '127.0.0.1',
      port: 0,
      accessKey: config.libtv.accessKey,
      secretKey: config.libtv.secretKey,
      render: { ffmpegPath: config.libtv.ffmpegPath, cacheDir: path.join(config.dataDir, 'libtv-simulator') },
    })
    const why = config.libtv.simulateReason === 'requested' ? 'LIBTV_SIMULATE is set' : 'no LibTV keys are configured'
    logger.warn({ libtv: simulator.baseUrl }, `LibTV: simulated renders (${why}); the built-in simulator listens on ${simulator.baseUrl}`)
  } else {
    logger.info({ libtv: config.libtv.baseUrl, model: config.libtv.model }, 'LibTV: rendering with the configured account')
  }

  const deps = createDeps(db, config, logger, {
    urlSigningSecret: loadOrCreateSecret(config.dataDir, 'url-signing.key', config.urlSigningSecret),
    libtvBaseUrl: simulator?.baseUrl ?? config.libtv.baseUrl,
    simulatedRenders: simulator !== undefined,
  })
  const app = createApp(deps)

  const housekeeping = setInterval(() => {
    deleteExpiredSessions(db)
    deleteOrphanImages(db, config.dataDir).catch((err: Error) => logger.error({ err: { message: err.message } }, 'orphan image cleanup failed'))
  }, 60 * 60 * 1000)
  housekeeping.unref()

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ port: info.port, host: config.host, env: config.env }, `Lumina.AI listening on http://${config.host}:${info.port} (public address ${config.baseUrl.origin})`)
  })
  server.on('error', (err: NodeJS.ErrnoException) => {
    logger.fatal({ code: err.code }, err.code === 'EADDRINUSE' ? `Port ${config.port} is already in use: set PORT to another port.` : 'server error')
    process.exit(1)
  })

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    clearInterval(housekeeping)
    server.close(() => {
      void simulator?.close()
      db.$client.close()
      process.exit(0)
    })
    // Keep-alive connections must not hold the process open forever.
    setTimeout(() => process.exit(0), 10_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

await start()
