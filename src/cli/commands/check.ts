// `dispatch check [--json]`: the go-live report (issue 10). Exit 1 when any
// check fails; every line says what was looked at and what to fix.
import { dnsResolver, goLiveChecks, probeRelay } from '../../deliverability/index.js';
import type { Command } from './command.js';

export const checkCommand: Command = async (c) => {
  const { resolver } = dnsResolver(c.config.env.dnsServers);
  const results = await goLiveChecks(c.config, { dns: resolver, probeRelay: (url) => probeRelay(url) });
  const ok = results.every((r) => r.ok);
  if (c.json) c.out.json({ ok, checks: results });
  else {
    for (const r of results) c.out.print(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.check.padEnd(20)} ${r.detail}`);
    c.out.print(ok ? 'ready to go live' : `${results.filter((r) => !r.ok).length} check(s) failed`);
  }
  return ok ? 0 : 1;
};
