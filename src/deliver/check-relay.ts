// One connection to the relay before a send starts. When the relay is down,
// refuses the login or fails TLS, the operator gets one line naming the cause
// ("relay unreachable: ECONNREFUSED host:port") instead of one failure per
// message, and no row spends an attempt on it. The probe is a session of
// the pool that will send (same EHLO, STARTTLS and AUTH code), so what it
// finds is what the send would meet.
import { probeSmtp, smtpOptionsFromUrl } from './mailers/smtp-pool.js';

export type RelayCheck = { ok: true } | { ok: false; reason: string };

const UNREACHABLE = /\b(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|ECONNRESET|EPIPE)\b/;

/** One line for a failed connection, login or handshake; never the password. */
export function describeRelayError(err: unknown, smtpUrl: string): string {
  let where = '(unknown relay)';
  try {
    const u = new URL(smtpUrl);
    where = `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? '465' : '587')}`;
  } catch {
    // an unparseable URL was already a config error; keep the placeholder
  }
  const e = (err ?? {}) as { code?: unknown; message?: unknown; response?: unknown; responseCode?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  const response = typeof e.response === 'string' ? e.response.split('\n')[0] : '';
  const network = UNREACHABLE.exec(message)?.[1] ?? (UNREACHABLE.test(code) ? code : null);
  if (network) return `relay unreachable: ${network} ${where}`;
  if (code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534) {
    return `relay refused the login at ${where}: ${response || message}`;
  }
  if (code === 'ETLS' || /TLS|SSL|certificate|self[- ]signed|wrong version number/i.test(message)) {
    return `relay TLS error at ${where}: ${message.split('\n')[0]}`;
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return `relay unreachable: ETIMEDOUT ${where}`;
  return `relay unreachable: ${code ? `${code} ` : ''}${where}: ${(response || message).split('\n')[0]}`;
}

/** Connects, greets, negotiates TLS and logs in as a send would; never throws. */
export async function checkRelay(smtpUrl: string, opts: { timeoutMs?: number } = {}): Promise<RelayCheck> {
  try {
    await probeSmtp({ ...smtpOptionsFromUrl(new URL(smtpUrl), { connections: 1 }), timeoutMs: opts.timeoutMs ?? 10_000 });
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: describeRelayError(err, smtpUrl) };
  }
}
