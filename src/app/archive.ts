// Use cases behind the public edition archive: the list of past editions and
// one edition rendered for a neutral reader. The web routes call these and
// never read the store themselves.
import type { CompiledDigest } from '../render/index.js';
import { ARCHIVE_READER, composeCopy } from './compose-copy.js';
import type { AppContext } from './open-context.js';

export interface ArchivedEditionSummary {
  id: number;
  subject: string;
  digestTitle: string;
  windowEnd: Date;
}

export async function listArchivedEditions(
  ctx: Pick<AppContext, 'config' | 'store'>,
  limit = 100,
): Promise<ArchivedEditionSummary[]> {
  const editions = await ctx.store.editions.list({ limit });
  return editions.map((e) => ({
    id: e.id,
    subject: e.subject,
    digestTitle: ctx.config.digests.find((d) => d.name === e.digest)?.title ?? e.digest,
    windowEnd: e.windowEnd,
  }));
}

/**
 * The edition's HTML as a neutral reader sees it, or null when there is no
 * such edition. `templatesFor` gives the digest's own compiled set.
 */
export async function renderArchivedEdition(
  ctx: Pick<AppContext, 'config' | 'store' | 'secret'>,
  templatesFor: (digest: string) => Promise<CompiledDigest>,
  id: number,
): Promise<string | null> {
  const edition = await ctx.store.editions.get(id);
  if (!edition) return null;
  // Through composeCopy like every copy, for a neutral reader: the footer's
  // links lead to pages that explain themselves instead of acting on anyone's behalf.
  const compiled = await templatesFor(edition.digest);
  const { html } = composeCopy(ctx, edition, ARCHIVE_READER, { compiled, date: edition.windowEnd, links: 'neutral' });
  return html;
}
