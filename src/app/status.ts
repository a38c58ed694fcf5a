// Use case behind `dispatch status` and `GET /healthz`: per digest the last
// and next run, the last edition with its delivery counts, and the feeds that
// are failing. Read-only; `now` is passed in.
import { nextFetchAt, nextSlots } from '../schedule/index.js';
import { redactUrl, redactUrlsIn } from '../shared/redact-url.js';
import { feedHealth } from './feed-health.js';
import type { DeliveryCounts } from '../shared/store.js';
import { deliverabilityHealth, type DeliverabilityHealth } from './deliverability-report.js';
import type { AppContext } from './open-context.js';
import { backoffPolicy } from './refresh-due-feeds.js';
import { digestLeaseName } from './run-digest.js';

export interface DigestHealth {
  name: string;
  title: string;
  schedule: string;
  timezone: string;
  /** The latest slot with a recorded outcome (scheduler), or null. */
  lastRun: { slot: string; status: string; reason: string | null; editionId: number | null; finishedAt: string | null } | null;
  /** ISO time of the next slot after `now`. */
  nextRun: string | null;
  lastEdition: { id: number; slot: string; subject: string; status: string; createdAt: string; deliveries: DeliveryCounts } | null;
  /** Who is working on this digest right now (an unexpired lease). */
  lease: { holder: string; expiresAt: string } | null;
}

export interface FeedHealth {
  id: number;
  name: string;
  url: string;
  failureStreak: number;
  lastError: string | null;
  lastFetchedAt: string | null;
  /** When the backoff lets it be fetched again. */
  retryAt: string | null;
}

export interface HealthReport {
  ok: boolean;
  /** Why ok is false, for a person. */
  problems: string[];
  now: string;
  digests: DigestHealth[];
  feeds: { total: number; paused: number; failing: FeedHealth[] };
  /** Issue 10: bounce and complaint rates, paused digests, stopped editions. */
  deliverability: DeliverabilityHealth;
}

/** An edition still sending after this long is reported as a problem. */
const STUCK_AFTER_MS = 60 * 60_000;

export async function healthReport(ctx: Pick<AppContext, 'config' | 'store'>, now: Date): Promise<HealthReport> {
  const { config, store } = ctx;
  const problems: string[] = [];
  const digests: DigestHealth[] = [];
  for (const d of config.digests) {
    const run = await store.slotRuns.latest(d.name);
    const edition = await store.editions.latest(d.name);
    const counts = edition ? await store.deliveries.counts(edition.id) : null;
    const lease = await store.leases.get(digestLeaseName(d.name));
    const next = nextSlots(d, now, 1)[0] ?? null;
    if (edition && counts && edition.status !== 'sent' && now.getTime() - edition.createdAt.getTime() > STUCK_AFTER_MS) {
      problems.push(`${d.name}: edition ${edition.id} still has ${counts.pending} deliveries pending since ${edition.createdAt.toISOString()}`);
    }
    digests.push({
      name: d.name,
      title: d.title,
      schedule: d.schedule,
      timezone: d.timezone,
      lastRun: run
        ? { slot: run.slot, status: run.status, reason: run.reason, editionId: run.editionId, finishedAt: run.finishedAt?.toISOString() ?? null }
        : null,
      nextRun: next?.toISOString() ?? null,
      lastEdition:
        edition && counts
          ? { id: edition.id, slot: edition.slot, subject: edition.subject, status: edition.status, createdAt: edition.createdAt.toISOString(), deliveries: counts }
          : null,
      lease: lease && lease.expiresAt.getTime() > now.getTime() ? { holder: lease.holder, expiresAt: lease.expiresAt.toISOString() } : null,
    });
  }

  const policy = backoffPolicy(ctx);
  const records = await store.feeds.list();
  const failing = records
    .filter((f) => feedHealth(f, policy).state === 'failing')
    .map((f) => ({
      id: f.id,
      name: f.name,
      url: redactUrl(f.url),
      failureStreak: f.failureStreak,
      lastError: f.lastError === null ? null : redactUrlsIn(f.lastError),
      lastFetchedAt: f.lastFetchedAt?.toISOString() ?? null,
      retryAt: nextFetchAt(f, policy)?.toISOString() ?? null,
    }));
  const active = records.filter((f) => !f.paused).length;
  if (active > 0 && failing.length === active) problems.push(`every feed is failing (${active})`);
  const deliverability = await deliverabilityHealth(ctx, now);
  problems.push(...deliverability.problems);
  return {
    ok: problems.length === 0,
    problems,
    now: now.toISOString(),
    digests,
    feeds: { total: records.length, paused: records.length - active, failing },
    deliverability,
  };
}
