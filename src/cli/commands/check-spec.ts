// `dispatch check` as help and parsing know it; check.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const checkSpec: CommandSpec = {
  name: 'check',
  summary: 'go-live report: addresses, links, DNS (SPF, DKIM, DMARC, MX) and the relay; exit 1 when something is wrong',
  examples: ['dispatch check', 'dispatch check --json', 'DISPATCH_DNS_SERVERS=127.0.0.1:5353 dispatch check'],
  run: runLazily(async () => (await import('./check.js')).checkCommand),
};
