// The shape of dispatch.config.yaml. Strict objects: an unknown key is an error
// that names the key, so a typo never silently falls back to a default.
import { Cron } from 'croner';
import { z } from 'zod';
import { REGION_KEYS } from '../shared/regions.js';
import { parseDuration } from './parse-duration.js';

const duration = z.string().superRefine((value, ctx) => {
  const r = parseDuration(value);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
});

const tag = z.string().regex(/^[a-z0-9][a-z0-9 &_-]*$/i, 'expected a tag of letters, digits, spaces, "&", "-" or "_"');

const regionKey = z.enum(REGION_KEYS, `expected one of the region keys ${REGION_KEYS.join(', ')}`);
const topicKey = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a topic key such as "trade-sanctions"');

export const feedEntrySchema = z.strictObject({
  name: z.string().min(1, 'expected a non-empty feed name'),
  url: z.string().min(1, 'expected an http(s) URL or a local path'),
  homepage: z.string().optional(),
  tags: z.array(tag).default([]),
  language: z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code such as "en"').optional(),
  kind: z.enum(['official', 'think-tank', 'journal', 'news', 'blog']).optional(),
  /** Assumed when the tagger finds none in an item. */
  regions: z.array(regionKey).default([]),
  topics: z.array(topicKey).default([]),
  weight: z.number().min(0.1).max(10).default(1),
  /**
   * `foreign-policy`: a generic world-news feed only contributes items with a country or topic.
   * `none`: turns off the default relevance check (sports, celebrity, weather, markets-only) for this feed.
   */
  filter: z.enum(['foreign-policy', 'none']).optional(),
  include: z.array(z.string().min(1)).optional(),
  exclude: z.array(z.string().min(1)).optional(),
  maxAge: duration.optional(),
  maxItems: z.number().int().min(1).optional(),
});

const catalogRefSchema = z.strictObject({
  catalog: z.string().min(1, 'expected the path of a catalog YAML file'),
});

const timezone = z.string().superRefine((tz, ctx) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    ctx.addIssue({ code: 'custom', message: `expected an IANA time zone such as "Europe/Berlin", got "${tz}"` });
  }
});

const cronExpression = z.string().superRefine((expr, ctx) => {
  try {
    new Cron(expr, { paused: true });
  } catch (err) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a cron expression with 5 or 6 fields such as "0 7 * * 1-5", got "${expr}" (${(err as Error).message})`,
    });
  }
});

const digestSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case name of letters, digits and "-"'),
    title: z.string().min(1),
    schedule: cronExpression.default('0 7 * * *'),
    timezone: timezone.default('UTC'),
    lookback: duration.default('24h'),
    maxItems: z.number().int().min(1).max(500).default(30),
    minItems: z.number().int().min(0).default(3),
    sections: z.array(tag).optional(),
    /** What sections group by: story region (default), topic, or feed tag. */
    sectionBy: z.enum(['region', 'topic', 'tag']).default('region'),
    /** Stories in the "top stories" block at the head (0 = none). */
    topStories: z.number().int().min(0).max(10).default(3),
    /** Overrides schedule.catchUpGrace for this digest. */
    catchUpGrace: duration.optional(),
    /** Items published longer ago never enter an edition (default: twice the schedule's period). */
    maxAge: duration.optional(),
    /** At most this many stories per outlet (by the headline's outlet). */
    maxPerSource: z.number().int().min(1).max(500).optional(),
    /** The review desk: the slot builds a draft; an editor approves it before anything is sent. */
    review: z
      .strictObject({
        required: z.boolean().default(true),
        deadline: duration.default('2h'),
        onMissed: z.enum(['skip', 'send'], 'expected "skip" or "send"').default('skip'),
      })
      .optional(),
    /** Template folder for this digest only: overrides the global `templates:` set, file by file over the built-in one. */
    templates: z.string().min(1).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.minItems > d.maxItems) {
      ctx.addIssue({ code: 'custom', path: ['minItems'], message: `must not exceed maxItems (${d.maxItems})` });
    }
  });

const sendingSchema = z.strictObject({
  from: z.string().min(3).default('Dispatch <dispatch@localhost>'),
  replyTo: z.string().optional(),
  /** mailto: address for List-Unsubscribe (the subscribe-by-mail listener answers it). */
  unsubscribeAddress: z.string().optional(),
  /** Issue 10: VERP envelope sender base (bounces+<token>@domain) and the ARF complaints mailbox. */
  bounceAddress: z.string().optional(),
  complaintsAddress: z.string().optional(),
  /** Issue 10: a reader is suppressed after `softCount` soft bounces within their last `softEditions` editions. */
  bounces: z
    .strictObject({
      softCount: z.number().int().min(1).max(100).default(2),
      softEditions: z.number().int().min(1).max(100).default(3),
    })
    .default({ softCount: 2, softEditions: 3 }),
  pool: z
    .strictObject({
      connections: z.number().int().min(1).max(50).default(5),
      messagesPerConnection: z.number().int().min(1).default(100),
      ratePerSecond: z.number().positive().default(50),
    })
    .default({ connections: 5, messagesPerConnection: 100, ratePerSecond: 50 }),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(20).default(5),
    })
    .default({ maxAttempts: 5 }),
  /**
   * Group commit of the ledger: accepted messages are recorded in groups of
   * at most `rows`, at most `ms` after the relay's 250. The bounds are the
   * crash window the README promises (after a hard kill, at most the messages
   * on the wire plus up to two groups can go out twice).
   */
  groupCommit: z
    .strictObject({
      rows: z.number().int().min(1).max(64).default(64),
      ms: z.number().int().min(0).max(100).default(100),
    })
    .default({ rows: 64, ms: 100 }),
  /**
   * Worker threads that build and sign messages: 'auto' (one fewer than the
   * cores when signing with DKIM, none without) or a count; 0 signs on
   * libuv's thread pool instead (~20 MB less per process, measured ~5–10 %
   * fewer messages a second on 2 cores).
   */
  threads: z.union([z.literal('auto'), z.number().int().min(0).max(64)], { error: 'expected "auto" or a number of threads from 0 to 64' }).default('auto'),
  dkim: z
    .strictObject({
      domain: z.string().min(1),
      selector: z.string().min(1),
      keyFile: z.string().min(1),
    })
    .optional(),
});

const fetchSchema = z.strictObject({
  timeout: duration.default('15s'),
  maxBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
  concurrency: z.number().int().min(1).max(64).default(6),
  userAgent: z.string().optional(),
});

// Sign-up (issue 3): how long a confirmation link works; whether to believe
// X-Forwarded-For (only behind your own reverse proxy) for per-IP rate limits.
const subscribeSchema = z.strictObject({
  confirmationTtl: duration.default('48h'),
  trustProxy: z.boolean().default(false),
});

// Scheduling (issue 4): how often feeds are fetched, how late a missed slot
// may still go out, when a failing feed backs off, how long a lease lasts.
const scheduleSchema = z.strictObject({
  fetchEvery: duration.default('15m'),
  catchUpGrace: duration.default('6h'),
  /** A slot refreshes feeds not fetched within this long before it builds. */
  freshFor: duration.default('5m'),
  /** Failures in a row after which a feed backs off and counts as failing. */
  failingAfter: z.number().int().min(1).max(100).default(3),
  maxBackoff: duration.default('6h'),
  lease: duration.default('2m'),
});

export const configSchema = z.strictObject({
  feeds: z.array(z.union([catalogRefSchema, feedEntrySchema])).default([]),
  digests: z.array(digestSchema).min(1, 'expected at least one digest'),
  templates: z.string().optional(),
  outbox: z.string().default('./outbox'),
  dataDir: z.string().default('./data'),
  sending: sendingSchema.default(sendingSchema.parse({})),
  fetch: fetchSchema.default(fetchSchema.parse({})),
  schedule: scheduleSchema.default(scheduleSchema.parse({})),
  subscribe: subscribeSchema.default(subscribeSchema.parse({})),
});

export const catalogSchema = z.array(feedEntrySchema);

export type ConfigFile = z.infer<typeof configSchema>;
export type DigestFileEntry = z.infer<typeof digestSchema>;
