// The scheduler's own events (slot done, missed, errors) as DispatchEvents,
// so `serve` and `worker` log and count slot outcomes the same way.
import type { SchedulerEvent } from '../app/start-scheduler.js';
import { publishEvent } from './events.js';

/** `line` is start-scheduler's formatSchedulerEvent(e): the human summary the log line carries. */
export function publishSchedulerEvent(e: SchedulerEvent, line: string | null = null): void {
  switch (e.type) {
    case 'slot-done': {
      const o = e.outcome;
      const reason = o.kind === 'skipped' || o.kind === 'incomplete' ? o.reason : o.kind === 'busy' ? `lease held by ${o.heldBy.holder}` : null;
      const editionId = o.kind === 'sent' || o.kind === 'incomplete' ? o.editionId : o.kind === 'already' ? o.run.editionId : null;
      publishEvent({ type: 'slot', digest: e.digest, slot: e.slot, status: o.kind, reason, editionId, line });
      return;
    }
    case 'slot-missed':
      publishEvent({ type: 'slot', digest: e.digest, slot: e.slot, status: 'missed', reason: e.reason, editionId: null, line });
      return;
    case 'error':
      publishEvent({ type: 'scheduler-error', digest: e.digest, message: e.message });
      return;
    default:
      return;
  }
}
