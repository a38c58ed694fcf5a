// Use cases behind the preferences page: which choices exist, and reading and
// saving one subscriber's choices from a signed link.
import type { Config } from '../config/index.js';
import { publishEvent } from '../observability/events.js';
import { InputError } from '../shared/errors.js';
import { verifyToken } from '../shared/tokens.js';
import { DEFAULT_TOPIC_KEYS, REGION_KEYS, REGION_TITLES, TOPIC_TITLES } from '../tagging/index.js';
import type { Subscriber, SubscriberPreferences } from '../shared/types.js';
import type { AppContext } from './open-context.js';

export interface Choice {
  key: string;
  label: string;
}

export interface SubscriptionOptions {
  digests: Choice[];
  regions: Choice[];
  topics: Choice[];
}

// The keys the tagging stage puts on items, so a stored preference always
// matches what editions are filtered by.
export const REGIONS: readonly Choice[] = REGION_KEYS.map((key) => ({ key, label: REGION_TITLES[key] }));

export const TOPICS: readonly Choice[] = DEFAULT_TOPIC_KEYS.map((key) => ({ key, label: TOPIC_TITLES[key] }));

export function subscriptionOptions(config: Pick<Config, 'digests'>): SubscriptionOptions {
  return {
    digests: config.digests.map((d) => ({ key: d.name, label: d.title })),
    regions: [...REGIONS],
    topics: [...TOPICS],
  };
}

export interface PreferencesInput {
  digests?: readonly string[];
  regions?: readonly string[];
  topics?: readonly string[];
}

/**
 * Keeps only known keys, each once, in the options' order. `strict` (CSV
 * import) turns an unknown key into an InputError; a web form just drops it
 * (a tampered form gets nothing it could not have ticked).
 * An empty or missing list means "everything".
 */
export function cleanPreferences(
  input: PreferencesInput,
  options: SubscriptionOptions,
  opts: { strict?: boolean } = {},
): SubscriberPreferences {
  const out: SubscriberPreferences = {};
  for (const field of ['digests', 'regions', 'topics'] as const) {
    const given = input[field];
    if (!given || given.length === 0) continue;
    const known = options[field];
    if (opts.strict) {
      const bad = given.filter((k) => !known.some((c) => c.key === k));
      if (bad.length) {
        throw new InputError(
          `unknown ${field.slice(0, -1)} ${bad.map((b) => JSON.stringify(b.slice(0, 40))).join(', ')}; expected one of ${known.map((c) => c.key).join(', ')}`,
        );
      }
    }
    const keep = known.filter((c) => given.includes(c.key)).map((c) => c.key);
    // Every digest ticked = no restriction: new digests reach them too.
    if (keep.length > 0 && !(field === 'digests' && keep.length === known.length)) out[field] = keep;
  }
  return out;
}

export type TokenCheck =
  | { ok: true; subscriber: Subscriber }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-purpose' | 'expired' | 'unknown' };

/** Resolves a signed link to its subscriber. */
export async function subscriberFromToken(
  ctx: Pick<AppContext, 'store' | 'secret'>,
  token: string | undefined,
  purpose: 'unsubscribe' | 'preferences',
  now: Date,
): Promise<TokenCheck> {
  if (!token) return { ok: false, reason: 'malformed' };
  const check = verifyToken(ctx.secret, token, purpose, now.getTime());
  if (!check.ok) return check;
  const subscriber = await ctx.store.subscribers.get(check.sub);
  return subscriber ? { ok: true, subscriber } : { ok: false, reason: 'unknown' };
}

export async function savePreferences(
  ctx: Pick<AppContext, 'store' | 'secret' | 'config'>,
  token: string | undefined,
  input: PreferencesInput,
  now: Date,
): Promise<TokenCheck> {
  const found = await subscriberFromToken(ctx, token, 'preferences', now);
  if (!found.ok) return found;
  const preferences = cleanPreferences(input, subscriptionOptions(ctx.config));
  await ctx.store.subscriptions.setPreferences(found.subscriber.id, preferences, now);
  publishEvent({ type: 'preferences', subscriberId: found.subscriber.id, digests: preferences.digests?.length ?? 0, regions: preferences.regions?.length ?? 0, topics: preferences.topics?.length ?? 0 });
  return { ok: true, subscriber: { ...found.subscriber, preferences } };
}
