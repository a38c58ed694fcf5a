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
    /** Default 'built'; 'draft' holds it for the review desk. */
    status?: Edition['status'];
  }): Promise<{ edition: Edition; created: boolean }>;
  get(id: number): Promise<Edition | undefined>;
  /** Newest first. */
  list(opts?: { digest?: string; limit?: number }): Promise<Edition[]>;
  /** The most recent edition of a digest (by windowEnd), any status. */
  latest(digest: string): Promise<Edition | undefined>;
  /** Editions of a digest still to send (not sent, and not held by the review desk), oldest first. */
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
   * Pending rows with id > afterId, ordered by id, at most limit (a listing
   * that claims nothing). Rows whose subscriber is no longer active are
   * marked 'skipped' instead of returned.
   */
  nextBatch(editionId: number, afterId: number, limit: number): Promise<DeliveryTarget[]>;
  /**
   * Claims up to `limit` pending rows of the edition for `holder` until
   * now + ttlMs: rows nobody holds or whose claim ran out, in id order.
   * PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent workers get disjoint
   * batches without waiting on each other. Rows whose subscriber is no longer
   * active are marked 'skipped' instead of returned.
   */
  claimBatch(editionId: number, holder: string, limit: number, now: Date, ttlMs: number): Promise<DeliveryTarget[]>;
  /** Who holds unexpired claims on pending rows of the edition (to spot a dead holder). */
  claimHolders(editionId: number, now: Date): Promise<string[]>;
  /** Extends every pending claim of `holder`; returns how many rows it holds. */
  renewClaims(holder: string, now: Date, ttlMs: number): Promise<number>;
  /**
   * Gives back every pending row `holder` claimed (at shutdown), or only those
   * of one edition (one process can send several editions at once: the
   * scheduler runs each digest's slot on its own); returns how many.
   */
  releaseClaims(holder: string, editionId?: number): Promise<number>;
  /**
   * The mid-send re-check (unsubscribes, removals, bounces, lost claims):
   * of these rows, the ids that may still be handed to the relay (pending,
   * still claimed by `holder`, subscriber still active). Rows of `holder`
   * whose reader is no longer active are marked 'skipped' on the way.
   */
  recheck(holder: string, deliveryIds: readonly number[]): Promise<Set<number>>;
  markSent(deliveryId: number, r: { messageId: string; reply: string; at: Date }): Promise<void>;
  /** markSent for several rows in one statement (the sender's group commit). */
  markSentMany(rows: ReadonlyArray<{ deliveryId: number; messageId: string; reply: string; at: Date }>): Promise<void>;
  /** Permanent failure; with bounce=true the subscriber becomes 'bounced'. */
  markFailed(deliveryId: number, r: { reply: string; at: Date; bounce: boolean }): Promise<void>;
  /** Nothing to send to this subscriber (e.g. an empty personal copy); never retried. */
  markSkipped(deliveryId: number, r: { reason: string; at: Date }): Promise<void>;
  /** A temporary failure: attempts + 1, reply kept, row stays pending. */
  recordAttempt(deliveryId: number, r: { reply: string; at: Date }): Promise<void>;
  counts(editionId: number): Promise<DeliveryCounts>;
}

export type ConsumeConfirmationResult =
  | { ok: true; subscriberId: number; preferences: SubscriberPreferences; source: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'used'; subscriberId: number | null };

export interface ConsentRecord {
  at: Date | null;
  source: string | null;
  ip: string | null;
}

/** Double opt-in, consent and erasure (issue 3). Token and address values here are already hashed. */
export interface SubscriptionRepository {
  /**
   * Claims the right to mail a confirmation to this subscriber: true (and the
   * time recorded) unless one was sent at or after `notBefore`. One
   * conditional UPDATE, so concurrent requests and processes get one winner.
   */
  claimConfirmationSlot(subscriberId: number, now: Date, notBefore: Date): Promise<boolean>;
  /** Gives the slot back after the mail could not be sent. */
  releaseConfirmationSlot(subscriberId: number): Promise<void>;
  createConfirmation(input: {
    subscriberId: number;
    tokenHash: string;
    preferences: SubscriberPreferences;
    source: string;
    requestIp: string | null;
    expiresAt: Date;
    now: Date;
  }): Promise<void>;
  /**
   * Marks the confirmation used (single use, atomically) and every other open
   * confirmation of the same subscriber with it. Says why when it cannot.
   */
  consumeConfirmation(tokenHash: string, now: Date): Promise<ConsumeConfirmationResult>;
  /** Status active with a new consent (time, source, IP) and the confirmed preferences. */
  activate(subscriberId: number, r: { now: Date; source: string; ip: string | null; preferences: SubscriberPreferences }): Promise<void>;
  setPreferences(subscriberId: number, preferences: SubscriberPreferences, now: Date): Promise<void>;
  getConsent(subscriberId: number): Promise<ConsentRecord | undefined>;
  isSuppressed(emailHash: string): Promise<boolean>;
  unsuppress(emailHash: string): Promise<void>;
  /**
   * GDPR erasure in one transaction: the subscriber, their deliveries and
   * confirmations go, a suppression (hash only) stays. False when unknown
   * (the suppression is recorded anyway).
   */
  erase(email: string, emailHash: string, now: Date): Promise<boolean>;
}

/** A single-flight lease (issue 4): who may do a unit of work (e.g. `digest:daily`) until when. */
export interface Lease {
  name: string;
  holder: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export type LeaseAcquireResult = { acquired: true; lease: Lease } | { acquired: false; heldBy: Lease };

export interface LeaseRepository {
  /**
   * Takes the lease if nobody holds it, its holder let it expire, or `holder`
   * already holds it (then it is extended). One statement (insert, or update
   * only where expired), so of two racing processes exactly one wins; the
   * loser learns who holds it.
   */
  acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<LeaseAcquireResult>;
  /** Extends a lease still held by `holder`; false when it was lost (expired and taken). */
  renew(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  /**
   * Takes the lease from `fromHolder` (a process known to be dead) whatever
   * its expiry; false when someone else changed it first.
   */
  takeOver(name: string, fromHolder: string, toHolder: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` holds it. */
  release(name: string, holder: string): Promise<boolean>;
  get(name: string): Promise<Lease | undefined>;
  list(): Promise<Lease[]>;
}

/** running: claimed, edition being built or sent; the others are final. */
export type SlotRunStatus = 'running' | 'sent' | 'skipped' | 'missed' | 'paused';

/** What became of one scheduled slot of a digest (issue 4). */
export interface SlotRun {
  digest: string;
  /** ISO time of the slot; the edition of this slot has the same key. */
  slot: string;
  status: SlotRunStatus;
  reason: string | null;
  editionId: number | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface SlotRunRepository {
  /** Records the slot as running, or returns its existing row unchanged (created: false). */
  start(input: { digest: string; slot: string; now: Date }): Promise<{ run: SlotRun; created: boolean }>;
  /** Sets status/reason/edition; a final status also sets finished_at. Creates the row if missing. */
  update(input: { digest: string; slot: string; status: SlotRunStatus; reason?: string | null; editionId?: number | null; now: Date }): Promise<void>;
  get(digest: string, slot: string): Promise<SlotRun | undefined>;
  /** The run with the latest slot of a digest. */
  latest(digest: string): Promise<SlotRun | undefined>;
  /** Latest slot first. */
  list(opts?: { digest?: string; limit?: number }): Promise<SlotRun[]>;
}

/** A send rate shared by every process on the database (issue 9). */
export interface SendRateRepository {
  /**
   * Takes up to `want` send tokens from the current one-second window of
   * `name` (at most `perSecond` per window across all processes). Returns how
   * many were granted and, when none, how long until the next window.
   */
  take(name: string, want: number, perSecond: number): Promise<{ granted: number; waitMs: number }>;
}

/** Issue 10: a bounce or complaint report, as stored against its delivery. */
export type ReportKind = 'hard' | 'soft' | 'complaint';

export interface DeliveryReport {
  id: number;
  deliveryId: number;
  editionId: number;
  subscriberId: number;
  kind: ReportKind;
  statusCode: string | null;
  diagnostic: string | null;
  identifiedBy: string;
  format: string;
  receivedAt: Date;
}

export interface ReportedDelivery {
  deliveryId: number;
  editionId: number;
  subscriberId: number;
  email: string;
  digest: string;
}

export interface DeliverabilityCounts {
  sent: number;
  /** Deliveries with at least one report of each kind (a delivery counts once per kind). */
  hardBounces: number;
  softBounces: number;
  complaints: number;
}

/** Bounces, complaints and the guard rails built on them (issue 10). */
export interface DeliverabilityRepository {
  findDelivery(editionId: number, subscriberId: number): Promise<ReportedDelivery | undefined>;
  findDeliveryById(deliveryId: number): Promise<ReportedDelivery | undefined>;
  /** `<id@domain>` with or without brackets. */
  findDeliveryByMessageId(messageId: string): Promise<ReportedDelivery | undefined>;
  /** The latest sent delivery to this (normalised) address. */
  findLatestDeliveryTo(email: string): Promise<ReportedDelivery | undefined>;
  addReport(r: Omit<DeliveryReport, 'id'>): Promise<DeliveryReport>;
  reportsFor(deliveryId: number): Promise<DeliveryReport[]>;
  /** Of the subscriber's last `editions` sent deliveries, how many have a soft-bounce report. */
  softBouncedEditions(subscriberId: number, editions: number): Promise<number>;
  /** Whether this subscriber ever complained (never mailed again, not even a confirmation). */
  hasComplained(subscriberId: number): Promise<boolean>;
  editionCounts(editionId: number): Promise<DeliverabilityCounts>;
  /** Deliveries sent in [since, until] and the reports about them, for a digest or all. */
  windowCounts(since: Date, until: Date, digest?: string): Promise<DeliverabilityCounts>;
  /** Hard-bounce reports about the edition's first `first` deliveries (by id), and how many deliveries that is. */
  earlyHardBounces(editionId: number, first: number): Promise<{ hard: number; deliveries: number }>;
  pauseDigest(digest: string, reason: string, now: Date): Promise<boolean>;
  resumeDigest(digest: string): Promise<boolean>;
  digestPause(digest: string): Promise<{ reason: string; pausedAt: Date } | undefined>;
  holdEdition(editionId: number, reason: string, now: Date): Promise<boolean>;
  releaseEdition(editionId: number): Promise<boolean>;
  editionHold(editionId: number): Promise<{ reason: string; heldAt: Date } | undefined>;
  /** One confirmation per address per day: true (and recorded) unless one was sent at or after notBefore. */
  claimChallenge(emailHash: string, now: Date, notBefore: Date): Promise<boolean>;
}

/** One group of subscribers by the days they were created, confirmed and last changed (issue 12). */
export interface SubscriberTimelineRow {
  created: string;
  consent: string | null;
  updated: string;
  status: string;
  count: number;
}

export interface EditionSendStats {
  editionId: number;
  digest: string;
  subject: string;
  status: string;
  createdAt: Date;
  sent: number;
  failed: number;
  bounced: number;
  complained: number;
  skipped: number;
  pending: number;
  firstSentAt: Date | null;
  lastSentAt: Date | null;
}

/** Read-only aggregates for metrics and the studio dashboard (issue 12). */
export interface OpsRepository {
  subscriberCounts(): Promise<Record<string, number>>;
  pendingDeliveries(): Promise<number>;
  subscriberTimeline(): Promise<SubscriberTimelineRow[]>;
  /** Newest editions first. */
  editionSendStats(limit: number): Promise<EditionSendStats[]>;
  /** Messages sent per second of one edition's send. */
  sendTimeline(editionId: number): Promise<Array<{ at: Date; sent: number }>>;
  /** Items first seen per feed and UTC day since `since`. */
  itemsPerDay(since: Date): Promise<Array<{ feedId: number; day: string; count: number }>>;
}

export type ReviewStatus = 'draft' | 'approved' | 'released' | 'skipped';

/** An edition held for review (the review desk, issue 11). */
export interface EditionReview {
  editionId: number;
  digest: string;
  status: ReviewStatus;
  /** The model as built, before any edit. */
  draftModel: EditionModel;
  /** When the edition is due: "approve for the slot time" sends it then; unapproved by then, onMissed decides. */
  dueAt: Date;
  onMissed: 'skip' | 'send';
  /** Approved: when it goes out. */
  sendAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  /** Why it was released or skipped, for people ("approved by ana", "deadline passed: skipped"). */
  outcome: string | null;
  createdAt: Date;
}

export interface StoredEditionEdit {
  id: number;
  editionId: number;
  /** An EditionEdit (edition stage), kept as data here. */
  edit: { op: string } & Record<string, unknown>;
  author: string;
  at: Date;
}

export interface ReviewRepository {
  /** Holds an edition for review. Idempotent per edition. */
  open(input: { editionId: number; digest: string; draftModel: EditionModel; dueAt: Date; onMissed: 'skip' | 'send'; now: Date }): Promise<EditionReview>;
  get(editionId: number): Promise<EditionReview | undefined>;
  /** Reviews still waiting (draft or approved for later), oldest first. */
  listOpen(): Promise<EditionReview[]>;
  edits(editionId: number): Promise<StoredEditionEdit[]>;
  /**
   * Stores one edit and the edition's model and subject after it, in one
   * transaction, only while the review is a draft. False when it is not.
   */
  addEdit(input: { editionId: number; edit: StoredEditionEdit['edit']; author: string; now: Date; model: EditionModel; subject: string }): Promise<boolean>;
  /**
   * Moves a review on, only from one of `from` (a conditional update, so two
   * people approving at once get one winner), and sets the edition's status
   * with it. False when the review was not in one of `from`.
   */
  transition(input: {
    editionId: number;
    from: ReviewStatus[];
    to: ReviewStatus;
    editionStatus: Edition['status'];
    sendAt?: Date | null;
    approvedBy?: string | null;
    approvedAt?: Date | null;
    outcome?: string | null;
  }): Promise<boolean>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  feeds: FeedRepository;
  items: ItemRepository;
  subscribers: SubscriberRepository;
  editions: EditionRepository;
  deliveries: DeliveryRepository;
  leases: LeaseRepository;
  slotRuns: SlotRunRepository;
  subscriptions: SubscriptionRepository;
  sendRate: SendRateRepository;
  deliverability: DeliverabilityRepository;
  ops: OpsRepository;
  reviews: ReviewRepository;
  close(): Promise<void>;
}
