// Rates for `dispatch status`, /healthz and `dispatch editions show`: per
// edition and over the last 30 days, with the complaint-rate warning, paused
// digests and editions the bounce breaker stopped.
import {
  COMPLAINT_WARN_RATE,
  RATE_WINDOW_MS,
  complaintLevel,
  deliverabilityRates,
  formatRate,
  type DeliverabilityRates,
} from '../deliverability/index.js';
import type { AppContext } from './open-context.js';

export interface DigestDeliverability {
  name: string;
  /** Why the digest is paused (complaint rate), or null. */
  paused: { reason: string; pausedAt: string } | null;
  last30Days: DeliverabilityRates;
  /** The digest's latest edition, with a breaker hold when there is one. */
  lastEdition: (DeliverabilityRates & { id: number; held: string | null }) | null;
}

export interface DeliverabilityHealth {
  last30Days: DeliverabilityRates;
  digests: DigestDeliverability[];
  /** Worth a look (complaint rate ≥ 0.1 %). */
  warnings: string[];
  /** Needs a person (paused digest, stopped edition): `dispatch status` exits 1. */
  problems: string[];
}

export async function editionDeliverability(ctx: Pick<AppContext, 'store'>, editionId: number): Promise<DeliverabilityRates & { held: string | null }> {
  const rates = deliverabilityRates(await ctx.store.deliverability.editionCounts(editionId));
  const hold = await ctx.store.deliverability.editionHold(editionId);
  return { ...rates, held: hold?.reason ?? null };
}

export async function deliverabilityHealth(ctx: Pick<AppContext, 'store' | 'config'>, now: Date): Promise<DeliverabilityHealth> {
  const { store, config } = ctx;
  const since = new Date(now.getTime() - RATE_WINDOW_MS);
  const warnings: string[] = [];
  const problems: string[] = [];
  const digests: DigestDeliverability[] = [];
  for (const d of config.digests) {
    const last30Days = deliverabilityRates(await store.deliverability.windowCounts(since, now, d.name));
    const pause = await store.deliverability.digestPause(d.name);
    const edition = await store.editions.latest(d.name);
    const lastEdition = edition ? { id: edition.id, ...(await editionDeliverability(ctx, edition.id)) } : null;
    if (pause) problems.push(`${d.name}: paused since ${pause.pausedAt.toISOString()}: ${pause.reason}; resume with \`dispatch digests resume ${d.name}\``);
    else if (complaintLevel(last30Days.complaintRate) !== 'ok') {
      warnings.push(`${d.name}: complaint rate ${formatRate(last30Days.complaintRate)} over 30 days is at or above ${formatRate(COMPLAINT_WARN_RATE)}`);
    }
    if (lastEdition?.held) problems.push(`${d.name}: edition ${lastEdition.id} stopped: ${lastEdition.held}`);
    digests.push({ name: d.name, paused: pause ? { reason: pause.reason, pausedAt: pause.pausedAt.toISOString() } : null, last30Days, lastEdition });
  }
  const last30Days = deliverabilityRates(await store.deliverability.windowCounts(since, now));
  return { last30Days, digests, warnings, problems };
}

/** One line per scope for people: "sent 1,000 · hard bounces 3 (0.30 %) · soft 1 · complaints 0 (0.00 %)". */
export function describeRates(r: DeliverabilityRates): string {
  return `sent ${r.sent} · hard bounces ${r.bounces.hard} (${formatRate(r.bounceRate)}) · soft bounces ${r.bounces.soft} · complaints ${r.complaints} (${formatRate(r.complaintRate)})`;
}
