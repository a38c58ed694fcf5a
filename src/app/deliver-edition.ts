// Use case: send (or resume) one edition. The template is compiled once; each
// recipient costs one Handlebars fill plus message assembly. The deliveries
// ledger makes a repeated or resumed send skip everyone already mailed.
import type { Config } from '../config/index.js';
import {
  createMailer,
  recipientLinks,
  sendEdition,
  type Mailer,
  type SendSummary,
} from '../deliver/index.js';
import { builtinTemplatesDir, compileDigest, loadTemplates, type CompiledDigest } from '../render/index.js';
import type { DeliveryTarget, Edition, RecipientView } from '../shared/types.js';
import { composeCopy, personaliseModel } from './compose-copy.js';
import type { AppContext } from './open-context.js';
import { HELD_STATUSES } from './review-edition.js';
import { InputError } from '../shared/errors.js';

export interface DeliverEditionResult extends SendSummary {
  editionId: number;
  digest: string;
  mailer: string;
}

export async function compileTemplates(config: Config): Promise<CompiledDigest> {
  const templates = await loadTemplates({ builtinDir: builtinTemplatesDir(), overrideDir: config.templatesDir });
  return compileDigest(templates);
}

export function openMailer(config: Config): Mailer {
  return createMailer({
    smtpUrl: config.env.smtpUrl,
    outboxDir: config.outboxDir,
    pool: config.sending.pool,
    dkim: config.sending.dkim,
  });
}

export function recipientView(
  ctx: Pick<AppContext, 'config' | 'secret'>,
  edition: Pick<Edition, 'id'>,
  who: { subscriberId: number; email: string; name: string | null },
): RecipientView & { unsubscribeMailto: string } {
  const links = recipientLinks({
    publicUrl: ctx.config.env.publicUrl,
    secret: ctx.secret,
    subscriberId: who.subscriberId,
    unsubscribeMailbox: ctx.config.sending.unsubscribeAddress,
  });
  return {
    email: who.email,
    name: who.name,
    ...links,
    viewInBrowserUrl: `${ctx.config.env.publicUrl}/editions/${edition.id}`,
  };
}

export async function deliverEdition(
  ctx: AppContext,
  edition: Edition,
  opts: {
    now: () => Date;
    compiled: CompiledDigest;
    mailer: Mailer;
    onProgress?: (p: { sent: number; failed: number; skipped: number; pending: number }) => void;
    signal?: AbortSignal;
    backoffMs?: (attempt: number) => number;
  },
): Promise<DeliverEditionResult> {
  const { store, config } = ctx;
  // Review desk: a draft, an edition approved for later or a skipped draft is never sent.
  const current = await store.editions.get(edition.id);
  if (current && HELD_STATUSES.has(current.status)) {
    throw new InputError(`edition ${edition.id} is held by the review desk (${current.status}); approve it with \`dispatch editions approve ${edition.id}\``);
  }
  // Enqueue is idempotent: a resumed send only adds subscribers who joined since.
  await store.deliveries.enqueue(edition.id, opts.now());
  if (edition.status === 'built') await store.editions.setStatus(edition.id, 'sending');

  // The same composition the preview studio shows (see compose-copy.ts).
  // Nothing for this reader's preferences: skipped without rendering anything.
  const compose = (target: DeliveryTarget) =>
    personaliseModel(edition.model, target.preferences) === null
      ? null
      : composeCopy(ctx, edition, target, { compiled: opts.compiled, date: opts.now() }).message;

  const summary = await sendEdition({
    deliveries: store.deliveries,
    editionId: edition.id,
    mailer: opts.mailer,
    compose,
    now: opts.now,
    maxAttempts: config.sending.maxAttempts,
    // Two messages per pooled connection: one on the wire while the next is
    // composed and the previous outcome is written to the ledger.
    concurrency: opts.mailer.kind === 'smtp' ? config.sending.pool.connections * 2 : 1,
    onProgress: opts.onProgress,
    signal: opts.signal,
    backoffMs: opts.backoffMs,
  });
  if (summary.pendingLeft === 0) await store.editions.setStatus(edition.id, 'sent');
  return { ...summary, editionId: edition.id, digest: edition.digest, mailer: opts.mailer.describe() };
}
