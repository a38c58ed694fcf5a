// The ledger as the sender writes it, watched: each row's outcome becomes a
// `delivery` event the moment it is recorded, so metrics count messages
// during a long send, not only when it ends. Wraps the repository instead of
// hooking into the send loop, which stays free of observability code.
import type { DeliveryRepository } from '../shared/store.js';
import { publishEvent } from './events.js';

export function watchDeliveries(deliveries: DeliveryRepository, digest: string): DeliveryRepository {
  return {
    ...deliveries,
    enqueue: (...a) => deliveries.enqueue(...a),
    nextBatch: (...a) => deliveries.nextBatch(...a),
    counts: (...a) => deliveries.counts(...a),
    async markSent(id, r) {
      await deliveries.markSent(id, r);
      publishEvent({ type: 'delivery', digest, outcome: 'sent', bounce: false });
    },
    async markSentMany(rows) {
      await deliveries.markSentMany(rows);
      for (let i = 0; i < rows.length; i++) publishEvent({ type: 'delivery', digest, outcome: 'sent', bounce: false });
    },
    async markFailed(id, r) {
      await deliveries.markFailed(id, r);
      publishEvent({ type: 'delivery', digest, outcome: 'failed', bounce: r.bounce });
      if (r.bounce) publishEvent({ type: 'bounce', digest, email: null, reason: r.reply });
    },
    async markSkipped(id, r) {
      await deliveries.markSkipped(id, r);
      publishEvent({ type: 'delivery', digest, outcome: 'skipped', bounce: false });
    },
    async recordAttempt(id, r) {
      await deliveries.recordAttempt(id, r);
      publishEvent({ type: 'delivery', digest, outcome: 'deferred', bounce: false });
    },
  };
}
