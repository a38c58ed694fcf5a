// A DNS server on loopback for the tests (dns-packet over UDP): answers the
// records it is given, NXDOMAIN otherwise. Nothing reaches the internet; a
// node:dns Resolver pointed at it is what the code under test uses.
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import * as packet from 'dns-packet';

export interface DnsZone {
  TXT?: Record<string, string[]>;
  MX?: Record<string, Array<{ exchange: string; preference: number }>>;
  A?: Record<string, string[]>;
}

export interface TestDns {
  port: number;
  /** A node:dns Resolver that asks only this server. */
  resolver: Resolver;
  /** For mailauth: (name, rrtype) → the same shapes as dns.promises.resolve. */
  resolve: (name: string, rr: string) => Promise<unknown>;
  close(): Promise<void>;
}

// TXT strings longer than 255 octets are split into several character-strings, as real servers do.
function txtChunks(value: string): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < value.length; i += 255) out.push(Buffer.from(value.slice(i, i + 255)));
  return out.length ? out : [Buffer.alloc(0)];
}

export async function startTestDns(zone: DnsZone): Promise<TestDns> {
  const socket = createSocket('udp4');
  const lc = (n: string) => n.toLowerCase().replace(/\.$/, '');
  socket.on('message', (msg, rinfo) => {
    let query: packet.Packet;
    try {
      query = packet.decode(msg);
    } catch {
      return;
    }
    const q = query.questions?.[0];
    const answers: packet.Answer[] = [];
    if (q) {
      const name = lc(q.name);
      const find = <T>(rec: Record<string, T> | undefined): T | undefined =>
        rec ? Object.entries(rec).find(([k]) => lc(k) === name)?.[1] : undefined;
      if (q.type === 'TXT') for (const t of find(zone.TXT) ?? []) answers.push({ type: 'TXT', name: q.name, ttl: 60, data: txtChunks(t) });
      if (q.type === 'MX') for (const m of find(zone.MX) ?? []) answers.push({ type: 'MX', name: q.name, ttl: 60, data: m });
      if (q.type === 'A') for (const a of find(zone.A) ?? []) answers.push({ type: 'A', name: q.name, ttl: 60, data: a });
    }
    const known = q ? [zone.TXT, zone.MX, zone.A].some((r) => r && Object.keys(r).some((k) => lc(k) === lc(q.name))) : false;
    const reply = packet.encode({
      id: query.id,
      type: 'response',
      flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | (known ? 0 : 3), // rcode 3 = NXDOMAIN
      questions: query.questions,
      answers,
    });
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  return {
    port,
    resolver,
    resolve: (name, rr) => resolver.resolve(name, rr as 'TXT'),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
