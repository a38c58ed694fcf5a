// A private Postfix instance for one test: its own config directory, queue
// and log in a temp folder, smtpd on a loopback port. Local recipients at
// `dest.test` do not exist, so Postfix bounces them with its own DSN; mail to
// the bounce domain goes through a transport map to Dispatch's listener.
// Needs Debian's postfix package and root (Postfix's master starts as root and
// drops to the `postfix` user). Never touches /etc/postfix or the system queue.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export const POSTFIX_BIN = '/usr/sbin/postfix';

/** Why the Postfix test cannot run here, or null when it can. */
export function postfixSkipReason(): string | null {
  if (!existsSync(POSTFIX_BIN)) return 'postfix is not installed (apt-get install postfix; .ci/run does)';
  if (userInfo().uid !== 0) return 'postfix needs root to start its master process';
  const pw = spawnSync('getent', ['passwd', 'postfix'], { encoding: 'utf8' });
  if (pw.status !== 0) return 'there is no postfix user';
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`postfix did not listen on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface TestPostfix {
  port: number;
  log(): string;
  stop(): Promise<void>;
}

export async function startTestPostfix(opts: { transport: Record<string, string> }): Promise<TestPostfix> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-postfix-'));
  chmodSync(dir, 0o755); // the postfix user must reach its queue
  const conf = path.join(dir, 'conf');
  const data = path.join(dir, 'data');
  for (const d of [conf, path.join(dir, 'queue'), data]) mkdirSync(d, { recursive: true });
  const pw = spawnSync('getent', ['passwd', 'postfix'], { encoding: 'utf8' }).stdout.split(':');
  chownSync(data, Number(pw[2]), Number(pw[3]));
  const port = await freePort();
  const maillog = path.join(dir, 'maillog');
  writeFileSync(
    path.join(conf, 'main.cf'),
    [
      'compatibility_level = 3.6',
      `queue_directory = ${dir}/queue`,
      `data_directory = ${data}`,
      'mail_owner = postfix',
      'setgid_group = postdrop',
      'daemon_directory = /usr/lib/postfix/sbin',
      'command_directory = /usr/sbin',
      'meta_directory = /etc/postfix',
      'shlib_directory = /usr/lib/postfix',
      'myhostname = mta.test',
      'mydomain = mta.test',
      'myorigin = mta.test',
      // Local delivery for dest.test; any recipient is accepted by smtpd
      // (empty local_recipient_maps), then local(8) bounces unknown users.
      'mydestination = dest.test',
      'local_recipient_maps =',
      'alias_maps =',
      'alias_database =',
      'inet_interfaces = 127.0.0.1',
      'inet_protocols = ipv4',
      'mynetworks = 127.0.0.0/8',
      'smtpd_relay_restrictions = permit_mynetworks, reject',
      `transport_maps = texthash:${conf}/transport`,
      'smtp_dns_support_level = disabled',
      `maillog_file = ${maillog}`,
      `maillog_file_prefixes = ${dir}`,
      'biff = no',
      '',
    ].join('\n'),
  );
  const services = [
    `127.0.0.1:${port} inet n - n - - smtpd`,
    'pickup unix n - n 60 1 pickup',
    'cleanup unix n - n - 0 cleanup',
    'qmgr unix n - n 300 1 qmgr',
    'rewrite unix - - n - - trivial-rewrite',
    'bounce unix - - n - 0 bounce',
    'defer unix - - n - 0 bounce',
    'trace unix - - n - 0 bounce',
    'verify unix - - n - 1 verify',
    'flush unix n - n 1000? 0 flush',
    'proxymap unix - - n - - proxymap',
    'smtp unix - - n - - smtp',
    'relay unix - - n - - smtp',
    'showq unix n - n - - showq',
    'error unix - - n - - error',
    'retry unix - - n - - error',
    'discard unix - - n - - discard',
    'local unix - n n - - local',
    'anvil unix - - n - 1 anvil',
    'scache unix - - n - 1 scache',
    'postlog unix-dgram n - n - 1 postlogd',
  ];
  writeFileSync(path.join(conf, 'master.cf'), services.join('\n') + '\n');
  writeFileSync(path.join(conf, 'transport'), Object.entries(opts.transport).map(([k, v]) => `${k} ${v}`).join('\n') + '\n');
  const run = (cmd: string) => spawnSync(POSTFIX_BIN, ['-c', conf, cmd], { encoding: 'utf8' });
  const log = () => (existsSync(maillog) ? readFileSync(maillog, 'utf8') : '');
  const started = run('start');
  if (started.status !== 0) throw new Error(`postfix start failed (${started.status}):\n${log()}`);
  await waitForPort(port, 15_000);
  return {
    port,
    log,
    async stop() {
      run('stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
