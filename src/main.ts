import { serve } from '@hono/node-server'
import { deleteExpiredSessions } from './accounts/sessions.js'
import { createApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { migrateDatabase, openDatabase } from './db.js'
import { createDeps } from './deps.js'
import { createLogger } from './http/logging.js'

function start() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const logger = createLogger(config)
  const db = openDatabase(config.databasePath)
  migrateDatabase(db)
  const deps = createDeps(db, config, logger)
  const app = createApp(deps)

  const housekeeping = setInterval(() => deleteExpiredSessions(db), 60 * 60 * 1000)
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
      db.$client.close()
      process.exit(0)
    })
    // Keep-alive connections must not hold the process open forever.
    setTimeout(() => process.exit(0), 10_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

start()
