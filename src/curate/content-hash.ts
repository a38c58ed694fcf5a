// The dedupe key for re-posted items: the same story under a new guid and URL
// (a syndication copy, a feed that rotates links) hashes the same.
import { createHash } from 'node:crypto';

/** Lower-case, Unicode-normalised, punctuation and whitespace collapsed to single spaces. */
export function normaliseForHash(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * sha256 (hex) of the normalised title and excerpt, so case, punctuation,
 * whitespace and a trailing "…" do not make two copies of a story differ.
 *
 * `distinguisher` is mixed in only when the excerpt is blank: a recurring
 * title with no body ("Morning briefing") would otherwise collide with every
 * earlier day's item and be dropped as a duplicate. Curate passes the item's
 * canonical URL (or guid) there.
 */
export function contentHash(title: string, excerpt: string, distinguisher?: string | null): string {
  const body = normaliseForHash(excerpt);
  const parts = [normaliseForHash(title), body];
  if (body === '' && distinguisher) parts.push(distinguisher);
  return createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex');
}
