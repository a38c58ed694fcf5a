// Per-subscriber preferences end to end: feed files → tagging → edition →
// one copy per subscriber filtered to their regions, through a real SMTP sink.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTemplates, openContext, openMailer, runDigests, type AppContext } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';

const ITEMS: Array<[string, string]> = [
  ['Brazil and Argentina sign a trade pact', 'Officials in Brasilia and Buenos Aires agreed to cut tariffs.'],
  ['Chile elects a new president', 'Voters in Chile chose a new president on Sunday.'],
  ['Egypt and Jordan discuss water sharing', 'Ministers from Egypt and Jordan met in Cairo.'],
  ['Germany raises its defence budget', 'The Bundestag approved more money for the armed forces of Germany.'],
];

function rss(): string {
  const items = ITEMS.map(
    ([title, text], i) =>
      `<item><title>${title}</title><link>https://news.example.org/${i}</link><guid>g${i}</guid><description>${text}</description></item>`,
  ).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>${items}</channel></rss>`;
}

describe('personal copies', () => {
  let sink: SmtpSink;
  let ctx: AppContext;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-personal-'));
    writeFileSync(join(dir, 'desk.xml'), rss());
    writeFileSync(
      join(dir, 'dispatch.config.yaml'),
      `feeds:\n  - name: Desk\n    url: desk.xml\ndigests:\n  - name: daily\n    title: Daily\n    minItems: 1\n    topStories: 0\nsending:\n  from: "Daily <daily@example.org>"\n`,
    );
    const config = loadConfig({ cwd: dir, env: { DISPATCH_SMTP_URL: sink.url, DISPATCH_SECRET: 'test-secret-0123456789abcdef' } });
    ctx = await openContext(config);
    const now = new Date();
    const add = (email: string, preferences: object) =>
      ctx.store.subscribers.add({ email, status: 'active', preferences, consentSource: 'test', now });
    await add('all@example.org', {});
    await add('americas@example.org', { regions: ['americas'] });
    await add('mena-europe@example.org', { regions: ['mena', 'europe'] });
    await add('asia@example.org', { regions: ['east-asia-pacific'] });
    await add('other-digest@example.org', { digests: ['weekly'] });
  });

  afterAll(async () => {
    await ctx?.close();
    await sink?.close();
  });

  it('sends each subscriber only the regions they asked for, and nothing when nothing matches', async () => {
    const compiled = await compileTemplates(ctx.config);
    const mailer = openMailer(ctx.config);
    const report = await runDigests(ctx, { now: () => new Date(), compiled, mailer });
    await mailer.close();
    expect(report.digests[0]?.delivery).toMatchObject({ sent: 3, failed: 0, skipped: 2, pendingLeft: 0 });

    const text = async (to: string) => {
      const msg = sink.messages.find((m) => m.to.includes(to));
      return msg ? String((await sink.parse(msg)).text) : null;
    };
    const all = await text('all@example.org');
    for (const [title] of ITEMS) expect(all).toContain(title);

    const americas = await text('americas@example.org');
    expect(americas).toContain('Brazil and Argentina');
    expect(americas).toContain('Chile elects');
    expect(americas).not.toContain('Egypt and Jordan');
    expect(americas).not.toContain('Germany raises');

    const menaEurope = await text('mena-europe@example.org');
    expect(menaEurope).toContain('Egypt and Jordan');
    expect(menaEurope).toContain('Germany raises');
    expect(menaEurope).not.toContain('Chile elects');

    expect(await text('asia@example.org')).toBeNull();
    expect(await text('other-digest@example.org')).toBeNull();
  });
});
