// Use case behind `dispatch run`: refresh feeds, then runDigest for each
// digest (finish unfinished editions, build the next one, send it), and
// write an HTML preview of each edition built.
import type { DigestConfig } from '../config/index.js';
import { UsageError } from '../shared/errors.js';
import type { DeliverEditionResult } from './deliver-edition.js';
import type { AppContext } from './open-context.js';
import { processHolderId } from './refresh-due-feeds.js';
import { refreshFeeds, type FeedProgress, type RefreshSummary } from './refresh-feeds.js';
import { runDigest, templatesFor, type RunDigestDeps, type SlotOutcome } from './run-digest.js';
import { writePreview, type EditionReport } from './write-preview.js';

export interface DigestRunReport {
  digest: string;
  /** Editions left unfinished by an earlier run (or being sent by another process) and sent now. */
  resumed: DeliverEditionResult[];
  edition: EditionReport | null;
  skipped: string | null;
  delivery: DeliverEditionResult | null;
  /** Set when another process (a scheduler, another run) held the digest's lease: nothing was built. */
  leaseHeldBy?: string | null;
  outcome: SlotOutcome['kind'];
}

export interface RunReport {
  fetch: RefreshSummary | null;
  digests: DigestRunReport[];
}

export function selectDigests(ctx: AppContext, name?: string | null): DigestConfig[] {
  if (!name) return [...ctx.config.digests];
  const d = ctx.config.digests.find((x) => x.name === name);
  if (!d) {
    throw new UsageError(`no digest named "${name}"; the config has: ${ctx.config.digests.map((x) => x.name).join(', ')}`);
  }
  return [d];
}

export async function runDigests(
  ctx: AppContext,
  opts: Omit<RunDigestDeps, 'holder'> & {
    /** Lease and claim holder id (default "run:host#pid#random"). */
    holder?: string;
    digest?: string | null;
    fetch?: boolean;
    onFetchProgress?: (done: number, total: number, feed?: FeedProgress) => void;
  },
): Promise<RunReport> {
  const deps: RunDigestDeps = { ...opts, holder: opts.holder ?? processHolderId('run:') };
  const digests = selectDigests(ctx, opts.digest);
  const fetch = opts.fetch === false ? null : await refreshFeeds(ctx, { now: opts.now, onProgress: opts.onFetchProgress });
  const reports: DigestRunReport[] = [];
  for (const digest of digests) {
    if (opts.signal?.aborted) break;
    const r = await runDigest(ctx, digest, deps);
    const o = r.outcome;
    reports.push({
      digest: digest.name,
      resumed: r.resumed,
      edition: r.edition ? await writePreview(ctx, r.edition, await templatesFor(ctx, opts.compiled, r.edition.digest)) : null,
      skipped:
        o.kind === 'busy'
          ? `another process is working on it: ${o.heldBy.holder} holds the lease until ${o.heldBy.expiresAt.toISOString()}`
          : o.kind === 'skipped' || o.kind === 'review'
            ? o.reason
            : o.kind === 'incomplete' && !r.edition
              ? 'stopped before building a new edition'
              : null,
      delivery: o.kind === 'sent' || o.kind === 'incomplete' ? o.delivery : null,
      leaseHeldBy: o.kind === 'busy' ? o.heldBy.holder : null,
      outcome: o.kind,
    });
  }
  return { fetch, digests: reports };
}
