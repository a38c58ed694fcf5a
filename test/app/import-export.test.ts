// CSV import/export and GDPR erasure, on every database dialect.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addSubscriber,
  eraseSubscriber,
  exportSubscribers,
  importSubscribers,
  parseCsv,
  suppressionHash,
  type AppContext,
} from '../../src/app/index.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { InputError } from '../../src/shared/errors.js';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';

const now = new Date('2026-03-01T06:00:00.000Z');

function config(): Config {
  const base = loadConfig({ cwd: mkdtempSync(path.join(tmpdir(), 'dispatch-csv-')), env: { DISPATCH_SECRET: 'csv-test-secret-0123456789' } });
  return {
    ...base,
    digests: [
      { ...(base.digests[0] as Config['digests'][number]), name: 'daily', title: 'Daily Brief' },
      { ...(base.digests[0] as Config['digests'][number]), name: 'weekly', title: 'Weekly Review' },
    ],
  };
}

describe('parseCsv', () => {
  it('reads RFC 4180: quotes, doubled quotes, commas and line breaks inside quotes, CRLF, BOM', () => {
    const rows = parseCsv('\uFEFFemail,name\r\na@example.org,"Doe, Jane"\r\n"b@example.org","Say ""hi""\nthere"\r\n\r\nc@example.org,\n');
    expect(rows).toEqual([
      { line: 1, cells: ['email', 'name'] },
      { line: 2, cells: ['a@example.org', 'Doe, Jane'] },
      { line: 3, cells: ['b@example.org', 'Say "hi"\nthere'] },
      { line: 6, cells: ['c@example.org', ''] },
    ]);
  });

  it('keeps an empty quoted last field and a file without a final newline', () => {
    expect(parseCsv('a,""')).toEqual([{ line: 1, cells: ['a', ''] }]);
    expect(parseCsv('a,b')).toEqual([{ line: 1, cells: ['a', 'b'] }]);
  });

  it('names the line of an unterminated quote', () => {
    expect(() => parseCsv('email\nx@example.org\n"y@example.org,\n')).toThrow(new InputError('line 3: a quoted field is never closed'));
  });
});

describe.each(storeDialects())('import/export/delete on $name', ({ name, enabled }) => {
  describe.skipIf(!enabled)(name, () => {
    let t: TestStore;
    let ctx: Pick<AppContext, 'store' | 'config'>;
    beforeEach(async () => {
      t = await openTestStore(name);
      ctx = { store: t.store, config: config() };
    });
    afterEach(async () => {
      await t.cleanup();
    });

    const csv = [
      'email,name,digests,preferences',
      'ana@example.org,Ana,weekly,"{""regions"":[""europe""]}"',
      'not-an-address,Bad,,',
      'bo@example.org,,monthly,',
      'cy@example.org,"Cy, Jr.",,"{""topics"":[""migration""]}"',
      'ANA@example.org,dup,,',
      'di@example.org,,,{broken',
      'ed@example.org,"two\nlines",,',
      'fi@example.org,Fi,daily;weekly,',
    ].join('\n');

    it('imports good rows as pending, reports bad rows by line, and mails nobody', async () => {
      const r = await importSubscribers(ctx, csv, { active: false, now });
      expect(r.imported).toBe(3);
      expect(r.errors.map((e) => e.line)).toEqual([3, 4, 6, 7, 8]);
      expect(r.errors[0]?.message).toMatch(/needs a name, an "@"/);
      expect(r.errors[1]?.message).toMatch(/unknown digest "monthly"/);
      expect(r.errors[2]?.message).toMatch(/earlier in the file/);
      expect(r.errors[3]?.message).toMatch(/preferences must be JSON/);
      expect(r.errors[4]?.message).toMatch(/one line/);
      const list = await t.store.subscribers.list();
      expect(list.map((s) => [s.email, s.status, s.name, s.preferences, s.consentAt])).toEqual([
        ['ana@example.org', 'pending', 'Ana', { digests: ['weekly'], regions: ['europe'] }, null],
        ['cy@example.org', 'pending', 'Cy, Jr.', { topics: ['migration'] }, null],
        ['fi@example.org', 'pending', 'Fi', {}, null],
      ]);
    });

    it('imports as active (with consent "import") only with --active', async () => {
      const r = await importSubscribers(ctx, 'email\nana@example.org\n', { active: true, now });
      expect(r.imported).toBe(1);
      expect(await t.store.subscribers.findByEmail('ana@example.org')).toMatchObject({ status: 'active', consentAt: now, consentSource: 'import' });
    });

    it('leaves existing subscribers alone and keeps unsubscribed as unsubscribed', async () => {
      await t.store.subscribers.add({ email: 'ana@example.org', status: 'unsubscribed', now });
      const r = await importSubscribers(ctx, 'email,status\nana@example.org,active\nbo@example.org,unsubscribed\n', { active: true, now });
      expect(r).toMatchObject({ imported: 1, existing: 1 });
      expect((await t.store.subscribers.findByEmail('ana@example.org'))?.status).toBe('unsubscribed');
      expect((await t.store.subscribers.findByEmail('bo@example.org'))?.status).toBe('unsubscribed');
    });

    it('refuses a file without an email column or with unknown columns', async () => {
      await expect(importSubscribers(ctx, 'mail,name\nx@example.org,X\n', { active: false, now })).rejects.toThrow(/needs an "email" column/);
      await expect(importSubscribers(ctx, 'email,phone\nx@example.org,1\n', { active: false, now })).rejects.toThrow(/unknown column "phone"/);
    });

    it('exports CSV that imports back to the same list, with formulas defused', async () => {
      await importSubscribers(ctx, csv, { active: true, now });
      await t.store.subscribers.add({ email: 'eve@example.org', name: '=HYPERLINK("http://evil.example","x")', status: 'active', now });
      await t.store.subscribers.add({ email: 'gone@example.org', status: 'unsubscribed', now });
      const out = await exportSubscribers(ctx);
      const lines = out.split('\r\n');
      expect(lines[0]).toBe('email,name,status,digests,preferences,consent_at,consent_source,created_at');
      expect(out).toContain(`eve@example.org,"'=HYPERLINK(""http://evil.example"",""x"")",active`);
      expect(out).toContain('ana@example.org,Ana,active,weekly,"{""regions"":[""europe""]}",2026-03-01T06:00:00.000Z,import,');

      const other = await openTestStore(name);
      try {
        const back = await importSubscribers({ store: other.store, config: ctx.config }, out, { active: true, now });
        expect(back.errors).toEqual([]);
        const a = (await t.store.subscribers.list()).map((s) => [s.email, s.name, s.status, s.preferences]);
        const b = (await other.store.subscribers.list()).map((s) => [s.email, s.name, s.status, s.preferences]);
        expect(b).toEqual(a);
      } finally {
        await other.cleanup();
      }
    });

    it('delete erases the person; a re-import or a CLI add cannot bring them back', async () => {
      await importSubscribers(ctx, 'email,name\nana@example.org,Ana\n', { active: true, now });
      expect(await eraseSubscriber(ctx, ' ana@EXAMPLE.org ', now)).toBe(true);
      expect(await t.store.subscribers.findByEmail('ana@example.org')).toBeUndefined();
      expect(await t.store.subscriptions.isSuppressed(suppressionHash('Ana@example.org'))).toBe(true);
      const r = await importSubscribers(ctx, 'email,name\nana@example.org,Ana\nbo@example.org,Bo\n', { active: true, now });
      expect(r).toMatchObject({ imported: 1, suppressed: 1 });
      expect(r.errors).toEqual([{ line: 2, message: 'this address was erased earlier; it needs a new sign-up' }]);
      await expect(addSubscriber({ ...ctx, secret: 'x', notices: [], close: async () => undefined }, { email: 'ana@example.org', now })).rejects.toThrow(/erased earlier/);
      expect((await t.store.subscribers.list()).map((s) => s.email)).toEqual(['bo@example.org']);
    });
  });
});
