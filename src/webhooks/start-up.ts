import { like } from 'drizzle-orm'
import { webhookDeliveries } from '../../db/schema.js'
import type { Db } from '../db.js'
import { REFUSALS } from './address-guard.js'
import { SEND_FAILURES } from './send.js'

/**
 * Once at start-up, before the delivery loop: rewrites failures stored by older versions that
 * named the address a host resolved to (or that Node's own message named).
 */
export function prepareWebhooks(db: Db): { reworded: number } {
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
  return { reworded }
}
