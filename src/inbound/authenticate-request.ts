// Whether a request mail really comes from the address in its From header:
// DKIM, SPF and DMARC verified by mailauth. A token-less subscribe or
// unsubscribe acts only when the message passes DMARC, or — for a From domain
// that publishes no DMARC record — when a DKIM signature of the From domain
// (or SPF for an envelope sender on it) passes: the same alignment DMARC asks
// for. Anything else is treated as possibly forged.
import { promises as dns } from 'node:dns';
import type { DnsResolver } from 'mailauth';

export type { DnsResolver } from 'mailauth';

export interface RequestAuth {
  authenticated: boolean;
  /** e.g. "dmarc=pass", "dkim=pass (aligned)", "dmarc=fail spf=softfail dkim=none". */
  summary: string;
}

function aligned(domain: string | undefined, fromDomain: string): boolean {
  if (!domain) return false;
  const a = domain.toLowerCase();
  const b = fromDomain.toLowerCase();
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

export async function authenticateRequest(
  raw: string | Buffer,
  opts: { ip: string; helo: string; envelopeFrom: string; fromDomain: string; mta: string; resolver?: DnsResolver },
): Promise<RequestAuth> {
  const resolver: DnsResolver = opts.resolver ?? ((name, rr) => dns.resolve(name, rr));
  let r;
  try {
    // Loaded on the first token-less request only: mailauth is large, and most
    // processes (and most listeners' mails) never need it.
    const { authenticate } = await import('mailauth');
    r = await authenticate(raw, {
      ip: opts.ip.replace(/^::ffff:/, ''),
      helo: opts.helo,
      sender: opts.envelopeFrom,
      mta: opts.mta,
      resolver,
      disableArc: true,
      disableBimi: true,
    });
  } catch (error) {
    return { authenticated: false, summary: `authentication failed: ${(error as Error).message}` };
  }
  const dmarc = r.dmarc ? r.dmarc.status.result : 'none';
  const dkimPass = (r.dkim?.results ?? []).filter((d) => d.status.result === 'pass');
  const dkimAligned = dkimPass.some((d) => Boolean(d.status.aligned) || aligned(d.signingDomain, opts.fromDomain));
  const spf = r.spf ? r.spf.status.result : 'none';
  const spfAligned = spf === 'pass' && r.spf !== false && aligned(r.spf?.domain, opts.fromDomain);
  const summary = `dmarc=${dmarc} dkim=${dkimPass.length ? (dkimAligned ? 'pass (aligned)' : 'pass (not aligned)') : 'none/fail'} spf=${spf}${spfAligned ? ' (aligned)' : ''}`;
  // A DMARC record that says fail is final; without one, alignment decides.
  if (dmarc === 'pass') return { authenticated: true, summary };
  if (dmarc === 'fail') return { authenticated: false, summary };
  return { authenticated: dkimAligned || spfAligned, summary };
}
