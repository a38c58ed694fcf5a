// The DNS resolver Dispatch reads SPF, DKIM, DMARC and MX records with:
// node:dns, asking DISPATCH_DNS_SERVERS when set (an authoritative server, or
// a test's server on loopback), the system's resolvers otherwise.
import { Resolver } from 'node:dns/promises';
import { ConfigError } from '../shared/errors.js';

export interface DispatchResolver {
  resolver: Resolver;
  /** mailauth's resolver shape: (name, rrtype) → what dns.promises.resolve returns. */
  resolve: (name: string, rrtype: string) => Promise<unknown>;
}

export function dnsResolver(servers: readonly string[] | null): DispatchResolver {
  const resolver = new Resolver({ timeout: 5000, tries: 2 });
  if (servers && servers.length > 0) {
    try {
      resolver.setServers([...servers]);
    } catch (error) {
      throw new ConfigError(`DISPATCH_DNS_SERVERS: expected ip[:port] entries separated by commas (${(error as Error).message})`);
    }
  }
  return { resolver, resolve: (name, rrtype) => resolver.resolve(name, rrtype as 'TXT') };
}
