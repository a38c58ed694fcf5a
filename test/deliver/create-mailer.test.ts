import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { classifySendError, createMailer, type Mailer } from '../../src/deliver/index.js';
import type { DeliveryTarget } from '../../src/shared/types.js';
import { makeCompose, makeTempDir } from '../helpers/deliver-fixtures.js';
import { dkimTags, fieldsNamed, verifyDkim } from '../helpers/deliver-raw-mail.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';

const target = (over: Partial<DeliveryTarget> = {}): DeliveryTarget => ({
  deliveryId: 1,
  subscriberId: 3,
  email: 'reader@example.net',
  name: 'Reader',
  preferences: {},
  attempts: 0,
  ...over,
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sinkAndMailer(opts: Parameters<typeof createMailer>[0] | null = null): Promise<{ sink: SmtpSink; mailer: Mailer }> {
  const sink = await startSmtpSink();
  const tmp = makeTempDir();
  const mailer = createMailer({ outboxDir: tmp.dir, ...opts, smtpUrl: sink.url });
  cleanups.push(() => sink.close(), () => mailer.close(), tmp.cleanup);
  return { sink, mailer };
}

describe('createMailer over SMTP', () => {
  it('delivers a message with every header a bulk mail needs and both parts', async () => {
    const { sink, mailer } = await sinkAndMailer();
    const outcome = await mailer.send(makeCompose(7)(target()));
    expect(outcome).toMatchObject({ ok: true, messageId: expect.stringMatching(/^<e7\.s3\.[0-9a-f]+@dispatch\.example\.org>$/) });
    expect(outcome.ok && outcome.reply).toMatch(/^250 /);
    expect(sink.messages).toHaveLength(1);
    const raw = sink.messages[0]!.raw;

    const unsub = fieldsNamed(raw, 'List-Unsubscribe');
    expect(unsub).toHaveLength(1);
    expect(unsub[0]?.value).toMatch(/^<https:\/\/dispatch\.example\.org\/unsubscribe\?token=[\w.-]+>, <mailto:unsubscribe@dispatch\.example\.org\?subject=unsubscribe%20[\w.-]+>$/);
    expect(fieldsNamed(raw, 'List-Unsubscribe-Post').map((f) => f.value)).toEqual(['List-Unsubscribe=One-Click']);
    expect(fieldsNamed(raw, 'List-Id').map((f) => f.value)).toEqual(['Daily Brief <daily.dispatch.example.org>']);

    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe(outcome.ok ? outcome.messageId : '');
    expect(parsed.from?.text).toBe('"Daily Brief" <brief@dispatch.example.org>');
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : null).toBe('reader@example.net');
    expect(parsed.subject).toBe('Daily Brief: 3 stories');
    expect(parsed.date?.toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(parsed.text).toContain('Unsubscribe: https://dispatch.example.org/unsubscribe?token=');
    expect(parsed.html).toContain('<a href="https://dispatch.example.org/unsubscribe?token=');
  });

  it('signs with DKIM, covering List-Unsubscribe and List-Unsubscribe-Post, and the signature verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { sink, mailer } = await sinkAndMailer({
      outboxDir: '',
      dkim: {
        domainName: 'dispatch.example.org',
        keySelector: 'brief2026',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    // No MIME worker threads under vitest (workers need compiled code): the signature runs on libuv's pool.
    expect(mailer.describe()).toContain("DKIM brief2026._domainkey.dispatch.example.org signed on libuv's thread pool");
    const outcome = await mailer.send(makeCompose(7)(target()));
    expect(outcome.ok).toBe(true);
    const raw = sink.messages[0]!.raw;
    const sig = fieldsNamed(raw, 'DKIM-Signature');
    expect(sig).toHaveLength(1);
    const tags = dkimTags(sig[0]!.value);
    expect(tags.get('d')).toBe('dispatch.example.org');
    expect(tags.get('s')).toBe('brief2026');
    const signed = (tags.get('h') ?? '').toLowerCase().split(':');
    expect(signed).toEqual(expect.arrayContaining(['from', 'to', 'subject', 'date', 'message-id', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']));

    const verdict = verifyDkim(raw, publicKey);
    expect(verdict).toMatchObject({ ok: true, reason: 'pass' });
    // The verifier can fail: a changed List-Unsubscribe-Post breaks the signature.
    const tampered = Buffer.from(raw.toString('latin1').replace('List-Unsubscribe=One-Click', 'List-Unsubscribe=Two-Click'), 'latin1');
    expect(verifyDkim(tampered, publicKey).ok).toBe(false);
  });

  it('classifies a 550 user unknown as permanent and mailbox-missing', async () => {
    const { sink, mailer } = await sinkAndMailer();
    sink.faults.rejectUnknown = ['gone@example.net'];
    const outcome = await mailer.send(makeCompose(7)(target({ email: 'gone@example.net' })));
    expect(outcome).toMatchObject({ ok: false, temporary: false, code: 550, mailboxMissing: true });
    expect(!outcome.ok && outcome.reply).toMatch(/5\.1\.1/);
    expect(sink.messages).toHaveLength(0);
  });

  it('classifies a 451 as temporary', async () => {
    const { sink, mailer } = await sinkAndMailer();
    sink.faults.tempFailOnce = ['slow@example.net'];
    const first = await mailer.send(makeCompose(7)(target({ email: 'slow@example.net' })));
    expect(first).toMatchObject({ ok: false, temporary: true, code: 451, mailboxMissing: false });
    const second = await mailer.send(makeCompose(7)(target({ email: 'slow@example.net' })));
    expect(second.ok).toBe(true);
    expect(sink.copiesFor('slow@example.net')).toBe(1);
  });

  it('classifies a dropped connection as temporary, and the pool does not resend it by itself', async () => {
    const { sink, mailer } = await sinkAndMailer();
    sink.faults.dropOnce = ['flaky@example.net'];
    const first = await mailer.send(makeCompose(7)(target({ email: 'flaky@example.net' })));
    expect(first).toMatchObject({ ok: false, temporary: true, code: null });
    expect(sink.messages).toHaveLength(0);
    const second = await mailer.send(makeCompose(7)(target({ email: 'flaky@example.net' })));
    expect(second.ok).toBe(true);
  });

  it('describes the relay without its password', () => {
    const mailer = createMailer({ smtpUrl: 'smtp://user:hunter2@relay.example.org:587', outboxDir: 'unused' });
    cleanups.push(() => mailer.close());
    expect(mailer.kind).toBe('smtp');
    expect(mailer.describe()).not.toContain('hunter2');
    expect(mailer.describe()).toContain('relay.example.org:587');
  });

  it('rejects a URL that is not smtp(s)', () => {
    expect(() => createMailer({ smtpUrl: 'http://relay.example.org', outboxDir: 'x' })).toThrow(/DISPATCH_SMTP_URL/);
  });
});

describe('createMailer without SMTP (outbox)', () => {
  it('writes one readable .eml per message, sortable by name, and says where', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.cleanup);
    const dir = path.join(tmp.dir, 'outbox', 'nested');
    const mailer = createMailer({ smtpUrl: null, outboxDir: dir });
    cleanups.push(() => mailer.close());
    expect(mailer.kind).toBe('outbox');
    expect(mailer.describe()).toContain(dir);

    const compose = makeCompose(9);
    const outcomes = [];
    for (let i = 1; i <= 3; i++) outcomes.push(await mailer.send(compose(target({ subscriberId: i, email: `r${i}@example.net` }))));
    const files = readdirSync(dir);
    expect(files).toHaveLength(3);
    expect(files.every((f) => f.endsWith('.eml'))).toBe(true);
    const sorted = [...files].sort();
    for (let i = 0; i < 3; i++) {
      const o = outcomes[i]!;
      expect(o.ok).toBe(true);
      expect(o.ok && o.reply).toBe(`written to ${path.join(dir, sorted[i]!)}`);
      const raw = readFileSync(path.join(dir, sorted[i]!));
      const parsed = await simpleParser(raw);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : null).toBe(`r${i + 1}@example.net`);
      expect(parsed.html).toContain('Unsubscribe');
      expect(parsed.text).toContain('Unsubscribe');
      expect(fieldsNamed(raw, 'List-Unsubscribe-Post')).toHaveLength(1);
    }
  });
});

describe('classifySendError', () => {
  it.each([
    [{ responseCode: 451, response: '451 4.7.1 try later' }, { temporary: true, mailboxMissing: false, code: 451 }],
    [{ responseCode: 421, response: '421 closing' }, { temporary: true, mailboxMissing: false }],
    [{ responseCode: 550, response: '550 5.1.1 user unknown' }, { temporary: false, mailboxMissing: true }],
    [{ responseCode: 551, response: '551 user not local' }, { temporary: false, mailboxMissing: true }],
    [{ responseCode: 553, response: '553 mailbox name not allowed' }, { temporary: false, mailboxMissing: true }],
    [{ responseCode: 554, response: '554 5.1.1 <x>: Recipient address rejected: does not exist' }, { temporary: false, mailboxMissing: true }],
    [{ responseCode: 550, response: '550 5.7.1 Message rejected as spam' }, { temporary: false, mailboxMissing: false }],
    [{ responseCode: 552, response: '552 message too big' }, { temporary: false, mailboxMissing: false }],
    [{ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, { temporary: true, code: null }],
    [{ code: 'ETIMEDOUT', message: 'Timeout' }, { temporary: true }],
    [{ code: 'ESOCKET', message: 'read ECONNRESET' }, { temporary: true }],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, { temporary: false, mailboxMissing: false }],
  ])('%o → %o', (err, expected) => {
    expect(classifySendError(Object.assign(new Error(String((err as { message?: string }).message ?? 'x')), err))).toMatchObject({ ok: false, ...expected });
  });
});
