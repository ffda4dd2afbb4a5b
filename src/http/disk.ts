import type { MiddlewareHandler } from 'hono'
import { english, type Said } from '../i18n/said.js'
import { freeDiskBytes } from '../storage.js'
import type { AppDeps, AppEnv } from './env.js'
import { Refusal } from './refusal.js'

const MB = 1024 * 1024

/** The data disk is below MIN_FREE_DISK_MB: new photos and renders wait until the operator frees space. */
const diskLow: Said = { key: 'briefs.disk.low' }
export class DiskLow extends Refusal {
  constructor() {
    super(507, 'Server storage is full', english(diskLow), 'insufficient-storage', {}, diskLow)
  }
}

/**
 * Throws DiskLow when the data disk has less than the configured margin free. Called before
 * anything that stores megabytes (a photo, a render), so SQLite, the snapshots and the renders
 * already running never meet a full disk. Tests inject the reading through the runtime.
 */
export async function ensureDiskRoom({ config, runtime, logger }: AppDeps): Promise<void> {
  if (config.minFreeDiskBytes === 0) return
  let free: number
  try {
    free = await (runtime.freeDiskBytes ?? freeDiskBytes)(config.dataDir)
  } catch (err) {
    // A file system that cannot say is not a full one: refusing every upload would be worse.
    logger.error({ err: { message: (err as Error).message } }, 'cannot read the free disk space')
    return
  }
  if (free >= config.minFreeDiskBytes) return
  logger.warn(
    { freeMb: Math.floor(free / MB), minFreeMb: config.minFreeDiskBytes / MB },
    'data disk below MIN_FREE_DISK_MB: refusing uploads and new renders',
  )
  throw new DiskLow()
}

/** The same check as middleware, for routes that store something big and keep no typed text. */
export const diskGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  await ensureDiskRoom(c.var.deps)
  await next()
}
