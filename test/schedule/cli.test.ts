// `dispatch schedule`, `dispatch status` and the lease in `dispatch run`, through the CLI in-process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';
import { dispatch } from '../helpers/cli-run.js';


describe('dispatch schedule / status / run with the lease', () => {
  let dir: string;
  let sink: SmtpSink;
  let env: Record<string, string>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    dir = mkdtempSync(join(tmpdir(), 'dispatch-schedule-cli-'));
    const items = [1, 2, 3]
      .map((i) => `<item><title>Talks, round ${i}</title><link>https://news.example.org/r${i}</link><guid>r${i}</guid><pubDate>${new Date(Date.now() - i * 3600_000).toUTCString()}</pubDate><description>Round ${i}.</description></item>`)
      .join('');
    writeFileSync(join(dir, 'desk.xml'), `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><link>https://news.example.org/</link>${items}</channel></rss>`);
    writeFileSync(
      join(dir, 'dispatch.config.yaml'),
      `feeds:
  - name: Desk
    url: desk.xml
  - name: Gone
    url: missing.xml
digests:
  - name: daily
    title: Daily Brief
    schedule: "0 7 * * 1-5"
    timezone: Europe/Berlin
    lookback: 2d
    minItems: 2
  - name: weekly
    title: Weekly Americas
    schedule: "0 8 * * 1"
    timezone: America/New_York
    catchUpGrace: 2h
schedule:
  fetchEvery: 10m
  failingAfter: 1
`,
    );
    env = { DISPATCH_SMTP_URL: sink.url };
    expect((await dispatch(dir, ['subscribers', 'add', 'ada@example.org'], env)).code).toBe(0);
  });
  afterAll(async () => {
    await sink?.close();
  });

  it('schedule lists each digest\'s next five runs in its own time zone', async () => {
    const r = await dispatch(dir, ['schedule', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ digest: string; timezone: string; catchUpGrace: string; next: string[] }>;
    expect(rows.map((x) => [x.digest, x.catchUpGrace, x.next.length])).toEqual([['daily', '6h', 5], ['weekly', '2h', 5]]);
    for (const iso of rows[0]!.next) {
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
      expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 07:00$/);
    }
    const text = await dispatch(dir, ['schedule', '--digest', 'weekly']);
    expect(text.stdout).toMatch(/weekly \(Weekly Americas\): "0 8 \* \* 1" in America\/New_York/);
    expect(text.stdout).toMatch(/Mon \d+ \w+ \d{4}, 08:00 (E[SD]T|GMT-[45])/);
    expect((await dispatch(dir, ['schedule', '--digest', 'nope'])).code).toBe(2);
  });

  it('rejects a bad cron expression or time zone at config load, naming the key', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'dispatch-schedule-bad-'));
    writeFileSync(join(bad, 'dispatch.config.yaml'), 'digests:\n  - name: daily\n    title: D\n    schedule: "0 25 * * *"\n    timezone: Mars/Olympus\nschedule:\n  fetchEvery: soon\n');
    const r = await dispatch(bad, ['schedule']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/digests\[0\]\.schedule: expected a cron expression/);
    expect(r.stderr).toMatch(/digests\[0\]\.timezone: expected an IANA time zone/);
    expect(r.stderr).toMatch(/schedule\.fetchEvery: expected a duration/);
  });

  it('run skips a digest whose lease another process holds and says who; status shows it', async () => {
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      await store.leases.acquire('digest:daily', 'serve@web-1#77', new Date(), 60_000);
      const busy = await dispatch(dir, ['run', '--digest', 'daily', '--json'], env);
      expect(busy.code, busy.stderr).toBe(0);
      const report = JSON.parse(busy.stdout);
      expect(report.digests[0]).toMatchObject({ leaseHeldBy: 'serve@web-1#77', edition: null, delivery: null });
      expect(report.digests[0].skipped).toMatch(/serve@web-1#77 holds the lease until/);
      expect(sink.messages).toHaveLength(0);

      const status = await dispatch(dir, ['status', '--json']);
      const health = JSON.parse(status.stdout);
      expect(health.digests[0]).toMatchObject({ name: 'daily', lease: { holder: 'serve@web-1#77' }, lastEdition: null });
      expect(health.feeds.failing.map((f: { name: string }) => f.name)).toEqual(['Gone']);

      await store.leases.release('digest:daily', 'serve@web-1#77');
      const ok = await dispatch(dir, ['run', '--digest', 'daily', '--json'], env);
      expect(JSON.parse(ok.stdout).digests[0].delivery).toMatchObject({ sent: 1 });
      expect(sink.copiesFor('ada@example.org')).toBe(1);
      expect(await store.leases.list()).toEqual([]);

      const after = await dispatch(dir, ['status']);
      expect(after.code, after.stderr).toBe(0);
      expect(after.stdout).toMatch(/daily .*1 \(sent\)\s+1\s+0\s+0/);
      expect(after.stdout).toMatch(/Gone: \d+ failures in a row/);
    } finally {
      await store.close();
    }
  });
});
