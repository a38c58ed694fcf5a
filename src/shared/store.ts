// The store port: what use cases and the deliver stage need from a database.
// src/store implements it with Kysely for SQLite and PostgreSQL; the same
// store tests run against both.
import type {
  DeliveryTarget,
  Edition,
  EditionModel,
  FeedFetchStatus,
  FeedRecord,
  FeedSource,
  NewItem,
  StoredItem,
  Subscriber,
  SubscriberPreferences,
  SubscriberStatus,
} from './types.js';

export interface FeedFetchOutcome {
  status: FeedFetchStatus;
  fetchedAt: Date;
  error?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  /** After a permanent redirect (301/308): the URL to use from now on. */
  newUrl?: string;
  /** After 410 Gone. */
  paused?: boolean;
}

export interface FeedRepository {
  /** Insert or update name/homepage/tags by URL; keeps fetch state. */
  upsert(source: FeedSource, now: Date): Promise<FeedRecord>;
  list(): Promise<FeedRecord[]>;
  get(id: number): Promise<FeedRecord | undefined>;
  /** Records the outcome; failed bumps failureStreak, ok/not-modified resets it. */
  recordFetch(id: number, outcome: FeedFetchOutcome): Promise<void>;
}

export interface ItemRepository {
  /**
   * Inserts items, silently skipping any that duplicate a stored item by
   * (feed, guid), canonical URL or content hash. Returns how many were new.
   */
  insertMany(items: NewItem[]): Promise<{ inserted: number }>;
  /** Items first seen in [since, until), not seenOnly, newest published first. */
  listArrived(since: Date, until: Date, limit: number): Promise<StoredItem[]>;
  getMany(ids: number[]): Promise<StoredItem[]>;
  countForFeed(feedId: number): Promise<number>;
}

export interface AddSubscriberResult {
  subscriber: Subscriber;
  /** False when the address was already known (not an error). */
  created: boolean;
}

export interface SubscriberRepository {
  /** Email must already be validated and normalised. */
  add(input: {
    email: string;
    name?: string | null;
    status: SubscriberStatus;
    preferences?: SubscriberPreferences;
    consentSource?: string | null;
    now: Date;
  }): Promise<AddSubscriberResult>;
  findByEmail(email: string): Promise<Subscriber | undefined>;
  get(id: number): Promise<Subscriber | undefined>;
  list(opts?: { status?: SubscriberStatus }): Promise<Subscriber[]>;
  setStatus(id: number, status: SubscriberStatus, now: Date): Promise<void>;
  /** Returns false when no such subscriber. */
  remove(email: string): Promise<boolean>;
  countActive(): Promise<number>;
}

export interface EditionRepository {
  /**
   * Creates the edition for (digest, slot), or returns the existing one
   * unchanged if that slot already has an edition (created: false).
   */
  create(input: {
    digest: string;
    slot: string;
    windowStart: Date;
    windowEnd: Date;
    subject: string;
    itemIds: number[];
    model: EditionModel;
    now: Date;
  }): Promise<{ edition: Edition; created: boolean }>;
  get(id: number): Promise<Edition | undefined>;
  /** Newest first. */
  list(opts?: { digest?: string; limit?: number }): Promise<Edition[]>;
  /** The most recent edition of a digest (by windowEnd), any status. */
  latest(digest: string): Promise<Edition | undefined>;
  /** Editions of a digest whose status is not 'sent', oldest first. */
  unfinished(digest?: string): Promise<Edition[]>;
  setStatus(id: number, status: Edition['status']): Promise<void>;
}

export interface DeliveryCounts {
  pending: number;
  sent: number;
  failed: number;
  skipped: number;
}

export interface DeliveryRepository {
  /**
   * Adds one pending row per active subscriber that has none for this
   * edition (set-based, never loads the list). Idempotent. Returns rows added.
   */
  enqueue(editionId: number, now: Date): Promise<number>;
  /**
   * Pending rows with id > afterId, ordered by id, at most limit. Rows whose
   * subscriber is no longer active are marked 'skipped' instead of returned,
   * so an unsubscribe takes effect during a send.
   */
  nextBatch(editionId: number, afterId: number, limit: number): Promise<DeliveryTarget[]>;
  markSent(deliveryId: number, r: { messageId: string; reply: string; at: Date }): Promise<void>;
  /** Permanent failure; with bounce=true the subscriber becomes 'bounced'. */
  markFailed(deliveryId: number, r: { reply: string; at: Date; bounce: boolean }): Promise<void>;
  /** Nothing to send to this subscriber (e.g. an empty personal copy); never retried. */
  markSkipped(deliveryId: number, r: { reason: string; at: Date }): Promise<void>;
  /** A temporary failure: attempts + 1, reply kept, row stays pending. */
  recordAttempt(deliveryId: number, r: { reply: string; at: Date }): Promise<void>;
  counts(editionId: number): Promise<DeliveryCounts>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  feeds: FeedRepository;
  items: ItemRepository;
  subscribers: SubscriberRepository;
  editions: EditionRepository;
  deliveries: DeliveryRepository;
  close(): Promise<void>;
}
