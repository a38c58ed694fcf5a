// The command line as a new user meets it: help per command, version, typos,
// stray arguments, one exit-code table, and --config/--json on every command.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specs } from '../../src/cli/commands/index.js';
import { dispatch } from '../helpers/cli-run.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'dispatch-cli-'));

describe('dispatch command line', () => {
  it('prints the version from package.json', async () => {
    const r = await dispatch(fresh(), ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('gives every command and subcommand its own help, with options and examples', async () => {
    const paths: string[][] = [];
    for (const s of specs) {
      paths.push([s.name]);
      for (const sub of s.subcommands ?? []) paths.push([s.name, sub.name]);
    }
    for (const p of paths) {
      const r = await dispatch(fresh(), [...p, '--help']);
      expect(r.code, p.join(' ')).toBe(0);
      expect(r.stdout, p.join(' ')).toContain(`Usage: dispatch ${p.join(' ')}`);
      expect(r.stdout, p.join(' ')).toContain('--config <FILE>');
      expect(r.stdout, p.join(' ')).toContain('--json');
    }
    const run = await dispatch(fresh(), ['run', '--help']);
    expect(run.stdout).toContain('--digest <NAME>');
    expect(run.stdout).toMatch(/Examples:\n\s+\$ dispatch run/);
    const help = await dispatch(fresh(), ['help', 'preview']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--send-test <ADDRESS>');
    const nested = await dispatch(fresh(), ['help', 'subscribers']);
    expect(nested.code).toBe(0);
    expect(nested.stdout).toMatch(/add \[options\] <EMAIL>/);
  });

  it('shows the command list on --help (exit 0) and with no command (exit 2)', async () => {
    const ok = await dispatch(fresh(), ['--help']);
    expect(ok.code).toBe(0);
    for (const s of specs) expect(ok.stdout).toContain(s.name);
    const bare = await dispatch(fresh(), []);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: dispatch');
  });

  it('suggests the command or option meant, with exit 2', async () => {
    const cmd = await dispatch(fresh(), ['staus']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command 'staus'/);
    expect(cmd.stderr).toMatch(/Did you mean status\?/);
    const opt = await dispatch(fresh(), ['run', '--digets', 'daily']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toMatch(/Did you mean --digest\?/);
    const sub = await dispatch(fresh(), ['subscribers', 'ad', 'x@example.org']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toMatch(/Did you mean add\?/);
    expect(cmd.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses stray positional arguments instead of running every digest', async () => {
    for (const argv of [['run', 'weekly'], ['run', 'stray-arg'], ['status', 'now'], ['subscribers', 'list', 'extra']]) {
      const dir = fresh();
      const r = await dispatch(dir, argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/too many arguments/);
      // Refused before anything ran: no database was even created.
      expect(existsSync(join(dir, 'data')), argv.join(' ')).toBe(false);
    }
  });

  it('uses one exit-code table: a bad address and a missing argument are 2, a bad config is 2', async () => {
    const dir = fresh();
    const bad = await dispatch(dir, ['subscribers', 'add', 'notanemail']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dispatch: the email address needs/m);
    expect((await dispatch(dir, ['subscribers', 'add'])).code).toBe(2);
    expect((await dispatch(dir, ['editions', 'show'])).code).toBe(2);
    writeFileSync(join(dir, 'broken.yaml'), 'digests: 3\n');
    const config = await dispatch(dir, ['status', '--config', 'broken.yaml']);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/digests/);
    const env = await dispatch(dir, ['schedule'], { DISPATCH_LOG_LEVEL: 'loud' });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/DISPATCH_LOG_LEVEL: expected one of/);
  });

  it('takes --config and --json on every command, before or after the command name', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'other.yaml'), 'digests:\n  - name: weekly\n    title: Weekly\n    schedule: "0 8 * * 1"\n');
    const after = await dispatch(dir, ['schedule', '--config', 'other.yaml', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).map((d: { digest: string }) => d.digest)).toEqual(['weekly']);
    const before = await dispatch(dir, ['--json', '--config', 'other.yaml', 'schedule']);
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout));
    const sub = await dispatch(dir, ['subscribers', 'list', '--json', '--config', 'other.yaml']);
    expect(sub.code, sub.stderr).toBe(0);
    expect(JSON.parse(sub.stdout)).toEqual([]);
  });

  it('writes plurals right', async () => {
    const dir = fresh();
    await dispatch(dir, ['subscribers', 'add', 'ada@example.org']);
    const r = await dispatch(dir, ['subscribers', 'list']);
    expect(r.stdout).toContain('1 subscriber, 1 active');
  });

  it('says once that the machine looks offline when every feed fails to connect, and prints a line per feed off a terminal', async () => {
    const dir = fresh();
    const port = await closedPort();
    const feeds = [1, 2, 3].map((n) => `  - name: Desk ${n}\n    url: http://127.0.0.1:${port}/feed${n}.xml\n`).join('');
    writeFileSync(join(dir, 'dispatch.config.yaml'), `feeds:\n${feeds}digests:\n  - name: daily\n    title: Daily\n`);
    const r = await dispatch(dir, ['fetch']);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/this machine looks offline/g)).toHaveLength(1);
    expect(r.stdout.match(/ECONNREFUSED/g)).toHaveLength(1); // once, as the example
    expect(r.stdout).toContain('3 feeds, 3 failed, 0 new items');
    expect(r.stderr).toMatch(/fetching feeds 1\/3: Desk \d: failed/);
    expect(r.stderr).toMatch(/fetching feeds 3\/3: /);
    const run = await dispatch(dir, ['run']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/every feed failed to fetch \(this machine looks offline/);
  });

  it('feeds list and status agree on what failing means', async () => {
    const dir = fresh();
    const port = await closedPort();
    writeFileSync(
      join(dir, 'dispatch.config.yaml'),
      `feeds:\n  - name: Down Desk\n    url: http://127.0.0.1:${port}/x.xml\n  - name: Local Desk\n    url: desk.xml\ndigests:\n  - name: daily\n    title: Daily\nschedule:\n  failingAfter: 2\n`,
    );
    writeFileSync(join(dir, 'desk.xml'), '<rss version="2.0"><channel><title>D</title><item><title>Hi</title><link>https://x.example/1</link></item></channel></rss>');
    await dispatch(dir, ['fetch']);
    let list = await dispatch(dir, ['feeds', 'list']);
    let status = await dispatch(dir, ['status', '--json']);
    expect(list.stdout).toMatch(/Down Desk\s+retrying \(1 failure, failing after 2\)/);
    expect(JSON.parse(status.stdout).feeds.failing).toEqual([]);
    await dispatch(dir, ['fetch']);
    list = await dispatch(dir, ['feeds', 'list']);
    status = await dispatch(dir, ['status', '--json']);
    expect(list.stdout).toMatch(/Down Desk\s+failing \(2 in a row\)/);
    expect(JSON.parse(status.stdout).feeds.failing.map((f: { name: string }) => f.name)).toEqual(['Down Desk']);
    const json = JSON.parse((await dispatch(dir, ['feeds', 'list', '--json'])).stdout) as Array<{ name: string; health: string }>;
    expect(json.find((f) => f.name === 'Down Desk')?.health).toBe('failing');
  });
});

/** A loopback port nothing listens on (connections are refused at once). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  await new Promise((ok) => server.close(ok));
  return port;
}
