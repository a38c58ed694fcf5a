// The SMTP pool against a real server (smtp-server) the way relays are run:
// STARTTLS on 587, TLS from the first byte on 465 (smtps:), AUTH PLAIN and
// LOGIN, and with and without PIPELINING. Messages must arrive whole and in
// order per connection, the login must be the URL's, and a wrong password or
// an untrusted certificate must fail with the reason classifySendError maps.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpPool, smtpOptionsFromUrl } from '../../../src/deliver/mailers/smtp-pool.js';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from '../../helpers/ingest-tls-fixture.js';

interface Relay {
  url: (scheme: 'smtp' | 'smtps', userinfo?: string, query?: string) => string;
  received: Array<{ from: string; to: string[]; body: string; user: string | undefined; secure: boolean }>;
  close: () => Promise<void>;
}

const servers: Relay[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function startRelay(opts: Partial<SMTPServerOptions> & { users?: Record<string, string> } = {}): Promise<Relay> {
  const received: Relay['received'] = [];
  const { users = { brief: 'right horse battery' }, ...rest } = opts;
  const server = new SMTPServer({
    key: SELF_SIGNED_KEY,
    cert: SELF_SIGNED_CERT,
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, cb) {
      if (users[auth.username ?? ''] === auth.password) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          body: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
          secure: session.secure,
        });
        cb(null);
      });
    },
    ...rest,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  const relay: Relay = {
    url: (scheme, userinfo = 'brief:right%20horse%20battery', query = 'tls=insecure') => `${scheme}://${userinfo ? `${userinfo}@` : ''}127.0.0.1:${port}${query ? `?${query}` : ''}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  servers.push(relay);
  return relay;
}

const message = (n: number): Uint8Array[] => [
  Buffer.from(`From: brief@example.org\r\nTo: reader${n}@example.org\r\nSubject: Brief ${n}\r\nMessage-ID: <m${n}@example.org>\r\n\r\n`),
  Buffer.from(`Body of message ${n}.\r\n`),
  Buffer.from(`=2E a line that would have needed dot-stuffing\r\nend ${n}\r\n`),
];

async function sendAll(url: string, count: number, connections = 2): Promise<void> {
  const pool = createSmtpPool(smtpOptionsFromUrl(new URL(url), { connections, messagesPerConnection: 3 }));
  try {
    await Promise.all(Array.from({ length: count }, (_, i) => pool.send('brief@example.org', [`reader${i + 1}@example.org`], message(i + 1), true)));
  } finally {
    await pool.close();
  }
}

describe('SMTP pool against a real server', () => {
  it('upgrades with STARTTLS, logs in with AUTH PLAIN and delivers every message whole (pipelined, connections recycled)', async () => {
    const relay = await startRelay();
    await sendAll(relay.url('smtp'), 10);
    expect(relay.received).toHaveLength(10);
    expect(relay.received.every((m) => m.secure && m.user === 'brief')).toBe(true);
    const bodies = new Map(relay.received.map((m) => [m.to[0], m.body]));
    for (let n = 1; n <= 10; n++) {
      const body = bodies.get(`reader${n}@example.org`);
      expect(body).toBe(Buffer.concat(message(n)).toString('utf8'));
    }
  });

  it('speaks TLS from the first byte for smtps: and uses AUTH LOGIN when PLAIN is not offered', async () => {
    const relay = await startRelay({ secure: true, authMethods: ['LOGIN'] });
    await sendAll(relay.url('smtps'), 4);
    expect(relay.received.map((m) => [m.secure, m.user])).toEqual(Array(4).fill([true, 'brief']));
  });

  it('works without PIPELINING (one command at a time)', async () => {
    const relay = await startRelay({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true, hidePIPELINING: true });
    await sendAll(relay.url('smtp', 'brief:right%20horse%20battery', ''), 6, 1);
    expect(relay.received.map((m) => m.to[0]).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `reader${i + 1}@example.org`).sort());
    expect(relay.received.every((m) => !m.secure)).toBe(true);
  });

  it('fails a wrong password with EAUTH and the 535 reply, and an untrusted certificate with ETLS', async () => {
    const relay = await startRelay();
    const wrong = createSmtpPool(smtpOptionsFromUrl(new URL(relay.url('smtp', 'brief:wrong'))));
    await expect(wrong.send('brief@example.org', ['a@example.org'], message(1), true)).rejects.toMatchObject({ code: 'EAUTH', responseCode: 535 });
    await wrong.close();
    const strict = createSmtpPool(smtpOptionsFromUrl(new URL(relay.url('smtp', undefined, ''))));
    await expect(strict.send('brief@example.org', ['a@example.org'], message(1), true)).rejects.toMatchObject({ code: 'ETLS' });
    await strict.close();
    expect(relay.received).toHaveLength(0);
  });
});
