// What the studio dashboard shows, computed from the store: subscribers over
// time by status, each edition's delivery counts and send rate, feed health
// with items per day, and the next slots per digest. Read-only.
import { backoffPolicy, deliverabilityHealth, feedHealth, type AppContext, type DeliverabilityHealth, type FeedState } from '../app/index.js';
import { formatDateTime } from '../edition/index.js';
import { nextSlots } from '../schedule/index.js';
import type { EditionSendStats, SubscriberTimelineRow } from '../shared/store.js';

export const SUBSCRIBER_STATES = ['active', 'pending', 'unsubscribed', 'bounced'] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];

export interface DashboardData {
  now: Date;
  subscribers: { days: string[]; byStatus: Record<SubscriberState, number[]>; current: Record<string, number> };
  editions: Array<EditionSendStats & { rate: { perSecond: number[]; bucketSeconds: number; peak: number; average: number } | null }>;
  feeds: Array<{ id: number; name: string; url: string; state: FeedState; label: string; lastFetchedAt: Date | null; failureStreak: number; lastError: string | null; itemsPerDay: number[] }>;
  /** The days of the feeds' sparklines, oldest first. */
  sparkDays: string[];
  slots: Array<{ digest: string; title: string; timezone: string; next: Array<{ at: Date; local: string }> }>;
  /** Bounce and complaint rates per digest, last 30 days and last edition (the same figures as `dispatch status`). */
  deliverability: DeliverabilityHealth;
}

const DAY_MS = 86_400_000;
const day = (d: Date): string => d.toISOString().slice(0, 10);

export interface DashboardOptions {
  /** Days of subscriber history (default 90). */
  historyDays?: number;
  /** Editions in the delivery chart (default 12). */
  editions?: number;
  /** Days in each feed's sparkline (default 14). */
  sparkDays?: number;
}

export async function loadDashboard(ctx: Pick<AppContext, 'store' | 'config'>, now: Date, opts: DashboardOptions = {}): Promise<DashboardData> {
  const { store, config } = ctx;
  const sparkN = opts.sparkDays ?? 14;
  const sparkDays = lastDays(now, sparkN);
  const [timeline, current, stats, feeds, perDay] = await Promise.all([
    store.ops.subscriberTimeline(),
    store.ops.subscriberCounts(),
    store.ops.editionSendStats(opts.editions ?? 12),
    store.feeds.list(),
    store.ops.itemsPerDay(new Date(`${sparkDays[0]}T00:00:00.000Z`)),
  ]);

  const editions = [];
  for (const e of stats) {
    editions.push({ ...e, rate: e.sent > 0 ? sendRate(await store.ops.sendTimeline(e.editionId)) : null });
  }

  const policy = backoffPolicy(ctx);
  const counts = new Map<string, number>(perDay.map((r) => [`${r.feedId}:${r.day}`, r.count]));
  const configured = new Set(config.feeds.map((f) => f.url));
  const feedRows = feeds
    // Feeds no longer in the config stay in the database; show the configured ones
    // (and any that moved: their declared URL is what the config names).
    .filter((f) => configured.size === 0 || configured.has(f.url))
    .map((f) => {
      const h = feedHealth(f, policy);
      return {
        id: f.id,
        name: f.name,
        url: f.url,
        state: h.state,
        label: h.label,
        lastFetchedAt: f.lastFetchedAt,
        failureStreak: f.failureStreak,
        lastError: f.lastError,
        itemsPerDay: sparkDays.map((d) => counts.get(`${f.id}:${d}`) ?? 0),
      };
    });

  const slots = config.digests.map((d) => ({
    digest: d.name,
    title: d.title,
    timezone: d.timezone,
    next: nextSlots(d, now, 5).map((at) => ({ at, local: formatDateTime(at, d.timezone) })),
  }));

  return {
    now,
    subscribers: { ...subscriberHistory(timeline, now, opts.historyDays ?? 90), current },
    editions,
    feeds: feedRows,
    sparkDays,
    slots,
    deliverability: await deliverabilityHealth(ctx, now),
  };
}

function lastDays(now: Date, n: number): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(day(new Date(now.getTime() - i * DAY_MS)));
  return out;
}

/**
 * Subscribers per status at the end of each day, derived from the timestamps
 * every row has: pending from its creation, active from its consent (a row
 * added as active without one: from its creation), and unsubscribed or
 * bounced from its last change. A person who came back after unsubscribing
 * is counted by their current state only; that is the price of not keeping
 * a status history table.
 */
export function subscriberHistory(rows: SubscriberTimelineRow[], now: Date, maxDays: number): { days: string[]; byStatus: Record<SubscriberState, number[]> } {
  const first = rows.reduce<string | null>((min, r) => (min === null || r.created < min ? r.created : min), null);
  const span = first ? Math.floor((Date.parse(day(now)) - Date.parse(first)) / DAY_MS) + 1 : 1;
  const days = lastDays(now, Math.max(2, Math.min(maxDays, span)));
  const index = new Map(days.map((d, i) => [d, i]));
  const byStatus = Object.fromEntries(SUBSCRIBER_STATES.map((s) => [s, new Array<number>(days.length).fill(0)])) as Record<SubscriberState, number[]>;
  // Adds `n` to `status` for every shown day in [from, to).
  const add = (status: SubscriberState, from: string, to: string | null, n: number) => {
    const start = from < days[0]! ? 0 : index.get(from);
    if (start === undefined) return; // after the last shown day
    const end = to === null ? days.length : to < days[0]! ? 0 : (index.get(to) ?? days.length);
    for (let i = start; i < end; i++) byStatus[status][i]! += n;
  };
  for (const r of rows) {
    const status = (SUBSCRIBER_STATES as readonly string[]).includes(r.status) ? (r.status as SubscriberState) : null;
    if (!status) continue;
    const left = status === 'unsubscribed' || status === 'bounced' ? (r.updated < r.created ? r.created : r.updated) : null;
    const activeFrom = r.consent && r.consent >= r.created ? r.consent : status === 'active' ? r.created : null;
    if (activeFrom) {
      add('pending', r.created, activeFrom, r.count);
      add('active', activeFrom, left, r.count);
    } else {
      add('pending', r.created, left, r.count);
    }
    if (left) add(status, left, null, r.count);
  }
  return { days, byStatus };
}

/** Messages per second over the send, in at most 60 buckets. */
export function sendRate(timeline: Array<{ at: Date; sent: number }>): { perSecond: number[]; bucketSeconds: number; peak: number; average: number } | null {
  if (timeline.length === 0) return null;
  const start = timeline[0]!.at.getTime();
  const end = timeline[timeline.length - 1]!.at.getTime();
  const seconds = Math.floor((end - start) / 1000) + 1;
  const bucketSeconds = Math.max(1, Math.ceil(seconds / 60));
  const buckets = new Array<number>(Math.ceil(seconds / bucketSeconds)).fill(0);
  let total = 0;
  for (const t of timeline) {
    buckets[Math.floor((t.at.getTime() - start) / 1000 / bucketSeconds)]! += t.sent;
    total += t.sent;
  }
  const perSecond = buckets.map((b) => b / bucketSeconds);
  return { perSecond, bucketSeconds, peak: Math.max(...perSecond), average: total / seconds };
}
