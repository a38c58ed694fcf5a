// Who holds a lease or a claim: "prefix:host#pid#random", readable in
// `dispatch status` and in a loser's log line, and parseable, so a process
// can tell that a holder on its own host has died (kill -9, OOM) and take its
// lease at once instead of waiting for the expiry.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function processHolderId(prefix = ''): string {
  return `${prefix}${hostname()}#${process.pid}#${randomBytes(3).toString('hex')}`;
}

const HOLDER = /^(?:[\w-]+:)?([^#:]+)#(\d+)#[^#]*$/;

export function parseHolderId(holder: string): { host: string; pid: number } | null {
  const m = HOLDER.exec(holder);
  return m?.[1] && m[2] ? { host: m[1], pid: Number(m[2]) } : null;
}

/**
 * True only when the holder is certainly dead: it names this host, a pid
 * other than ours, and no process with that pid exists. Anything else (another
 * host, an unparseable id, a pid we may not signal) counts as alive: then only
 * the expiry frees the lease. (Containers: the host name must be unique per
 * pid namespace, as a Kubernetes pod name is.)
 */
export function holderIsDead(holder: string, host = hostname()): boolean {
  const h = parseHolderId(holder);
  if (!h || h.host !== host || h.pid === process.pid || h.pid <= 0) return false;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
