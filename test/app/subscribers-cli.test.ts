// `dispatch subscribers import|export|delete` through the CLI, on SQLite.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/cli-run.js';


describe('dispatch subscribers import/export/delete', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-subs-cli-'));
    writeFileSync(path.join(dir, 'dispatch.config.yaml'), 'digests:\n  - name: daily\n    title: Daily Brief\n');
    writeFileSync(path.join(dir, 'list.csv'), 'email,name\nana@example.org,Ana\nbroken\nbo@example.org,"Bo, B."\n');
  });

  it('imports as pending by default, names bad rows by file and line, and lists status', async () => {
    const r = await dispatch(dir, ['subscribers', 'import', path.join(dir, 'list.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('list.csv:3: ');
    expect(r.stdout).toContain('imported 2 as pending');
    const list = await dispatch(dir, ['subscribers', 'list', '--json']);
    expect(JSON.parse(list.stdout).map((s: { email: string; status: string }) => [s.email, s.status])).toEqual([
      ['ana@example.org', 'pending'],
      ['bo@example.org', 'pending'],
    ]);
  });

  it('--active imports as active; export prints CSV; delete erases and blocks a re-import', async () => {
    expect((await dispatch(dir, ['subscribers', 'import', path.join(dir, 'list.csv'), '--active', '--json'])).code).toBe(0);
    const exported = await dispatch(dir, ['subscribers', 'export']);
    expect(exported.code).toBe(0);
    expect(exported.stdout.split('\r\n')[0]).toBe('email,name,status,digests,preferences,consent_at,consent_source,created_at');
    expect(exported.stdout).toContain('bo@example.org,"Bo, B.",active,');

    const del = await dispatch(dir, ['subscribers', 'delete', 'ana@example.org', '--json']);
    expect(JSON.parse(del.stdout)).toEqual({ erased: true });
    const again = await dispatch(dir, ['subscribers', 'import', path.join(dir, 'list.csv'), '--active']);
    expect(again.stderr).toContain('list.csv:2: this address was erased earlier');
    const list = JSON.parse((await dispatch(dir, ['subscribers', 'list', '--json'])).stdout) as Array<{ email: string }>;
    expect(list.map((s) => s.email)).toEqual(['bo@example.org']);
    const add = await dispatch(dir, ['subscribers', 'add', 'ana@example.org']);
    expect(add.code).toBe(2); // refused input, like any bad address
    expect(add.stderr).toMatch(/erased earlier/);
  });

  it('fails with exit 1 when nothing in the file could be used, and 2 without a file name or with a missing file', async () => {
    writeFileSync(path.join(dir, 'bad.csv'), 'email\nnope\n');
    expect((await dispatch(dir, ['subscribers', 'import', path.join(dir, 'bad.csv')])).code).toBe(1);
    expect((await dispatch(dir, ['subscribers', 'import'])).code).toBe(2);
    expect((await dispatch(dir, ['subscribers', 'import', path.join(dir, 'missing.csv')])).code).toBe(2);
  });
});
