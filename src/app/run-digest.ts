// Use case behind `dispatch run`: refresh feeds, finish any unfinished edition,
// build the next edition of each digest and send it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DigestConfig } from '../config/index.js';
import type { Mailer } from '../deliver/index.js';
import { measureHtml, type CompiledDigest } from '../render/index.js';
import { holdLease } from '../schedule/index.js';
import { UsageError } from '../shared/errors.js';
import type { Edition } from '../shared/types.js';
import { buildEdition } from './build-edition.js';
import { deliverEdition, recipientView, type DeliverEditionResult } from './deliver-edition.js';
import type { AppContext } from './open-context.js';
import { processHolderId } from './refresh-due-feeds.js';
import { refreshFeeds, type RefreshSummary } from './refresh-feeds.js';
import { describeReview, HELD_STATUSES } from './review-edition.js';
import { digestLeaseName, resumeUnfinished } from './run-slot.js';

export interface EditionReport {
  editionId: number;
  items: number;
  subject: string;
  htmlBytes: number;
  warnings: string[];
  /** The edition rendered for one recipient, written next to the outbox. */
  previewPath: string;
}

export interface DigestRunReport {
  digest: string;
  /** Editions left unfinished by an earlier run and completed now. */
  resumed: DeliverEditionResult[];
  edition: EditionReport | null;
  skipped: string | null;
  delivery: DeliverEditionResult | null;
  /** Set when another process (a scheduler, another run) held the digest's lease: nothing was done. */
  leaseHeldBy?: string | null;
}

export interface RunReport {
  fetch: RefreshSummary | null;
  digests: DigestRunReport[];
}

export interface RunHooks {
  now: () => Date;
  compiled: CompiledDigest;
  mailer: Mailer;
  onFetchProgress?: (done: number, total: number) => void;
  onSendProgress?: (digest: string, p: { sent: number; failed: number; skipped: number; pending: number }) => void;
  signal?: AbortSignal;
  /** Lease holder id (default "run:host#pid#random"). */
  holder?: string;
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
  opts: RunHooks & { digest?: string | null; fetch?: boolean },
): Promise<RunReport> {
  const digests = selectDigests(ctx, opts.digest);
  const fetch = opts.fetch === false ? null : await refreshFeeds(ctx, { now: opts.now, onProgress: opts.onFetchProgress });
  const reports: DigestRunReport[] = [];
  const holder = opts.holder ?? processHolderId('run:');
  for (const digest of digests) {
    const report: DigestRunReport = { digest: digest.name, resumed: [], edition: null, skipped: null, delivery: null, leaseHeldBy: null };
    reports.push(report);
    // Single-flight with the scheduler and other runs: two processes never
    // build from the same items or send the same edition at once.
    const lease = await holdLease({
      leases: ctx.store.leases,
      name: digestLeaseName(digest.name),
      holder,
      clock: { now: opts.now },
      ttlMs: ctx.config.schedule.leaseTtlMs,
    });
    if (!lease.acquired) {
      report.leaseHeldBy = lease.heldBy.holder;
      report.skipped = `another process is working on it: ${lease.heldBy.holder} holds the lease until ${lease.heldBy.expiresAt.toISOString()}`;
      continue;
    }
    const signal = opts.signal ? AbortSignal.any([opts.signal, lease.held.lost]) : lease.held.lost;
    const hooks = { ...opts, signal };
    try {
      report.resumed = await resumeUnfinished(ctx, digest.name, (e) => send(ctx, e, hooks), { now: opts.now, signal });
      if (signal.aborted) {
        report.skipped = 'stopped before building a new edition';
        continue;
      }
      const now = opts.now();
      const built = await buildEdition(ctx, digest, { now, slot: `run:${now.toISOString()}` });
      if (built.kind === 'skipped') {
        report.skipped = built.reason;
      } else {
        report.edition = await writePreview(ctx, built.edition, opts.compiled);
        // Review desk: a draft is not sent; `dispatch editions approve` releases it.
        if (HELD_STATUSES.has(built.edition.status)) report.skipped = await heldReason(ctx, built.edition.id);
        else report.delivery = await send(ctx, built.edition, hooks);
      }
    } finally {
      await lease.held.release();
    }
  }
  return { fetch, digests: reports };
}

function send(ctx: AppContext, edition: Edition, opts: RunHooks): Promise<DeliverEditionResult> {
  return deliverEdition(ctx, edition, {
    now: opts.now,
    compiled: opts.compiled,
    mailer: opts.mailer,
    signal: opts.signal,
    onProgress: opts.onSendProgress ? (p) => opts.onSendProgress?.(edition.digest, p) : undefined,
  });
}

/** Renders the edition once for a sample reader so a person can open it in a browser. */
export async function writePreview(ctx: AppContext, edition: Edition, compiled: CompiledDigest): Promise<EditionReport> {
  const recipient = recipientView(ctx, edition, { subscriberId: 0, email: 'reader@example.org', name: null });
  const { html } = compiled.render({ ...edition.model, editionId: edition.id }, recipient);
  const size = measureHtml(html);
  mkdirSync(ctx.config.outboxDir, { recursive: true });
  const previewPath = join(ctx.config.outboxDir, `${edition.digest}-edition-${edition.id}.html`);
  writeFileSync(previewPath, html);
  return {
    editionId: edition.id,
    items: edition.itemIds.length,
    subject: edition.subject,
    htmlBytes: size.bytes,
    warnings: size.warnings,
    previewPath,
  };
}

async function heldReason(ctx: AppContext, editionId: number): Promise<string> {
  const review = await ctx.store.reviews.get(editionId);
  return `edition ${editionId} is held for review: ${review ? describeReview(review) : 'draft'}; approve it with \`dispatch editions approve ${editionId}\``;
}
