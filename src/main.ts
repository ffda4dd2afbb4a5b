import { deleteExpiredSessions } from './accounts/sessions.js'
import { applyTombstones, pruneTombstones } from './accounts/tombstones.js'
import { videoJson } from './api/serialize.js'
import { createApp, frontDoorPages, metricsFor } from './app.js'
import { deleteOrphanImages } from './briefs/images.js'
import { type Config, ConfigError, loadConfig } from './config.js'
import { createDeps } from './deps.js'
import { startExamplePublishing } from './home/example.js'
import { serveApp } from './http/front-door.js'
import { createLogger } from './http/logging.js'
import { refreshLanding } from './legal/routes.js'
import type { LibtvSimulator } from './libtv/simulator/index.js'
import { startMailDelivery } from './mail/delivery.js'
import { mailTransport } from './mail/transport.js'
import { startBackupSchedule } from './ops/backup.js'
import { DataDirUnusable, openWritableDatabase } from './ops/data-dir.js'
import { startBuiltInSimulator } from './ops/libtv-simulator.js'
import { loadOrCreateSecret } from './ops/secrets.js'
import { startUnconfirmedAccountsJob } from './ops/unconfirmed-accounts.js'
import { findOwnedVideo } from './render/library.js'
import { reclaimStaleLeases } from './render/queue.js'
import { type RenderWorker, startRenderWorker } from './render/worker-host.js'
import type { RenderWorkerData } from './render/worker-thread.js'
import { sweepUploadTemp } from './storage.js'
import { addressPolicy } from './webhooks/address-guard.js'
import { startWebhookDelivery } from './webhooks/delivery.js'
import { webhookSecretsKey } from './webhooks/secret-box.js'
import { ATTEMPT_DEADLINE_MS } from './webhooks/send.js'
import { prepareWebhooks } from './webhooks/start-up.js'

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

/** A read-only or full DATA_DIR stops start-up with one line, like a bad setting. */
function openDataDir(config: Config) {
  try {
    return openWritableDatabase(config.dataDir, config.databasePath)
  } catch (err) {
    if (err instanceof DataDirUnusable) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
}

/** A graceful shutdown never takes longer than this; fly.toml's kill_timeout leaves room for it. */
const SHUTDOWN_GRACE_MS = 15_000

async function start() {
  const config = readConfig()
  const logger = createLogger(config)
  const db = openDataDir(config)
  // A restored snapshot may predate a deletion: every tombstone is made true before anything is served.
  const buried = await applyTombstones(db, config.dataDir)
  if (buried > 0) logger.warn({ accounts: buried }, 'removed deleted accounts that a restore brought back')
  // Uploads being received when the last process stopped left their temporary files behind.
  await sweepUploadTemp(config.dataDir)
  // The privacy policy promises daily backups: a snapshot of the database and the user files a day
  // (7 daily and 4 weekly kept, none older than 30 days), copied off-site when a bucket is set.
  const backups = startBackupSchedule({ db, dataDir: config.dataDir, backups: config.backups, logger })

  // Without LibTV keys a new user still sees the whole product work: renders go to the
  // built-in simulator on loopback, and the pages say so.
  let simulator: LibtvSimulator | undefined
  if (config.libtv.simulate) {
    // It keeps what it makes from a photo no longer than LibTV would, nor past the photo's deletion.
    simulator = await startBuiltInSimulator(config, db)
    const why = config.libtv.simulateReason === 'requested' ? 'LIBTV_SIMULATE is set' : 'no LibTV keys are configured'
    logger.warn(
      { libtv: simulator.baseUrl },
      `LibTV: simulated renders (${why}); the built-in simulator listens on ${simulator.baseUrl}`,
    )
  } else {
    logger.info(
      { libtv: config.libtv.baseUrl, model: config.libtv.model },
      'LibTV: rendering with the configured account',
    )
  }

  let renderWorker: RenderWorker | undefined
  const reclaimed = reclaimStaleLeases(db)
  if (reclaimed > 0) logger.warn({ jobs: reclaimed }, 'resuming renders interrupted by the last shutdown')
  const urlSigningSecret = loadOrCreateSecret(config.dataDir, 'url-signing.key', config.urlSigningSecret)
  // Webhook signing secrets are kept sealed; rows from before that are sealed now. A key that
  // cannot open them (a restore on a new machine without it) is said here, not found at delivery.
  const webhookKey = webhookSecretsKey(
    loadOrCreateSecret(config.dataDir, 'webhook-secrets.key', config.webhookSecretsKey),
  )
  const webhookStart = prepareWebhooks(db, webhookKey)
  if (webhookStart.sealed > 0) logger.info({ endpoints: webhookStart.sealed }, 'webhook signing secrets sealed')
  if (webhookStart.unreadable > 0) {
    logger.error(
      { endpoints: webhookStart.unreadable },
      'webhook signing secrets that this key cannot open: restore DATA_DIR/secrets/webhook-secrets.key or WEBHOOK_SECRETS_KEY (backups/README.md)',
    )
  }
  const libtvBaseUrl = simulator?.baseUrl ?? config.libtv.baseUrl
  const deps = createDeps(db, config, logger, {
    urlSigningSecret,
    webhookSecretsKey: webhookKey,
    libtvBaseUrl,
    simulatedRenders: simulator !== undefined,
    nudgeRenderer: () => renderWorker?.nudge(),
  })
  // /metrics exists only with METRICS_TOKEN; the render worker's events feed it too.
  const metrics = metricsFor(deps)
  const app = createApp(deps, { metrics })

  const housekeeping = setInterval(
    () => {
      deleteExpiredSessions(db)
      pruneTombstones(db)
      deleteOrphanImages(db, config.dataDir).catch((err: Error) =>
        logger.error({ err: { message: err.message } }, 'orphan image cleanup failed'),
      )
    },
    60 * 60 * 1000,
  )
  housekeeping.unref()
  // Accounts never confirmed go 7 days after sign-up, with everything they uploaded: a daily job.
  const unconfirmed = startUnconfirmedAccountsJob({
    db,
    dataDir: config.dataDir,
    logger,
    deleted: metrics?.unconfirmedAccountsDeleted,
  })

  // Webhooks: written with each video's final state, sent from here with retries for 24 hours.
  const webhooks = startWebhookDelivery({
    db,
    policy: { ...addressPolicy(config), timeoutMs: ATTEMPT_DEADLINE_MS },
    secretsKey: webhookKey,
    videoJson: (userId, videoId) => {
      const found = findOwnedVideo(db, userId, videoId)
      return found && videoJson(found.video, found.shots, config.baseUrl.origin)
    },
    log: (event, fields) => logger.info(fields, event),
  })

  // Mail: written to the outbox with the event that causes it, sent from here with retries.
  if (config.mail.transport === 'dev-mailbox') {
    logger.warn('Mail: no SMTP_URL is set, so mails are kept on this machine: read them at /dev/mail')
  }
  const mail = startMailDelivery({
    db,
    transport: mailTransport(config),
    from: config.mail.from,
    log: (event, fields) => logger.info(fields, event),
  })

  // Behind the front door (request id, security headers, log line) with Node's own timeouts.
  const listen = {
    config,
    logger,
    port: config.port,
    hostname: config.host,
    visitorPages: frontDoorPages(deps, metrics),
  }
  const server = serveApp(app, listen, (info) => {
    logger.info(
      { port: info.port, host: config.host, env: config.env },
      `Lumina.AI listening on http://${config.host}:${info.port} (public address ${config.baseUrl.origin})`,
    )
    // The worker starts once we listen: with the simulator, LibTV fetches photos from this very port.
    startRenderWorker(
      {
        databasePath: config.databasePath,
        dataDir: config.dataDir,
        libtv: {
          accessKey: config.libtv.accessKey,
          secretKey: config.libtv.secretKey,
          baseUrl: libtvBaseUrl,
          model: config.libtv.model,
          mode: config.libtv.mode,
        },
        imageDelivery: imageDelivery(config, simulator !== undefined, info.port, urlSigningSecret),
        ffmpegPath: config.libtv.ffmpegPath,
        ffprobePath: config.libtv.ffprobePath,
        music: config.music,
        concurrency: config.renderConcurrency,
        pollIntervalMs: simulator ? 1000 : 4000,
        idlePollMs: 2000,
        leaseMs: config.renderLeaseMs,
        mail: {
          productName: config.operator.name,
          contactEmail: config.operator.contactEmail,
          baseUrl: config.baseUrl.toString(),
        },
      },
      logger,
      metrics?.renderEvent,
    ).then(
      (worker) => {
        renderWorker = worker
        logger.info({ concurrency: config.renderConcurrency }, 'render worker started')
        // The landing's example video (src/home/example.ts, README "The example video").
        startExamplePublishing({
          db,
          dataDir: config.dataDir,
          model: config.libtv.model,
          // EXAMPLE_VIDEO=off: nothing is queued; one queued by `npm run example-video` is still published.
          simulated: simulator !== undefined && config.exampleVideo === 'auto',
          nudge: () => renderWorker?.nudge(),
          published: () => refreshLanding(deps),
          log: (message, fields) => logger.info(fields ?? {}, message),
        })
      },
      (err: Error) => {
        logger.fatal({ err: { message: err.message } }, 'render worker failed to start')
        process.exit(1)
      },
    )
  })
  server.on('error', (err: NodeJS.ErrnoException) => {
    logger.fatal(
      { code: err.code },
      err.code === 'EADDRINUSE' ? `Port ${config.port} is already in use: set PORT to another port.` : 'server error',
    )
    process.exit(1)
  })

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    clearInterval(housekeeping)
    unconfirmed.stop()
    const webhooksStopped = webhooks.stop() // attempts in flight end within their deadline
    server.close()
    // The worker stops claiming, hands its leases back and exits; then the rest closes.
    void (async () => {
      await renderWorker?.stop()
      await webhooksStopped
      await simulator?.close()
      await mail.stop() // a mail being handed over finishes, so it is not sent twice
      backups.stop()
      db.$client.close()
      process.exit(0)
    })()
    // Nothing may hold the process open forever; a lease not handed back is reclaimed at the next start-up.
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

/**
 * How LibTV gets each product photo: a signed URL on our own address when LibTV can reach it
 * (the simulator on loopback, or a public https BASE_URL), otherwise LibTV's upload route
 * (docs/libtv.md#getting-the-photo-to-libtv).
 */
function imageDelivery(
  config: Config,
  simulated: boolean,
  port: number,
  secret: string,
): RenderWorkerData['imageDelivery'] {
  if (simulated) {
    const host =
      config.host === '0.0.0.0' || config.host === '::'
        ? '127.0.0.1'
        : config.host.includes(':')
          ? `[${config.host}]`
          : config.host
    return { kind: 'signed', origin: `http://${host}:${port}`, secret }
  }
  const local = /^(localhost|127\.|\[?::1\]?$|0\.0\.0\.0)/.test(config.baseUrl.hostname)
  return config.baseUrl.protocol === 'https:' && !local
    ? { kind: 'signed', origin: config.baseUrl.origin, secret }
    : { kind: 'upload' }
}

await start()
