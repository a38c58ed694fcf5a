// The review desk end to end: feed file → draft (nothing sent) → edits with
// who and when → approval → copies through a real SMTP server, compared with
// the approved model; and what happens at the deadline (onMissed).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  approveEdition,
  compileTemplates,
  composeCopy,
  editDraft,
  openContext,
  openMailer,
  readDraft,
  runDigests,
  sendReleased,
  type AppContext,
} from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { applyEdits, storiesOf, type EditionEdit } from '../../src/edition/index.js';
import type { CompiledDigest } from '../../src/render/index.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';

const T0 = new Date('2026-12-01T05:00:00Z');
const HOUR = 3600_000;
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

interface Desk {
  ctx: AppContext;
  sink: SmtpSink;
  compiled: CompiledDigest;
  run(at: Date): ReturnType<typeof runDigests>;
}

let open: Desk[] = [];

async function makeDesk(onMissed: 'skip' | 'send'): Promise<Desk> {
  const sink = await startSmtpSink();
  const dir = mkdtempSync(join(tmpdir(), 'dispatch-review-'));
  writeFileSync(join(dir, 'desk.xml'), rss());
  writeFileSync(
    join(dir, 'dispatch.config.yaml'),
    `feeds:\n  - name: Desk\n    url: desk.xml\ndigests:\n  - name: daily\n    title: Daily\n    minItems: 1\n    topStories: 0\n` +
      `    review: { required: true, deadline: 2h, onMissed: ${onMissed} }\nsending:\n  from: "Daily <daily@example.org>"\n`,
  );
  const config = loadConfig({ cwd: dir, env: { DISPATCH_SMTP_URL: sink.url, DISPATCH_SECRET: 'test-secret-0123456789abcdef' } });
  const ctx = await openContext(config);
  for (const email of ['ana@example.org', 'ben@example.org', 'americas@example.org']) {
    await ctx.store.subscribers.add({ email, status: 'active', preferences: email.startsWith('americas') ? { regions: ['americas'] } : {}, consentSource: 'test', now: T0 });
  }
  const compiled = await compileTemplates(config);
  const desk: Desk = {
    ctx,
    sink,
    compiled,
    async run(at) {
      const mailer = openMailer(config);
      try {
        // A clock that moves: items first seen at `at` are in a window that ends after it.
        let tick = 0;
        return await runDigests(ctx, { now: () => new Date(at.getTime() + tick++), compiled, mailer });
      } finally {
        await mailer.close();
      }
    },
  };
  open.push(desk);
  return desk;
}

afterEach(async () => {
  for (const d of open) {
    await d.ctx.close();
    await d.sink.close();
  }
  open = [];
});

describe('review desk', () => {
  it('builds a draft and sends nothing, refuses to send it, and sends exactly the approved edition', async () => {
    const d = await makeDesk('skip');
    const first = await d.run(T0);
    const report = first.digests[0];
    expect(report?.delivery).toBeNull();
    expect(report?.skipped).toMatch(/held for review: a draft due 2026-12-01 07:00 UTC \(then skipped\)/);
    const id = report?.edition?.editionId as number;
    expect(d.sink.accepted()).toBe(0);
    expect((await d.ctx.store.editions.get(id))?.status).toBe('draft');
    // `dispatch send --edition ID` and the next run do not send a draft either.
    const mailer = openMailer(d.ctx.config);
    await expect(sendReleased(d.ctx, id, { now: () => T0, compiled: d.compiled, mailer })).rejects.toThrow(/is draft; approve it first/);
    await mailer.close();
    await d.run(new Date(T0.getTime() + 10 * 60_000));
    expect(d.sink.accepted()).toBe(0);

    const { edition: draft } = await readDraft(d.ctx, id);
    const ids = storiesOf(draft.model).map((s) => s.id);
    const chile = storiesOf(draft.model).find((s) => s.headline.title.startsWith('Chile'))?.id as string;
    const germany = storiesOf(draft.model).find((s) => s.headline.title.startsWith('Germany'))?.id as string;
    expect(ids).toHaveLength(4);
    const edits: EditionEdit[] = [
      { op: 'drop', storyId: germany },
      { op: 'headline', storyId: chile, title: 'Chile: a new president, and a new foreign policy' },
      { op: 'pin', storyId: chile },
      { op: 'note', markdown: 'Good morning. **Latin America** leads today.' },
    ];
    for (const [i, e] of edits.entries()) await editDraft(d.ctx, id, e, `studio:ana`, new Date(T0.getTime() + (i + 1) * 60_000));
    await expect(editDraft(d.ctx, id, { op: 'drop', storyId: 'no-such-story' }, 'cli:ben', T0)).rejects.toThrow(/no story "no-such-story"/);

    const view = await readDraft(d.ctx, id);
    expect(view.edits.map((e) => [e.edit.op, e.author, e.at.toISOString()])).toEqual([
      ['drop', 'studio:ana', '2026-12-01T05:01:00.000Z'],
      ['headline', 'studio:ana', '2026-12-01T05:02:00.000Z'],
      ['pin', 'studio:ana', '2026-12-01T05:03:00.000Z'],
      ['note', 'studio:ana', '2026-12-01T05:04:00.000Z'],
    ]);
    // The stored model is the draft with every edit applied (a pure function of both).
    const approvedModel = applyEdits(view.review.draftModel, edits);
    expect(view.edition.model).toEqual({ ...approvedModel, editionId: id });
    expect(view.edition.subject).toBe('Daily: Chile: a new president, and a new foreign policy');

    const at = new Date(T0.getTime() + 30 * 60_000);
    const approval = await approveEdition(d.ctx, id, { by: 'studio:ana', now: at, when: 'now' });
    expect(approval.released).toBe(true);
    await expect(editDraft(d.ctx, id, { op: 'note', markdown: 'too late' }, 'studio:ana', at)).rejects.toThrow(/only a draft can be edited/);
    const mailer2 = openMailer(d.ctx.config);
    const sent = await sendReleased(d.ctx, id, { now: () => at, compiled: d.compiled, mailer: mailer2 });
    await mailer2.close();
    expect(sent).toMatchObject({ sent: 3, failed: 0, pendingLeft: 0 });

    // Every copy sent is the approved edition, personalised and rendered: byte for byte the same HTML and text.
    const approved = (await d.ctx.store.editions.get(id))!;
    expect(approved.status).toBe('sent');
    for (const msg of d.sink.messages) {
      const mail = await d.sink.parse(msg);
      const subscriber = (await d.ctx.store.subscribers.findByEmail(msg.to[0] as string))!;
      const expected = composeCopy(d.ctx, approved, { subscriberId: subscriber.id, email: subscriber.email, name: subscriber.name, preferences: subscriber.preferences }, { compiled: d.compiled, date: at });
      expect(mail.subject).toBe(approved.subject);
      expect(String(mail.html).trim()).toBe(expected.html.trim());
      expect(String(mail.text).trim()).toBe(expected.text.trim());
      expect(String(mail.text)).toContain('Chile: a new president, and a new foreign policy');
      expect(String(mail.text)).not.toContain('Germany raises');
      expect(String(mail.html)).toContain('Good morning. <strong>Latin America</strong> leads today.');
    }
    const americas = d.sink.messages.find((m) => m.to.includes('americas@example.org'));
    expect(String((await d.sink.parse(americas!)).text)).not.toContain('Egypt and Jordan');
  });

  it('approved for the slot time, it waits for the due time and then goes out', async () => {
    const d = await makeDesk('skip');
    const id = (await d.run(T0)).digests[0]?.edition?.editionId as number;
    const r = await approveEdition(d.ctx, id, { by: 'cli:ben', now: new Date(T0.getTime() + 60_000), when: 'slot' });
    expect(r).toMatchObject({ released: false, });
    expect(r.sendAt.getTime() - T0.getTime()).toBeGreaterThanOrEqual(2 * HOUR);
    expect(r.sendAt.getTime() - T0.getTime()).toBeLessThan(2 * HOUR + 1000);
    expect((await d.ctx.store.editions.get(id))?.status).toBe('approved');
    await d.run(new Date(T0.getTime() + HOUR));
    expect(d.sink.accepted()).toBe(0);
    const later = await d.run(new Date(T0.getTime() + 2 * HOUR + 1000));
    expect(later.digests[0]?.resumed[0]).toMatchObject({ editionId: id, sent: 3 });
    expect(d.sink.accepted()).toBe(3);
  });

  it('onMissed: skip drops a draft nobody approved by the deadline', async () => {
    const d = await makeDesk('skip');
    const id = (await d.run(T0)).digests[0]?.edition?.editionId as number;
    await d.run(new Date(T0.getTime() + 2 * HOUR + 1000));
    expect(d.sink.accepted()).toBe(0);
    expect((await d.ctx.store.editions.get(id))?.status).toBe('discarded');
    expect((await readDraft(d.ctx, id)).review).toMatchObject({ status: 'skipped', });
    expect((await readDraft(d.ctx, id)).review.outcome).toMatch(/^not approved by 2026-12-01T07:00:00\.\d+Z: skipped$/);
    await expect(approveEdition(d.ctx, id, { by: 'cli:ben', now: new Date(T0.getTime() + 3 * HOUR), when: 'now' })).rejects.toThrow(/nothing to approve/);
  });

  it('onMissed: send sends the draft as it stands at the deadline', async () => {
    const d = await makeDesk('send');
    const id = (await d.run(T0)).digests[0]?.edition?.editionId as number;
    await editDraft(d.ctx, id, { op: 'note', markdown: 'Written but never approved.' }, 'studio:ana', T0);
    const r = await d.run(new Date(T0.getTime() + 2 * HOUR + 1000));
    expect(r.digests[0]?.resumed[0]).toMatchObject({ editionId: id, sent: 3 });
    const mail = await d.sink.parse(d.sink.messages[0]!);
    expect(String(mail.text)).toContain('Written but never approved.');
  });
});
