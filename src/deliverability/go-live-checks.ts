// `dispatch check`: the go-live report. Each check says what it looked at and,
// when it fails, what to publish or set. DNS is read through node:dns (a
// Resolver, so tests and DISPATCH_DNS_SERVERS can point it at a server of
// their choice); the relay is probed with nodemailer's SMTP client.
import { createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import type { Config } from '../config/index.js';
import { isLocalHost } from './check-sending-safety.js';

export interface CheckResult {
  /** Stable id, e.g. `from`, `dkim`, `spf`. */
  check: string;
  ok: boolean;
  detail: string;
}

/** The part of node:dns/promises Resolver the checks use. */
export interface DnsLookup {
  resolveTxt(name: string): Promise<string[][]>;
  resolveMx(name: string): Promise<Array<{ exchange: string; priority: number }>>;
  resolve4(name: string): Promise<string[]>;
}

export interface RelayProbe {
  (smtpUrl: string): Promise<{ ok: boolean; detail: string }>;
}

async function txt(dns: DnsLookup, name: string): Promise<string[]> {
  try {
    return (await dns.resolveTxt(name)).map((chunks) => chunks.join(''));
  } catch {
    return [];
  }
}

function domainOfAddress(address: string | null): string | null {
  if (!address) return null;
  const m = /@([^@>\s]+)>?\s*$/.exec(address);
  return m?.[1]?.toLowerCase() ?? null;
}

/** Relaxed alignment (RFC 7489): one domain is the other or a subdomain of it. */
function alignedDomains(a: string, b: string, strict: boolean): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (strict) return x === y;
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

function tagValue(record: string, tag: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${tag}\\s*=\\s*([^;]*)`, 'i').exec(record);
  return m?.[1]?.trim() ?? null;
}

export async function goLiveChecks(
  config: Pick<Config, 'env' | 'sending'>,
  deps: { dns: DnsLookup; probeRelay: RelayProbe },
): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const add = (check: string, ok: boolean, detail: string) => out.push({ check, ok, detail });
  const { sending, env } = config;

  // Addresses and links.
  const fromDomain = domainOfAddress(sending.from) ?? '';
  add('from', !isLocalHost(fromDomain) && fromDomain !== '', isLocalHost(fromDomain)
    ? `From ${sending.from} is at ${fromDomain}: set DISPATCH_FROM (or sending.from) to an address on your domain`
    : `From ${sending.from}`);
  const pub = new URL(env.publicUrl);
  const pubProblems = [
    ...(pub.protocol !== 'https:' ? ['is not https'] : []),
    ...(isLocalHost(pub.hostname) ? ['points at this machine'] : []),
    ...(isIP(pub.hostname.replace(/^\[|\]$/g, '')) ? ['is an IP address, not a name'] : []),
  ];
  add('public-url', pubProblems.length === 0, pubProblems.length ? `DISPATCH_PUBLIC_URL ${env.publicUrl} ${pubProblems.join(', ')}` : `DISPATCH_PUBLIC_URL ${env.publicUrl}`);
  const unsubDomain = domainOfAddress(sending.unsubscribeAddress);
  const bounceDomain = domainOfAddress(sending.bounceAddress);
  add('unsubscribe-address', unsubDomain !== null && !isLocalHost(unsubDomain), `sending.unsubscribeAddress ${sending.unsubscribeAddress}`);
  add('bounce-address', bounceDomain !== null && !isLocalHost(bounceDomain),
    sending.bounceAddress ? `sending.bounceAddress ${sending.bounceAddress} (VERP: bounces+<token>@${bounceDomain})` : 'sending.bounceAddress is not set: bounces that arrive later are never read');
  add('inbound-listener', env.inboundSmtp !== null,
    env.inboundSmtp
      ? `DISPATCH_INBOUND_SMTP ${env.inboundSmtp} serves ${[sending.unsubscribeAddress, sending.bounceAddress, sending.complaintsAddress].filter(Boolean).join(', ')}`
      : 'DISPATCH_INBOUND_SMTP is not set: nothing receives unsubscribe mails, bounces or complaints');

  // DKIM: the configured key's public half must be what DNS publishes.
  const dkim = sending.dkim;
  let dkimOk = false;
  if (!dkim) add('dkim', false, 'sending.dkim is not configured: mail is not signed');
  else {
    const name = `${dkim.keySelector}._domainkey.${dkim.domainName}`;
    const records = (await txt(deps.dns, name)).filter((r) => /v\s*=\s*DKIM1|p\s*=/i.test(r));
    const want = createPublicKey(dkim.privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
    const published = records.map((r) => (tagValue(r, 'p') ?? '').replace(/\s+/g, ''));
    dkimOk = published.includes(want);
    add('dkim', dkimOk, records.length === 0
      ? `no DKIM record at ${name}: publish TXT "v=DKIM1; k=rsa; p=${want.slice(0, 24)}…"`
      : dkimOk ? `${name} publishes the configured key` : `${name} publishes a different key than sending.dkim.keyFile`);
  }

  // SPF and DMARC for the From domain.
  const spf = (await txt(deps.dns, fromDomain)).filter((r) => /^v=spf1\b/i.test(r));
  add('spf', spf.length === 1, spf.length === 1 ? `SPF for ${fromDomain}: ${spf[0]}` : spf.length === 0 ? `no SPF record for ${fromDomain}: publish TXT "v=spf1 include:<your relay> -all"` : `${spf.length} SPF records for ${fromDomain}: there must be exactly one`);
  const dmarc = (await txt(deps.dns, `_dmarc.${fromDomain}`)).filter((r) => /^v=DMARC1\b/i.test(r));
  if (dmarc.length === 0) add('dmarc', false, `no DMARC record at _dmarc.${fromDomain}: publish TXT "v=DMARC1; p=none; rua=mailto:…"`);
  else {
    const strict = (tagValue(dmarc[0] ?? '', 'adkim') ?? 'r').toLowerCase() === 's';
    const aligned = dkim ? alignedDomains(dkim.domainName, fromDomain, strict) : false;
    add('dmarc', aligned, aligned
      ? `DMARC for ${fromDomain} (${dmarc[0]}), aligned with DKIM d=${dkim?.domainName}`
      : `DMARC for ${fromDomain} exists but DKIM ${dkim ? `d=${dkim.domainName}` : '(none)'} is not aligned with it${strict ? ' (adkim=s)' : ''}`);
  }

  // A route for mail to the unsubscribe and bounce domains: MX, or an A record (implicit MX).
  for (const [check, domain] of [['mx-unsubscribe', unsubDomain], ['mx-bounce', bounceDomain]] as const) {
    if (!domain) continue;
    let mx: Array<{ exchange: string }> = [];
    try {
      mx = await deps.dns.resolveMx(domain);
    } catch {
      mx = [];
    }
    let a: string[] = [];
    if (mx.length === 0) a = await deps.dns.resolve4(domain).catch(() => []);
    add(check, mx.length > 0 || a.length > 0, mx.length > 0
      ? `MX for ${domain}: ${mx.map((m) => m.exchange).join(', ')}`
      : a.length > 0 ? `no MX for ${domain}, but an A record (${a[0]}) routes mail to it` : `no MX or A record for ${domain}: publish "${domain}. MX 10 <host of dispatch serve>."`);
  }

  // The relay: answers EHLO and offers STARTTLS, or is smtps:.
  if (!env.smtpUrl) add('relay', false, 'DISPATCH_SMTP_URL is not set: mail goes to the outbox folder');
  else {
    const r = await deps.probeRelay(env.smtpUrl);
    add('relay', r.ok, r.detail);
  }
  return out;
}
