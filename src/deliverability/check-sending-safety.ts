// The address and link checks every `run`, `send` and `serve` does whenever an
// SMTP relay is set. Going live used to mean mail from dispatch@localhost
// with http://localhost:8080 unsubscribe links and no warning: to a real relay
// that is a config error naming the variable to set; to a relay on this
// machine (a local mail catcher such as Mailpit) it is only a warning.
import { isIP } from 'node:net';
import type { Config } from '../config/index.js';
import { ConfigError } from '../shared/errors.js';

export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || h === '::') return true;
  if (isIP(h) === 4 && h.startsWith('127.')) return true;
  return h.startsWith('::ffff:127.');
}

export interface SendingSafety {
  /** True when a relay is set and it is not on this machine. */
  realRelay: boolean;
  problems: string[];
}

/** The problems a real relay would turn into broken mail; empty when no relay is set. */
export function sendingSafety(config: Pick<Config, 'env' | 'sending'>): SendingSafety {
  const relay = config.env.smtpUrl;
  if (!relay) return { realRelay: false, problems: [] };
  let relayHost = '';
  try {
    relayHost = new URL(relay).hostname;
  } catch {
    // readEnv already refused an unparseable URL; treat it as remote to be safe.
  }
  const problems: string[] = [];
  const publicHost = new URL(config.env.publicUrl).hostname;
  if (isLocalHost(publicHost)) {
    problems.push(`links in mails point at ${config.env.publicUrl}: set DISPATCH_PUBLIC_URL to the public https address of \`dispatch serve\``);
  }
  const fromDomain = /@([^@>\s]+)>?\s*$/.exec(config.sending.from)?.[1] ?? '';
  if (isLocalHost(fromDomain)) {
    problems.push(`mail is sent from ${config.sending.from}: set DISPATCH_FROM (or sending.from) to an address on your own domain`);
  }
  const unsubDomain = config.sending.unsubscribeAddress.split('@')[1] ?? '';
  if (isLocalHost(unsubDomain)) {
    problems.push(`the List-Unsubscribe address is ${config.sending.unsubscribeAddress}: set sending.unsubscribeAddress (or DISPATCH_PUBLIC_URL, which it defaults to)`);
  }
  return { realRelay: !isLocalHost(relayHost), problems };
}

/**
 * Throws a ConfigError (exit 2) for a real relay with local links or From;
 * hands each problem to `warn` for a relay on this machine.
 */
export function checkSendingSafety(config: Pick<Config, 'env' | 'sending'>, warn: (line: string) => void): void {
  const s = sendingSafety(config);
  if (s.problems.length === 0) return;
  if (s.realRelay) {
    throw new ConfigError(`refusing to send through DISPATCH_SMTP_URL to a real relay:\n  - ${s.problems.join('\n  - ')}`);
  }
  for (const p of s.problems) warn(`warning (relay on this machine, so only a warning): ${p}`);
}
