// Headers on every response: a strict CSP (no script at all, styles only from
// /style.css, forms only to this site, no framing) and no referrer, because
// the links people arrive by carry tokens.
import type { MiddlewareHandler } from 'hono';

export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; form-action 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Archived editions are mail HTML (inline styles) with the feeds' own images
 * (https only, as curate kept them); everything else stays as strict.
 */
export const EDITION_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export function securityHeaders(csp: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', csp);
    c.res.headers.set('x-content-type-options', 'nosniff');
    c.res.headers.set('referrer-policy', 'no-referrer');
    c.res.headers.set('x-frame-options', 'DENY');
    c.res.headers.set('cross-origin-opener-policy', 'same-origin');
    c.res.headers.set('permissions-policy', 'interest-cohort=()');
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}
