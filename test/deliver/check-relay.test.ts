// A relay that is down, refuses the login or fails TLS is named once, before
// any row spends an attempt on it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRelay } from '../../src/deliver/index.js';
import { dispatch } from '../helpers/cli-run.js';

/** A port with nothing listening on it (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('checkRelay', () => {
  let authServer: SMTPServer;
  let authPort = 0;
  beforeAll(async () => {
    authServer = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (_auth, _session, cb) => cb(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 })),
    });
    await new Promise<void>((r) => authServer.listen(0, '127.0.0.1', () => r()));
    authPort = (authServer.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => authServer.close(() => r())));

  it('names ECONNREFUSED and host:port when nothing listens', async () => {
    const port = await closedPort();
    expect(await checkRelay(`smtp://user:secret@127.0.0.1:${port}`)).toEqual({ ok: false, reason: `relay unreachable: ECONNREFUSED 127.0.0.1:${port}` });
  });

  it('names a refused login without the password', async () => {
    const r = await checkRelay(`smtp://user:hunter2@127.0.0.1:${authPort}`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(new RegExp(`^relay refused the login at 127\\.0\\.0\\.1:${authPort}: 535`));
    expect(r.reason).not.toContain('hunter2');
  });

  it('says the relay is unreachable once per edition in `dispatch run`, and leaves every row pending', async () => {
    const port = await closedPort();
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-relay-'));
    writeFileSync(join(dir, 'desk.xml'), `<rss version="2.0"><channel><title>D</title>${[1, 2, 3, 4]
      .map((n) => `<item><title>Story number ${n} about talks</title><link>https://d.example/${n}</link><pubDate>${new Date().toUTCString()}</pubDate></item>`)
      .join('')}</channel></rss>`);
    writeFileSync(join(dir, 'dispatch.config.yaml'), 'feeds:\n  - name: Desk\n    url: desk.xml\ndigests:\n  - name: daily\n    title: Daily\n    minItems: 1\n');
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) expect((await dispatch(dir, ['subscribers', 'add', email])).code).toBe(0);
    const r = await dispatch(dir, ['run'], { DISPATCH_SMTP_URL: `smtp://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    const all = r.stdout + r.stderr;
    expect(all.match(/relay unreachable: ECONNREFUSED 127\.0\.0\.1:\d+/g)).toHaveLength(1);
    expect(all).toMatch(/0 sent, 0 failed, 0 skipped, 3 still pending/);
  });
});
