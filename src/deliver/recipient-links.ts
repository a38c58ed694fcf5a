// The per-subscriber links a mail carries. The pages that answer them come
// with the subscription work; the URLs are fixed here so mails sent today
// keep working then:
//   GET/POST {publicUrl}/unsubscribe?token=T   (POST = RFC 8058 one-click)
//   GET      {publicUrl}/preferences?token=T
//   mailto:{unsubscribeMailbox}?subject=unsubscribe%20T
import { signToken } from '../shared/tokens.js';

export interface RecipientLinks {
  /** https link for the footer and the List-Unsubscribe header (one-click POST target). */
  unsubscribeUrl: string;
  /** mailto: alternative for List-Unsubscribe. */
  unsubscribeMailto: string;
  preferencesUrl: string;
}

function pageUrl(publicUrl: string, page: string, token: string): string {
  // A trailing slash on the base keeps a path prefix (https://x.org/dispatch/).
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  const url = new URL(page, base);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`public URL must be http(s), got ${url.protocol}`);
  }
  url.searchParams.set('token', token);
  return url.toString();
}

export function recipientLinks(opts: {
  publicUrl: string;
  secret: string;
  subscriberId: number;
  /** Mailbox that handles unsubscribe-by-mail, e.g. `unsubscribe@dispatch.example.org`. */
  unsubscribeMailbox: string;
}): RecipientLinks {
  if (!/^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+$/.test(opts.unsubscribeMailbox)) {
    throw new TypeError(`unsubscribe mailbox is not a plain address: ${JSON.stringify(opts.unsubscribeMailbox)}`);
  }
  const unsubscribeToken = signToken(opts.secret, { sub: opts.subscriberId, purpose: 'unsubscribe' });
  const preferencesToken = signToken(opts.secret, { sub: opts.subscriberId, purpose: 'preferences' });
  return {
    unsubscribeUrl: pageUrl(opts.publicUrl, 'unsubscribe', unsubscribeToken),
    unsubscribeMailto: `mailto:${opts.unsubscribeMailbox}?subject=${encodeURIComponent(`unsubscribe ${unsubscribeToken}`)}`,
    preferencesUrl: pageUrl(opts.publicUrl, 'preferences', preferencesToken),
  };
}

/** Brief alias kept for callers that only need the two List-Unsubscribe targets. */
export function unsubscribeUrls(
  publicUrl: string,
  secret: string,
  subscriberId: number,
  unsubscribeMailbox: string,
): { https: string; mailto: string } {
  const links = recipientLinks({ publicUrl, secret, subscriberId, unsubscribeMailbox });
  return { https: links.unsubscribeUrl, mailto: links.unsubscribeMailto };
}
