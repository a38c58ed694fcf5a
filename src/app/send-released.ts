// "Approve and send": an edition the review desk released goes out now,
// through the one digest runner (claims, the global rate, the mid-send
// re-check), joining any process that is already sending it.
import type { Mailer, SendRateGate } from '../deliver/index.js';
import type { CompiledDigest } from '../render/index.js';
import { InputError } from '../shared/errors.js';
import type { DeliverEditionResult } from './deliver-edition.js';
import type { AppContext } from './open-context.js';
import { processHolderId } from './refresh-due-feeds.js';
import { HELD_STATUSES } from './settle-reviews.js';
import { runDigest } from './run-digest.js';

export async function sendReleased(
  ctx: AppContext,
  editionId: number,
  deps: { now: () => Date; compiled: CompiledDigest; mailer: Mailer; holder?: string; rate?: SendRateGate },
): Promise<DeliverEditionResult> {
  const edition = await ctx.store.editions.get(editionId);
  if (!edition) throw new InputError(`no edition ${editionId}`);
  if (HELD_STATUSES.has(edition.status)) throw new InputError(`edition ${editionId} is ${edition.status}; approve it first`);
  const run = await runDigest(
    ctx,
    edition.digest,
    { now: deps.now, compiled: deps.compiled, mailer: deps.mailer, holder: deps.holder ?? processHolderId('review:'), rate: deps.rate },
    { build: false, editionId },
  );
  const result = run.resumed[0];
  if (!result) throw new InputError(`edition ${editionId} was not sent (${run.outcome.kind === 'skipped' ? run.outcome.reason : run.outcome.kind})`);
  return result;
}
