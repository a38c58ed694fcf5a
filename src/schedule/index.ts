// Schedule: when each digest's slots fall, which are due or missed, when each
// feed is fetched, the clock the scheduler runs on, and the lease it holds.
// The scheduler loop that wires these to the use cases is in src/app.
export { systemClock, offsetClock, type Clock } from './clock.js';
export { ManualClock } from './manual-clock.js';
export { dueSlots, formatMs, nextSlot, nextSlots, slotKey, type DuePlan, type MissedSlot, type SlotSchedule } from './slots.js';
export {
  fetchDelayMs,
  isFeedFailing,
  needsRefreshBeforeSlot,
  nextFetchAt,
  type FeedBackoffPolicy,
  type FeedFetchState,
} from './feed-backoff.js';
export { holdLease, type HeldLease, type HoldLeaseOptions, type HoldLeaseResult } from './hold-lease.js';
export { schedulePeriodMs } from './schedule-period.js';
export { holderIsDead, parseHolderId, processHolderId } from './holder-id.js';
