// The store stage: Kysely repositories over SQLite (default) or PostgreSQL.
export { openStore, resolveDatabaseTarget } from './open-store.js';
export type { DatabaseTarget, OpenStoreOptions } from './open-store.js';
export type {
  AddSubscriberResult,
  DeliveryCounts,
  DeliveryRepository,
  EditionRepository,
  FeedFetchOutcome,
  FeedRepository,
  ItemRepository,
  Lease,
  LeaseAcquireResult,
  LeaseRepository,
  EditionReview,
  ReviewRepository,
  ReviewStatus,
  StoredEditionEdit,
  SlotRun,
  SlotRunRepository,
  SlotRunStatus,
  Store,
  SubscriberRepository,
  SubscriptionRepository,
} from '../shared/store.js';
