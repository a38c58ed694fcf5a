// Use cases behind the public edition archive (/editions, /editions/ID,
// /editions.atom): only editions that went out are public (never a draft or a
// skipped one), and each is rendered through composeCopy for nobody in
// particular. The web routes call these and never read the store themselves.
import type { CompiledDigest } from '../render/index.js';
import type { Edition } from '../shared/types.js';
import { ARCHIVE_READER, composeCopy } from './compose-copy.js';
import type { AppContext } from './open-context.js';

/** Editions a visitor may read: sent, or being sent. */
const PUBLIC_STATUSES = new Set<Edition['status']>(['sent', 'sending']);

/** Newest first; drafts are few, so a little more is read to keep the list full. */
export async function listPublishedEditions(ctx: Pick<AppContext, 'store'>, limit: number, digest?: string): Promise<Edition[]> {
  const list = await ctx.store.editions.list({ limit: limit * 2, ...(digest ? { digest } : {}) });
  return list.filter((e) => PUBLIC_STATUSES.has(e.status)).slice(0, limit);
}

/** A public edition by id, or undefined (no such edition, or not public). */
export async function getPublishedEdition(ctx: Pick<AppContext, 'store'>, id: number): Promise<Edition | undefined> {
  const edition = await ctx.store.editions.get(id);
  return edition && PUBLIC_STATUSES.has(edition.status) ? edition : undefined;
}

/** The edition's HTML for the archive, in its digest's own templates, with no personal line or link. */
export async function renderArchivedEdition(
  ctx: Pick<AppContext, 'config' | 'secret'>,
  templatesFor: (digest: string) => Promise<CompiledDigest>,
  edition: Edition,
): Promise<string> {
  const compiled = await templatesFor(edition.digest);
  return composeCopy(ctx, edition, ARCHIVE_READER, { compiled, date: edition.windowEnd, links: 'none' }).html;
}
