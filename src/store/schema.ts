// Table shapes as Kysely sees them. Portable on purpose: timestamps are
// ISO-8601 UTC text (lexicographic order = time order in both dialects), JSON
// is text, booleans are integers 0/1. Repositories map rows to domain types.
import type { Generated } from 'kysely';

export interface FeedsTable {
  id: Generated<number>;
  /** The URL the feed was declared with (config/catalog); the upsert key. */
  url: string;
  /** Set after a permanent redirect: the URL to fetch from now on. */
  fetch_url: string | null;
  name: string;
  homepage: string | null;
  /** JSON string[] */
  tags: string;
  etag: string | null;
  last_modified: string | null;
  last_status: string | null;
  last_error: string | null;
  failure_streak: Generated<number>;
  last_fetched_at: string | null;
  paused: Generated<number>;
  /** Ranking weight from the catalog (migration 004). */
  weight: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ItemsTable {
  id: Generated<number>;
  feed_id: number;
  guid: string;
  url: string | null;
  canonical_url: string | null;
  title: string;
  summary_html: string;
  excerpt: string;
  published_at: string;
  first_seen_at: string;
  content_hash: string;
  /** JSON string[] */
  tags: string;
  seen_only: number;
  /** JSON string[]: ISO country codes, region keys, topic keys (migration 004). */
  countries: Generated<string>;
  regions: Generated<string>;
  topics: Generated<string>;
  /** JSON string[]: the countries the item is about (migration 008); NULL for rows stored before it. */
  about_countries: Generated<string | null>;
}

export interface SubscribersTable {
  id: Generated<number>;
  email: string;
  name: string | null;
  status: string;
  /** JSON SubscriberPreferences */
  preferences: string;
  consent_at: string | null;
  consent_source: string | null;
  created_at: string;
  updated_at: string;
  /** Migration 003: IP of the request that confirmed. */
  consent_ip: Generated<string | null>;
  /** Migration 003: when the last confirmation mail was sent (one per hour). */
  confirmation_sent_at: Generated<string | null>;
}

export interface EditionsTable {
  id: Generated<number>;
  digest: string;
  slot: string;
  window_start: string;
  window_end: string;
  subject: string;
  /** JSON number[] */
  item_ids: string;
  /** JSON EditionModel */
  model: string;
  status: string;
  created_at: string;
}

export interface DeliveriesTable {
  id: Generated<number>;
  edition_id: number;
  subscriber_id: number;
  status: string;
  attempts: Generated<number>;
  last_reply: string | null;
  message_id: string | null;
  last_attempt_at: string | null;
  sent_at: string | null;
  created_at: string;
  /** Migration 005: the process sending this row (kept on final rows: who sent it). */
  claimed_by: Generated<string | null>;
  /** Migration 005: the claim runs out at this time unless renewed. */
  claim_expires_at: Generated<string | null>;
}

/** Migration 003: pending double opt-in confirmations (token stored as a hash only). */
export interface ConfirmationsTable {
  id: Generated<number>;
  subscriber_id: number;
  token_hash: string;
  /** JSON SubscriberPreferences asked for at sign-up, applied on confirmation. */
  preferences: string;
  source: string;
  request_ip: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** Migration 003: hashes of erased addresses (GDPR), never re-imported. */
export interface SuppressionsTable {
  email_hash: string;
  reason: string;
  created_at: string;
}

/** Migration 002: single-flight leases. */
export interface LeasesTable {
  name: string;
  holder: string;
  acquired_at: string;
  expires_at: string;
}

/** Migration 002: what became of each scheduled slot. */
export interface SlotRunsTable {
  digest: string;
  slot: string;
  status: string;
  reason: string | null;
  edition_id: number | null;
  started_at: string;
  finished_at: string | null;
}

/** Migration 005: a per-second send counter shared by every worker (global ratePerSecond). */
export interface SendRateTable {
  name: string;
  window_ms: number | string;
  used: number;
  last_grant: Generated<number>;
}

/** Migration 006: bounce and complaint reports, one row per report, against its delivery. */
export interface DeliveryReportsTable {
  id: Generated<number>;
  delivery_id: number;
  edition_id: number;
  subscriber_id: number;
  kind: string;
  status_code: string | null;
  diagnostic: string | null;
  identified_by: string;
  format: string;
  received_at: string;
}

/** Migration 006: digests paused by the complaint-rate guard. */
export interface DigestPausesTable {
  digest: string;
  reason: string;
  paused_at: string;
}

/** Migration 006: editions stopped by the bounce breaker until `send --force`. */
export interface EditionHoldsTable {
  edition_id: number;
  reason: string;
  held_at: string;
}

/** Migration 006: last confirmation mail answering an unauthenticated inbound request. */
export interface InboundChallengesTable {
  email_hash: string;
  sent_at: string;
}

/** Migration 007: an edition held for review (the review desk). */
export interface EditionReviewsTable {
  edition_id: number;
  digest: string;
  status: string;
  /** JSON EditionModel as built, before any edit. */
  draft_model: string;
  due_at: string;
  on_missed: string;
  send_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  outcome: string | null;
  created_at: string;
}

/** Migration 007: one editor's edit of a draft edition (JSON EditionEdit). */
export interface EditionEditsTable {
  id: Generated<number>;
  edition_id: number;
  edit: string;
  author: string;
  created_at: string;
}

export interface DatabaseSchema {
  feeds: FeedsTable;
  items: ItemsTable;
  subscribers: SubscribersTable;
  editions: EditionsTable;
  deliveries: DeliveriesTable;
  leases: LeasesTable;
  slot_runs: SlotRunsTable;
  confirmations: ConfirmationsTable;
  suppressions: SuppressionsTable;
  send_rate: SendRateTable;
  delivery_reports: DeliveryReportsTable;
  digest_pauses: DigestPausesTable;
  edition_holds: EditionHoldsTable;
  inbound_challenges: InboundChallengesTable;
  edition_reviews: EditionReviewsTable;
  edition_edits: EditionEditsTable;
}
