// The built-once MIME path: same message as nodemailer's full build (after
// parsing), DKIM signatures that a verifier not written here accepts, the
// check that turns the shortcut off, and Message-IDs that never change.
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMessage, messageIdFor, recipientLinks, type OutgoingMessage } from '../../src/deliver/index.js';
import { createMimeBuilder, referenceMime, type MimeBuilder } from '../../src/deliver/build-mime.js';
import { builtinTemplatesDir, compileDigest, loadTemplates, type CompiledDigest } from '../../src/render/index.js';
import { FROM, NOW, PUBLIC_URL, SECRET } from '../helpers/deliver-fixtures.js';
import { fieldsNamed } from '../helpers/deliver-raw-mail.js';
import { makeEditionModel, makeRecipient } from '../helpers/render-builders.js';

const PY = '/usr/bin/python3';
const hasPyDkim = existsSync(PY) && spawnSync(PY, ['-c', 'import dkim'], { stdio: 'ignore' }).status === 0;

let compiled: CompiledDigest;
const model = makeEditionModel();
beforeAll(async () => {
  compiled = await compileDigest(await loadTemplates({ builtinDir: builtinTemplatesDir() }));
});

/** A digest copy for reader n as composeCopy makes it: rendered once per shape, values spliced. */
function copy(n: number, over: { name?: string | null; subject?: string } = {}): OutgoingMessage {
  const links = recipientLinks({ publicUrl: PUBLIC_URL, secret: SECRET, subscriberId: n, unsubscribeMailbox: 'unsubscribe@dispatch.example.org' });
  const recipient = makeRecipient(n, { ...links, name: over.name === undefined ? `Reader ${n}` : over.name });
  const r = compiled.render(model, recipient);
  return buildMessage({
    from: FROM,
    to: recipient.email,
    toName: recipient.name,
    subject: over.subject ?? model.subject,
    html: r.html,
    text: r.text,
    listId: 'Daily Brief <daily.dispatch.example.org>',
    unsubscribeHttpUrl: links.unsubscribeUrl,
    unsubscribeMailto: links.unsubscribeMailto,
    messageId: messageIdFor({ editionId: 42, subscriberId: n, domain: 'dispatch.example.org', salt: 'daily' }),
    date: NOW,
    headers: { 'Reply-To': 'editors@dispatch.example.org' },
    ...(r.spliced ? { spliced: r.spliced } : {}),
  });
}

/** The built pieces as one message. */
const built = async (b: MimeBuilder, msg: OutgoingMessage): Promise<Buffer> => Buffer.concat(await b.build(msg));

const comparable = async (raw: Buffer) => {
  const p = await simpleParser(raw);
  return { subject: p.subject, to: p.to, from: p.from, messageId: p.messageId, date: p.date, text: p.text, html: p.html, listUnsub: p.headers.get('list-unsubscribe'), listId: p.headers.get('list-id') };
};

describe('built-once MIME', () => {
  it('renders digest copies as spliced shapes, and builds each like nodemailer would (after parsing)', async () => {
    const logs: string[] = [];
    const b = createMimeBuilder({ threads: 0, log: (l) => logs.push(l) });
    try {
      for (const [n, name] of [[1, 'Reader 1'], [2, 'Zoë "Z" <evil@x>'], [3, null]] as const) {
        const msg = copy(n, { name });
        expect(msg.spliced).toBeDefined();
        const ours = await built(b, msg);
        const ref = await referenceMime(msg);
        expect(await comparable(ours)).toEqual(await comparable(ref));
        // Quoted-printable body lines stay within 76 characters.
        const body = ours.toString('latin1').split('\r\n\r\n').slice(1).join('\r\n\r\n');
        expect(body.split('\r\n').filter((l) => l.length > 76)).toEqual([]);
      }
      expect(logs).toEqual([]);
      expect(b.shortcutOff).toBe(0);
    } finally {
      await b.close();
    }
  });

  it('turns the shortcut off for a shape when the check finds a difference, logs it, and sends the full build', async () => {
    const logs: string[] = [];
    // Inject a difference into the built-once bytes of the first message.
    const b = createMimeBuilder({ threads: 0, log: (l) => logs.push(l), tamper: (raw) => Buffer.from(raw.toString('latin1').replace('Unsubscribe', 'Unsubscrib3'), 'latin1') });
    try {
      const first = await built(b, copy(1));
      const second = await built(b, copy(2));
      expect(b.shortcutOff).toBe(1);
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(/differs from nodemailer's build/);
      // What was sent is the reference build, never the tampered one.
      expect(await comparable(first)).toEqual(await comparable(await referenceMime(copy(1))));
      expect(await comparable(second)).toEqual(await comparable(await referenceMime(copy(2))));
      expect(first.toString('latin1')).not.toContain('Unsubscrib3');
    } finally {
      await b.close();
    }
  });

  it('the check also catches spliced values that disagree with the message text', async () => {
    const logs: string[] = [];
    const b = createMimeBuilder({ threads: 0, log: (l) => logs.push(l) });
    try {
      const msg = copy(5);
      const bad: OutgoingMessage = { ...msg, spliced: { text: msg.spliced!.text, html: { parts: msg.spliced!.html.parts, values: msg.spliced!.html.values.map((v) => `${v}x`) } } };
      const raw = await built(b, bad);
      expect(b.shortcutOff).toBe(1);
      expect((await simpleParser(raw)).html).toBe(msg.html);
    } finally {
      await b.close();
    }
  });

  it('a resend carries the same Message-ID (and the same bytes without DKIM)', async () => {
    const b = createMimeBuilder({ threads: 0 });
    try {
      const one = await built(b, copy(7));
      const two = await built(b, copy(7));
      expect(fieldsNamed(one, 'Message-ID').map((f) => f.value)).toEqual(fieldsNamed(two, 'Message-ID').map((f) => f.value));
      expect(one.equals(two)).toBe(true);
    } finally {
      await b.close();
    }
  });
});

describe.skipIf(!hasPyDkim)('DKIM, verified by python3-dkim (dkimpy)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const dkim = { domainName: 'dispatch.example.org', keySelector: 'brief2026', privateKey: pem };

  /** dkimpy's verdict, with the DNS lookup answered from our key. */
  function pyVerify(raw: Buffer): { ok: boolean; signed: string[] } {
    const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-dkim-'));
    try {
      const file = path.join(dir, 'm.eml');
      writeFileSync(file, raw);
      const script = [
        'import sys, dkim',
        `txt = b"v=DKIM1; k=rsa; p=${p}"`,
        'def dns(name, timeout=5): return txt if name == b"brief2026._domainkey.dispatch.example.org." else None',
        'msg = open(sys.argv[1], "rb").read()',
        'd = dkim.DKIM(msg)',
        'ok = d.verify(dnsfunc=dns)',
        'import re',
        'f = lambda k: re.sub(rb"\\s+", b"", d.signature_fields[k]).decode()',
        'print(("OK " if ok else "FAIL ") + f(b"h") + " " + f(b"c") + " " + f(b"a"))',
      ].join('\n');
      const out = execFileSync(PY, ['-c', script, file], { encoding: 'utf8' }).trim();
      const [verdict, h = '', c, a] = out.split(' ');
      expect(c).toBe('relaxed/relaxed');
      expect(a).toBe('rsa-sha256');
      return { ok: verdict === 'OK', signed: h.split(':').map((s) => s.trim().toLowerCase()) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('signs every message, over the headers the issue names, and the signatures verify', async () => {
    const b = createMimeBuilder({ threads: 0, dkim });
    try {
      for (const n of [1, 2, 3]) {
        const raw = await built(b, copy(n, { name: n === 2 ? 'Zoë Ünïcode' : `Reader ${n}`, subject: n === 3 ? 'Brief: Café talks — “quoted” 🌍' : undefined }));
        const v = pyVerify(raw);
        expect(v.ok).toBe(true);
        for (const h of ['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']) {
          expect(v.signed).toContain(h);
        }
      }
      // A message without a spliced shape (e.g. a confirmation mail) is signed too.
      const plain = copy(4);
      const rawPlain = await built(b, { ...plain, spliced: undefined });
      expect(pyVerify(rawPlain).ok).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('the verifier can fail: a changed List-Unsubscribe-Post or body breaks the signature', async () => {
    const b = createMimeBuilder({ threads: 0, dkim });
    try {
      const raw = (await built(b, copy(1))).toString('latin1');
      expect(pyVerify(Buffer.from(raw.replace('List-Unsubscribe=One-Click', 'List-Unsubscribe=Two-Click'), 'latin1')).ok).toBe(false);
      expect(pyVerify(Buffer.from(raw.replace('Unsubscribe', 'Unsubscrib3'), 'latin1')).ok).toBe(false);
    } finally {
      await b.close();
    }
  });
});
