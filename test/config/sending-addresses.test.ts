// Addresses are checked at config load with nodemailer's addressparser: a
// display name is fine where an address is expected, anything unparseable is a
// ConfigError (exit 2) naming the key — never a crash at send time, never a
// mail without From.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { parseMailbox } from '../../src/config/parse-mailbox.js';
import { ConfigError } from '../../src/shared/errors.js';
import { dispatch } from '../helpers/cli-run.js';

function dirWith(sending: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dispatch-addr-'));
  writeFileSync(join(dir, 'dispatch.config.yaml'), `digests:\n  - name: daily\n    title: Daily\nsending:\n${sending}\n`);
  return dir;
}

function load(sending: string, env: NodeJS.ProcessEnv = {}) {
  return loadConfig({ cwd: dirWith(sending), env });
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('the default unsubscribe address', () => {
  it('comes from the public URL host, and is localhost when that host is an IP address', () => {
    const from = '  from: "Daily Brief <brief@news.example.org>"';
    expect(load(from, { DISPATCH_PUBLIC_URL: 'https://brief.example.org' }).sending.unsubscribeAddress).toBe('unsubscribe@brief.example.org');
    expect(load(from, { DISPATCH_PUBLIC_URL: 'http://127.0.0.1:8080' }).sending.unsubscribeAddress).toBe('unsubscribe@localhost');
    expect(load(from, { DISPATCH_PUBLIC_URL: 'http://[::1]:8080' }).sending.unsubscribeAddress).toBe('unsubscribe@localhost');
  });
});

describe('parseMailbox', () => {
  it.each([
    ['brief@example.org', '', 'brief@example.org'],
    ['Daily Brief <brief@example.org>', 'Daily Brief', 'brief@example.org'],
    ['"Brief, Daily" <brief@news.example.org>', 'Brief, Daily', 'brief@news.example.org'],
    ['Brücke Süd <b@example.org>', 'Brücke Süd', 'b@example.org'],
    ['dispatch@localhost', '', 'dispatch@localhost'],
  ])('reads %s', (input, name, address) => {
    expect(parseMailbox(input)).toEqual({ ok: true, mailbox: { name, address, domain: address.split('@')[1] } });
  });

  it.each(['not an address', '', 'a@b, c@example.org', 'Unsub <u@x>', 'foo@', '@example.org', 'a@exa mple.org', 'x@example.org\r\nBcc: y@example.org', 'group: a@example.org;'])(
    'refuses %j',
    (input) => {
      expect(parseMailbox(input).ok).toBe(false);
    },
  );
});

describe('sending addresses at config load', () => {
  it('keeps the display name of From and Reply-To and takes only the address for mailto targets', () => {
    const c = load(['  from: "Daily Brief <brief@news.example.org>"', '  replyTo: "Editors <ed@news.example.org>"', '  unsubscribeAddress: "Unsub <u@news.example.org>"', '  bounceAddress: "Bounces <bounces@news.example.org>"', '  complaintsAddress: fbl@news.example.org'].join('\n'));
    expect(c.sending).toMatchObject({
      from: 'Daily Brief <brief@news.example.org>',
      replyTo: 'Editors <ed@news.example.org>',
      unsubscribeAddress: 'u@news.example.org',
      bounceAddress: 'bounces@news.example.org',
      complaintsAddress: 'fbl@news.example.org',
      bounces: { softCount: 2, softEditions: 3 },
    });
  });

  it.each([
    ['sending.from', '  from: "not an address"'],
    ['sending.replyTo', '  replyTo: "editors at example"'],
    ['sending.unsubscribeAddress', '  unsubscribeAddress: "Unsub <u@x>"'],
    ['sending.bounceAddress', '  bounceAddress: "bounces"'],
    ['sending.complaintsAddress', '  complaintsAddress: "a@example.org, b@example.org"'],
  ])('names %s when it does not parse', (key, line) => {
    expect(errorOf(() => load(line))).toContain(`${key}:`);
  });

  it('refuses a bounce address that already has a + (VERP adds one)', () => {
    expect(errorOf(() => load('  bounceAddress: bounces+x@news.example.org'))).toMatch(/sending\.bounceAddress: must not contain "\+"/);
  });

  it('checks DISPATCH_FROM and names it', () => {
    expect(errorOf(() => load('  from: brief@example.org', { DISPATCH_FROM: 'nobody' }))).toMatch(/^environment: DISPATCH_FROM: /);
    expect(load('  from: brief@example.org', { DISPATCH_FROM: 'Ops <ops@example.org>' }).sending.from).toBe('Ops <ops@example.org>');
  });

  it('is exit 2 with the key named, never a crash, on the command line', async () => {
    const r = await dispatch(dirWith('  from: "not an address"'), ['run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sending\.from: expected an address/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
