// Config input that used to end in a stack trace or be silently accepted:
// every case is a ConfigError (exit 2) with a message naming what is wrong.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/shared/errors.js';
import { dispatch } from '../helpers/cli-run.js';

function withConfig(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dispatch-hostile-'));
  writeFileSync(join(dir, 'dispatch.config.yaml'), yaml);
  return dir;
}

const ALIAS_BOMB = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
digests: []
`;

describe('hostile config input', () => {
  it('rejects a cron that never fires, naming the digest (exit 2)', async () => {
    const dir = withConfig('digests:\n  - name: daily\n    title: Daily\n  - name: leap\n    title: Never\n    schedule: "0 0 31 2 *"\n');
    expect(() => loadConfig({ cwd: dir, env: {} })).toThrow(ConfigError);
    const r = await dispatch(dir, ['schedule']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/digests\[1\]\.schedule: .*"0 0 31 2 \*".*"leap" never fires/);
  });

  it('accepts a cron that fires rarely (29 February)', () => {
    const dir = withConfig('digests:\n  - name: leap\n    title: Leap\n    schedule: "0 0 29 2 *"\n');
    expect(loadConfig({ cwd: dir, env: {} }).digests[0]?.schedule).toBe('0 0 29 2 *');
  });

  it('caps YAML aliases: an alias bomb is exit 2 with a clear message and no stack trace', async () => {
    const dir = withConfig(ALIAS_BOMB);
    const r = await dispatch(dir, ['schedule']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dispatch\.config\.yaml: not valid YAML: more than 100 aliases/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('turns a folder given as the config file into exit 2, not a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-hostile-'));
    mkdirSync(join(dir, 'dispatch.config.yaml'));
    const r = await dispatch(dir, ['schedule']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dispatch: config/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
