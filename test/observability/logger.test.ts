// Structured logs: every event is one JSON line with a stable `event` field,
// addresses are short hashes unless DISPATCH_LOG_ADDRESSES=1, and `run`
// logs its edition and send on stderr while stdout keeps the --json report.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { addressForLog, createLogger, logEvents, publishEvent } from '../../src/observability/index.js';
import { dispatch } from '../helpers/cli-run.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c) => (text += c));
  return { stream, lines: () => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('structured logs', () => {
  it('logs each event as a JSON line and hashes addresses by default', () => {
    const out = capture();
    const stop = logEvents(createLogger({ stream: out.stream, pretty: false, command: 'serve' }));
    try {
      publishEvent({ type: 'signup', email: 'Ada@Example.org', outcome: 'confirmation-sent', source: 'web' });
      publishEvent({ type: 'unsubscribe', email: 'ada@example.org', subscriberId: 7, how: 'one-click', outcome: 'unsubscribed' });
      publishEvent({ type: 'slot', digest: 'daily', slot: '2026-03-02T06:00:00.000Z', status: 'missed', reason: 'too late', editionId: null });
    } finally {
      stop();
    }
    publishEvent({ type: 'signup', email: 'after@example.org', outcome: 'throttled', source: 'web' }); // not logged: stopped
    const [signup, unsubscribe, slot, ...rest] = out.lines();
    expect(rest).toEqual([]);
    expect(signup).toMatchObject({ event: 'signup', outcome: 'confirmation-sent', source: 'web', cmd: 'serve', level: 30 });
    expect(signup!.email).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(JSON.stringify(out.lines())).not.toMatch(/ada@example\.org/i);
    // The same person gives the same value, whatever the case.
    expect(unsubscribe!.email).toBe(signup!.email);
    expect(unsubscribe).toMatchObject({ event: 'unsubscribe', how: 'one-click', outcome: 'unsubscribed' });
    expect(slot).toMatchObject({ event: 'slot', status: 'missed', level: 40 });
  });

  it('logs addresses in full only when asked, and honours the level', () => {
    const out = capture();
    const stop = logEvents(createLogger({ stream: out.stream, pretty: false, level: 'warn' }), { fullAddresses: true });
    publishEvent({ type: 'signup', email: 'ada@example.org', outcome: 'confirmation-sent', source: 'web' }); // info: below warn
    publishEvent({ type: 'bounce', digest: 'daily', email: 'ada@example.org', reason: '550 no such user' });
    stop();
    expect(out.lines()).toEqual([expect.objectContaining({ event: 'bounce', email: 'ada@example.org', reason: '550 no such user' })]);
    expect(addressForLog('ada@example.org', false)).toBe(addressForLog(' ADA@example.org', false));
  });

  it('pretty-prints on a terminal', () => {
    const out = capture();
    const stream = Object.assign(out.stream, { isTTY: true });
    let text = '';
    stream.on('data', (c) => (text += c));
    const stop = logEvents(createLogger({ stream }));
    publishEvent({ type: 'edition-built', digest: 'daily', editionId: 3, items: 12, subject: 'Daily' });
    stop();
    return new Promise<void>((ok) =>
      setImmediate(() => {
        expect(text).toMatch(/INFO.*edition 3 of daily built \(12 items\)/);
        expect(() => JSON.parse(text)).toThrow();
        ok();
      }),
    );
  });

  it('dispatch run logs the edition and the send on stderr; stdout stays the --json report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-logs-'));
    writeFileSync(
      join(dir, 'desk.xml'),
      `<rss version="2.0"><channel><title>D</title>${[1, 2, 3, 4].map((n) => `<item><title>Talks in Geneva ${n} on Ukraine</title><link>https://x.example/${n}</link><guid>${n}</guid><pubDate>${new Date().toUTCString()}</pubDate></item>`).join('')}</channel></rss>`,
    );
    writeFileSync(join(dir, 'dispatch.config.yaml'), 'feeds:\n  - name: Desk\n    url: desk.xml\ndigests:\n  - name: daily\n    title: Daily\n    minItems: 1\n');
    expect((await dispatch(dir, ['subscribers', 'add', 'reader@example.org'])).code).toBe(0);
    const r = await dispatch(dir, ['run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).digests[0].delivery.sent).toBe(1);
    const events = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { event?: string; cmd?: string; sent?: number });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['edition-built', 'send-started', 'send-finished']));
    expect(events.find((e) => e.event === 'send-finished')).toMatchObject({ cmd: 'run', sent: 1, failed: 0 });
    const quiet = await dispatch(dir, ['run'], { DISPATCH_LOG_LEVEL: 'silent' });
    expect(quiet.stderr).not.toMatch(/^\{/m);
  });
});
