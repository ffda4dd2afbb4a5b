import type { KeyObject } from 'node:crypto'
import { like } from 'drizzle-orm'
import { webhookDeliveries } from '../../db/schema.js'
import type { Db } from '../db.js'
import { REFUSALS } from './address-guard.js'
import { sealPlainWebhookSecrets, unreadableWebhookSecrets } from './secret-box.js'
import { SEND_FAILURES } from './send.js'

/**
 * Once at start-up, before the delivery loop: seals the signing secrets still kept in clear,
 * counts those this server's key cannot open, and rewrites failures stored by older versions
 * that named the address a host resolved to (or that Node's own message named).
 */
export function prepareWebhooks(db: Db, key: KeyObject): { sealed: number; unreadable: number; reworded: number } {
  const sealed = sealPlainWebhookSecrets(db, key)
  const d = webhookDeliveries
  const reworded = db.transaction((tx) => {
    const refused = tx
      .update(d)
      .set({ lastError: REFUSALS.resolves })
      .where(like(d.lastError, 'The webhook host resolves to an address we do not call (%'))
      .run().changes
    const literal = tx
      .update(d)
      .set({ lastError: REFUSALS.address })
      .where(like(d.lastError, 'The webhook address % is not one we call.'))
      .run().changes
    const raw = tx.update(d).set({ lastError: SEND_FAILURES.other }).where(like(d.lastError, 'connect %')).run().changes
    return refused + literal + raw
  })
  return { sealed, unreadable: unreadableWebhookSecrets(db, key), reworded }
}
