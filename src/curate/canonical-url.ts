// URL hygiene for feed links. Feeds are hostile: only absolute http(s) URLs
// ever leave curate, and tracking parameters are removed so that the same
// article shared with different campaign tags dedupes to one key.

/** Links longer than this are junk (or an attack on the store); treat as missing. */
const MAX_URL_LENGTH = 4096;

/** Query parameters that only track the reader; compared case-insensitively. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'cmpid',
  'cmp',
  'ocid',
  'ncid',
  'smid',
  'smtyp',
  'sr_share',
  'spm',
  'vero_id',
  'vero_conv',
  'oly_enc_id',
  'oly_anon_id',
  'rb_clickid',
  's_cid',
  's_kwcid',
  'wt.mc_id',
  'wt.mc_ev',
  'xtor',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  '__twitter_impression',
]);

/** Parameter-name prefixes that only track the reader (utm_source, utm_medium, …). */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_'];

export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * Parses `url` (resolved against `base` when relative) and returns it only if
 * it is absolute http(s); credentials (`https://bank.com@evil.example/`, a
 * phishing trick) are removed. Everything else (fragment, tracking parameters,
 * parameter order) is kept as given. Returns null for anything unusable.
 */
export function safeHttpUrl(url: string, base?: string | null): string | null {
  const parsed = parseHttpUrl(url, base);
  return parsed ? parsed.href : null;
}

/**
 * Like {@link safeHttpUrl}, minus tracking parameters; the fragment and the
 * order of the remaining parameters are kept, so in-page anchors and odd
 * query strings still work. This is the form to put in front of readers.
 */
export function cleanLinkUrl(url: string, base?: string | null): string | null {
  const parsed = parseHttpUrl(url, base);
  if (!parsed) return null;
  parsed.search = filterQuery(parsed.search, false);
  return parsed.href;
}

/**
 * The dedupe key for a link: absolute http(s) only (else null), host
 * lower-cased, default port dropped, fragment dropped, tracking parameters
 * dropped, remaining parameters sorted by name (stable, raw encoding kept),
 * no trailing `?`.
 */
export function canonicalUrl(url: string, base?: string | null): string | null {
  const parsed = parseHttpUrl(url, base);
  if (!parsed) return null;
  parsed.hash = '';
  parsed.search = filterQuery(parsed.search, true);
  return parsed.href;
}

function parseHttpUrl(url: string, base?: string | null): URL | null {
  if (typeof url !== 'string') return null;
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    // An absolute URL stands on its own. Only a relative one needs the base, and
    // a base that is itself not a URL (a local feed path) makes it unusable.
    parsed = URL.canParse(trimmed) || !base ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return null;
  }
  // Checked after parsing: the WHATWG parser has already removed tabs/newlines
  // and lower-cased the scheme, so "Java\nScript:" cannot sneak through.
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  parsed.username = '';
  parsed.password = '';
  return parsed;
}

/**
 * Filters a raw `?a=1&b=2` string without re-encoding it (URLSearchParams
 * would turn `?x` into `?x=` and `%20` into `+`, which some sites mind).
 */
function filterQuery(search: string, sort: boolean): string {
  if (search === '' || search === '?') return '';
  const pairs = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .filter((pair) => !isTrackingParam(decodeKey(pair)));
  if (sort) {
    // Array.prototype.sort is stable: repeated keys keep their relative order.
    pairs.sort((a, b) => {
      const ka = decodeKey(a);
      const kb = decodeKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

function decodeKey(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = (eq === -1 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
