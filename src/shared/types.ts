// Domain types shared by every stage. Stages depend on these, never on each
// other's internals; only the composition root (cli, use cases) wires stages.

/** A feed as the config or a catalog file declares it. */
export interface FeedSource {
  name: string;
  /** http(s) URL or a local file path (resolved against the config file). */
  url: string;
  homepage?: string;
  tags: string[];
  /** Ranking weight (0.5–2, default 1). */
  weight?: number;
  /** Regions/topics assumed when the tagger finds none (e.g. a regional outlet). */
  regions?: string[];
  topics?: string[];
  /** `foreign-policy`: only items with a country or topic tag enter a digest. */
  /** `none`: no default relevance check (sports, celebrity, weather and markets-only items stay out otherwise). */
  filter?: 'foreign-policy' | 'none' | null;
  /** Keyword filters on title + summary (case-insensitive, word boundaries). */
  include?: string[];
  exclude?: string[];
  /** Items published longer ago than this are recorded but never offered. */
  maxAgeMs?: number | null;
  /** At most this many new items per fetch are offered (newest first). */
  maxItems?: number | null;
}

/** One entry as the parser saw it, before any cleaning. Every field may be missing or hostile. */
export interface RawItem {
  guid?: string;
  link?: string;
  title?: string;
  /** HTML (or text) from description/content/summary; untrusted. */
  summary?: string;
  /** The date string the feed gave, unparsed (one bad date must not drop the feed). */
  date?: string;
  author?: string;
}

/** A cleaned item ready to be stored. */
export interface NewItem {
  feedId: number;
  guid: string;
  /** Link as given minus tracking parameters (absolute, http(s) only), or null. */
  url: string | null;
  /** Link without tracking parameters and fragment; the dedupe key across feeds. */
  canonicalUrl: string | null;
  title: string;
  /** Sanitized HTML: safe to put into a mail unescaped. */
  summaryHtml: string;
  /** Plain-text excerpt with a length cap. */
  excerpt: string;
  publishedAt: Date;
  firstSeenAt: Date;
  /** Hash of normalised title + excerpt; the dedupe key for re-posted items. */
  contentHash: string;
  tags: string[];
  /** ISO 3166 alpha-2 codes (XK for Kosovo) the tagger found, first mention first. */
  countries: string[];
  /**
   * The subset of `countries` the item is about (not brokers, hosts or passing
   * mentions). Set by tagging and stored (migration 008); absent on items
   * stored before that, where it is not known.
   */
  aboutCountries?: string[];
  /** Region keys (americas, europe, mena, sub-saharan-africa, south-central-asia, east-asia-pacific) of what the item is about. */
  regions: string[];
  /** Topic keys (security-defence, diplomacy-summits, …). */
  topics: string[];
  /**
   * True for a new feed's back catalogue: recorded so it is never offered
   * again, but never eligible for an edition.
   */
  seenOnly: boolean;
}

export interface StoredItem extends NewItem {
  id: number;
  /** The feed's display name. */
  source: string;
  /** The feed's weight for ranking (catalog `weight`, default 1). */
  feedWeight: number;
}

export type FeedFetchStatus = 'ok' | 'not-modified' | 'failed';

export interface FeedRecord {
  id: number;
  url: string;
  name: string;
  homepage: string | null;
  tags: string[];
  etag: string | null;
  lastModified: string | null;
  lastStatus: FeedFetchStatus | null;
  lastError: string | null;
  failureStreak: number;
  lastFetchedAt: Date | null;
  /** Set after 410 Gone; a paused feed is not fetched. */
  paused: boolean;
  createdAt: Date;
}

export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced';

export interface SubscriberPreferences {
  digests?: string[];
  regions?: string[];
  topics?: string[];
}

export interface Subscriber {
  id: number;
  /** Normalised (trimmed, domain lower-cased). Unique. */
  email: string;
  name: string | null;
  status: SubscriberStatus;
  preferences: SubscriberPreferences;
  consentAt: Date | null;
  consentSource: string | null;
  createdAt: Date;
}

/**
 * built: items chosen, deliveries may not exist yet; sending: ledger filled; sent: no pending row left.
 * Review desk: draft (waiting for an editor), approved (approved for a later send time),
 * discarded (its review deadline passed with onMissed: skip). None of these three is sent.
 */
export type EditionStatus = 'built' | 'sending' | 'sent' | 'draft' | 'approved' | 'discarded';

export interface Edition {
  id: number;
  digest: string;
  /** Schedule slot key, unique per digest (ISO time of the slot or of a manual run). */
  slot: string;
  windowStart: Date;
  windowEnd: Date;
  subject: string;
  itemIds: number[];
  /** The edition model as rendered, so a resumed send mails exactly the same content. */
  model: EditionModel;
  status: EditionStatus;
  createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** One pending delivery with what is needed to mail it. */
export interface DeliveryTarget {
  deliveryId: number;
  subscriberId: number;
  email: string;
  name: string | null;
  preferences: SubscriberPreferences;
  attempts: number;
}

// ---- The edition model: what templates see (and `dispatch preview --json` prints). ----

export interface ItemView {
  id: number;
  source: string;
  title: string;
  /** http(s) only, else null: templates may put it in href without checks. */
  url: string | null;
  /** Sanitized by curate; the only HTML a template outputs unescaped. */
  summaryHtml: string;
  /**
   * The whole summary as plain text (the text part carries this, so both parts
   * say the same). Missing in models stored before issue 11: fall back to excerpt.
   */
  summaryText?: string;
  excerpt: string;
  publishedAt: string;
  countries: string[];
  /**
   * The countries the item is about (a subset of `countries`: without brokers,
   * hosts and passing mentions). Absent for items stored before it was kept.
   */
  aboutCountries?: string[];
  regions: string[];
  topics: string[];
}

/** One dated upcoming event found in a story ("What to watch"). */
export interface WatchItem {
  /** YYYY-MM-DD. */
  date: string;
  /** "Mon 7 Dec", "Week of 7 Dec". */
  when: string;
  /** The sentence that names it. */
  text: string;
  storyId: string;
  source: string;
  url: string | null;
}

/** The editor's note: Markdown rendered and sanitized (noteHtml), and as plain text. */
export interface EditorsNote {
  noteHtml: string;
  text: string;
}

export interface StoryView {
  id: string;
  headline: ItemView;
  /** Other outlets' items on the same story ("also reported by"). */
  alsoReportedBy: ItemView[];
}

export interface SectionView {
  key: string;
  title: string;
  stories: StoryView[];
}

export interface EditionModel {
  digest: { name: string; title: string };
  editionId: number | null;
  subject: string;
  preheader: string;
  /** ISO time the edition was built. */
  date: string;
  sections: SectionView[];
  /** The few most important stories, shown at the head (not repeated in the sections). */
  topStories?: StoryView[];
  /** Items (headlines plus "also reported by"). */
  itemCount: number;
  /** Stories (what the header counts). Missing in models stored before issue 11. */
  storyCount?: number;
  /** Minutes to read the edition at 230 words a minute, at least 1. */
  readingMinutes?: number;
  /** Written in the review desk; shown at the top. */
  editorsNote?: EditorsNote | null;
  /** Dated upcoming events found in the stories, earliest first. */
  whatToWatch?: WatchItem[];
}

/** Per-recipient data for the single Handlebars fill. */
export interface RecipientView {
  email: string;
  name: string | null;
  unsubscribeUrl: string;
  preferencesUrl: string;
  /** Archived edition ("view in browser"). */
  viewInBrowserUrl: string;
}
