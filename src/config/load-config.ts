// Loads dispatch.config.yaml (or the built-in defaults) plus the environment,
// validates everything up front and returns one frozen Config. Every error is a
// ConfigError that names the file, the key and what was expected.
import { readObservabilityEnv, type ObservabilityEnv } from './observability-env.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../shared/errors.js';
import { packageRoot } from '../shared/package-root.js';
import type { FeedSource } from '../shared/types.js';
import { catalogSchema, configSchema, feedEntrySchema, type ConfigFile } from './config-schema.js';
import { assertSchedulesFire, MAX_YAML_ALIASES } from './check-schedules.js';
import { schedulePeriodMs } from '../schedule/index.js';
import { parseDuration } from './parse-duration.js';
import { checkSendingAddresses } from './sending-addresses.js';

export interface DigestConfig {
  name: string;
  title: string;
  schedule: string;
  timezone: string;
  lookbackMs: number;
  maxItems: number;
  minItems: number;
  /** Section order (feed tags); unset = by size. */
  sections: string[] | null;
  sectionBy: 'region' | 'topic' | 'tag';
  topStories: number;
  /** How late a missed slot may still be sent (schedule.catchUpGrace unless set per digest). */
  catchUpGraceMs?: number;
  /** Items published longer ago never enter an edition (default twice the schedule's period). */
  maxAgeMs?: number;
  /** At most this many stories per outlet; null = no cap. */
  maxPerSource?: number | null;
  /** Review desk; null = editions are sent as built. */
  review?: DigestReview | null;
  /** This digest's own template folder (digests[].templates), or null for the global set. */
  templatesDir?: string | null;
}

export interface DigestReview {
  required: boolean;
  /** How long after the draft is built the edition is due (the deadline). */
  deadlineMs: number;
  /** What happens to a draft nobody approved by the deadline. */
  onMissed: 'skip' | 'send';
}

export interface EnvConfig extends ObservabilityEnv {
  smtpUrl: string | null;
  databaseUrl: string | null;
  publicUrl: string;
  secret: string | null;
  inboundSmtp: string | null;
  /** Issue 10: DISPATCH_DNS_SERVERS (`ip[:port]`, comma-separated) for `dispatch check`; null = the system's. */
  dnsServers: string[] | null;
}

export interface Config {
  /** Path of the config file, or null on built-in defaults. */
  file: string | null;
  feeds: FeedSource[];
  digests: DigestConfig[];
  /** Folder whose files override the built-in templates, or null. */
  templatesDir: string | null;
  outboxDir: string;
  dataDir: string;
  sending: {
    from: string;
    replyTo: string | null;
    unsubscribeAddress: string;
    /** Issue 10: envelope sender base for VERP, or null (no VERP). */
    bounceAddress: string | null;
    /** Issue 10: mailbox for ARF complaint reports, or null. */
    complaintsAddress: string | null;
    bounces: { softCount: number; softEditions: number };
    pool: { connections: number; messagesPerConnection: number; ratePerSecond: number };
    maxAttempts: number;
    /** Ledger group commit: rows per commit (1–64) and the longest wait (0–100 ms). */
    groupCommit: { rows: number; ms: number };
    /** MIME worker threads: 'auto' or a count (0 = none; signing then uses libuv's pool). */
    threads: 'auto' | number;
    dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  };
  fetch: { timeoutMs: number; maxBytes: number; concurrency: number; userAgent: string };
  /** The scheduler (issue 4). */
  schedule: {
    fetchEveryMs: number;
    catchUpGraceMs: number;
    freshForMs: number;
    failingAfter: number;
    maxBackoffMs: number;
    leaseTtlMs: number;
  };
  /** Sign-up and double opt-in. */
  subscribe: { confirmationTtlMs: number; trustProxy: boolean };
  env: EnvConfig;
}

export const DEFAULT_CONFIG_FILE = 'dispatch.config.yaml';

// The sample feeds are static files with fixed dates; the built-in digest looks
// back far enough that a first run on a fresh machine always has an edition.
const BUILTIN_DEFAULTS = `
feeds:
  - catalog: feeds/sample.yaml
digests:
  - name: daily
    title: Daily Foreign Policy Brief
    schedule: "0 7 * * 1-5"
    timezone: UTC
    lookback: 3650d
    maxAge: 3650d
    maxItems: 30
    minItems: 3
`;

export interface LoadConfigOptions {
  /** Explicit --config path; missing file is an error. */
  configPath?: string | null;
  /** Used when no --config: the file looked for in cwd. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export function loadConfig(opts: LoadConfigOptions = {}): Config {
  try {
    return loadConfigOrThrow(opts);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    // Whatever else goes wrong reading a config (a folder given as the file,
    // unreadable bytes) is still the config's fault: exit 2, no stack trace.
    throw new ConfigError(`config: could not be loaded: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { cause: err });
  }
}

function loadConfigOrThrow(opts: LoadConfigOptions): Config {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  let file: string | null = null;
  let text: string;
  let baseDir: string;

  if (opts.configPath) {
    file = resolve(cwd, opts.configPath);
    if (!existsSync(file)) throw new ConfigError(`config file not found: ${file}`);
  } else if (existsSync(join(cwd, DEFAULT_CONFIG_FILE))) {
    file = join(cwd, DEFAULT_CONFIG_FILE);
  }
  if (file) {
    text = readFileSync(file, 'utf8');
    baseDir = dirname(file);
  } else {
    text = BUILTIN_DEFAULTS;
    baseDir = packageRoot();
  }
  const label = file ?? 'built-in defaults';
  const raw = parseYamlOrThrow(text, label);
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(formatIssues(label, parsed.error.issues));
  const cfg = parsed.data;

  // Runtime folders (data, outbox) live where the user runs the tool when on
  // built-in defaults, next to the config file otherwise.
  const runtimeBase = file ? baseDir : cwd;
  const feeds = resolveFeeds(cfg, baseDir, label);
  const envConfig = readEnv(env);
  const digests = cfg.digests.map(
    (d): DigestConfig => ({
      name: d.name,
      title: d.title,
      schedule: d.schedule,
      timezone: d.timezone,
      lookbackMs: (parseDuration(d.lookback) as { ms: number }).ms,
      maxItems: d.maxItems,
      minItems: d.minItems,
      sections: d.sections ?? null,
      sectionBy: d.sectionBy,
      topStories: d.topStories,
      catchUpGraceMs: d.catchUpGrace ? ms(d.catchUpGrace) : ms(cfg.schedule.catchUpGrace),
      maxAgeMs: d.maxAge ? ms(d.maxAge) : 2 * schedulePeriodMs(d),
      maxPerSource: d.maxPerSource ?? null,
      review: d.review?.required ? { required: true, deadlineMs: ms(d.review.deadline), onMissed: d.review.onMissed } : null,
      templatesDir: d.templates ? resolve(baseDir, d.templates) : null,
    }),
  );
  const names = new Set<string>();
  for (const [i, d] of digests.entries()) {
    if (d.templatesDir && !existsSync(d.templatesDir)) {
      throw new ConfigError(`${label}: digests[${i}].templates: folder not found: ${d.templatesDir}`);
    }
    if (names.has(d.name)) throw new ConfigError(`${label}: digests[${i}].name: "${d.name}" is used twice`);
    names.add(d.name);
  }
  assertSchedulesFire(digests, label);

  const envFrom = env.DISPATCH_FROM?.trim() || null;
  const addresses = checkSendingAddresses(
    {
      from: envFrom ?? cfg.sending.from,
      fromKey: envFrom ? 'DISPATCH_FROM' : 'sending.from',
      replyTo: cfg.sending.replyTo ?? null,
      unsubscribeAddress: cfg.sending.unsubscribeAddress ?? defaultUnsubscribeAddress(envConfig.publicUrl),
      bounceAddress: cfg.sending.bounceAddress ?? null,
      complaintsAddress: cfg.sending.complaintsAddress ?? null,
    },
    label,
  );

  const config: Config = {
    file,
    feeds,
    digests,
    templatesDir: cfg.templates ? resolve(baseDir, cfg.templates) : null,
    outboxDir: resolve(runtimeBase, cfg.outbox),
    dataDir: resolve(runtimeBase, cfg.dataDir),
    sending: {
      from: addresses.from,
      replyTo: addresses.replyTo,
      unsubscribeAddress: addresses.unsubscribeAddress,
      bounceAddress: addresses.bounceAddress,
      complaintsAddress: addresses.complaintsAddress,
      bounces: cfg.sending.bounces,
      pool: cfg.sending.pool,
      maxAttempts: cfg.sending.retry.maxAttempts,
      groupCommit: cfg.sending.groupCommit,
      threads: cfg.sending.threads,
      dkim: cfg.sending.dkim ? readDkim(cfg.sending.dkim, baseDir, label) : null,
    },
    fetch: {
      timeoutMs: (parseDuration(cfg.fetch.timeout) as { ms: number }).ms,
      maxBytes: cfg.fetch.maxBytes,
      concurrency: cfg.fetch.concurrency,
      userAgent: cfg.fetch.userAgent ?? 'Dispatch/0.1 (+https://github.com/dispatch-digest/dispatch)',
    },
    subscribe: {
      confirmationTtlMs: (parseDuration(cfg.subscribe.confirmationTtl) as { ms: number }).ms,
      trustProxy: cfg.subscribe.trustProxy,
    },
    schedule: {
      fetchEveryMs: ms(cfg.schedule.fetchEvery),
      catchUpGraceMs: ms(cfg.schedule.catchUpGrace),
      freshForMs: ms(cfg.schedule.freshFor),
      failingAfter: cfg.schedule.failingAfter,
      maxBackoffMs: ms(cfg.schedule.maxBackoff),
      leaseTtlMs: ms(cfg.schedule.lease),
    },
    env: envConfig,
  };
  if (config.templatesDir && !existsSync(config.templatesDir)) {
    throw new ConfigError(`${label}: templates: folder not found: ${config.templatesDir}`);
  }
  return deepFreeze(config);
}

/** A duration the schema already validated. */
function ms(value: string): number {
  return (parseDuration(value) as { ms: number }).ms;
}

function parseYamlOrThrow(text: string, label: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: MAX_YAML_ALIASES, logLevel: 'error' });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      const where = pos ? `:${pos.line}:${pos.col}` : '';
      throw new ConfigError(`${label}${where}: not valid YAML: ${err.message.split('\n')[0]}`);
    }
    // The yaml library throws a ReferenceError for an alias bomb, and may
    // throw others on hostile input: every one is a config error, never a stack trace.
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    if (/alias/i.test(message)) {
      throw new ConfigError(`${label}: not valid YAML: more than ${MAX_YAML_ALIASES} aliases (a YAML alias bomb?); expected a file without repeated alias expansion`);
    }
    throw new ConfigError(`${label}: not valid YAML: ${message}`);
  }
}

export function formatIssues(label: string, issues: z.core.$ZodIssue[]): string {
  const lines = issues.map((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return `${path || '(top level)'}: unknown key ${keys}`;
    }
    return `${path || '(top level)'}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  return `${label}: invalid configuration\n  - ${lines.join('\n  - ')}`;
}

function formatPath(path: PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function isUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
}

function resolveFeedUrl(url: string, baseDir: string): string {
  if (isUrl(url)) return url;
  return isAbsolute(url) ? url : resolve(baseDir, url);
}

function resolveFeeds(cfg: ConfigFile, baseDir: string, label: string): FeedSource[] {
  const out: FeedSource[] = [];
  const seen = new Set<string>();
  const push = (f: FeedSource) => {
    if (seen.has(f.url)) return; // the same feed in two catalogs is one feed
    seen.add(f.url);
    out.push(f);
  };
  for (const [i, entry] of cfg.feeds.entries()) {
    if ('catalog' in entry) {
      const path = resolve(baseDir, entry.catalog);
      if (!existsSync(path)) throw new ConfigError(`${label}: feeds[${i}].catalog: file not found: ${path}`);
      const raw = parseYamlOrThrow(readFileSync(path, 'utf8'), path);
      const parsed = catalogSchema.safeParse(raw ?? []);
      if (!parsed.success) throw new ConfigError(formatIssues(path, parsed.error.issues));
      for (const f of parsed.data) {
        push(toFeedSource(f, resolveFeedUrl(f.url, dirname(path))));
      }
    } else {
      push(toFeedSource(entry, resolveFeedUrl(entry.url, baseDir)));
    }
  }
  return out;
}

function toFeedSource(f: z.infer<typeof feedEntrySchema>, url: string): FeedSource {
  return {
    name: f.name,
    url,
    homepage: f.homepage,
    tags: f.tags,
    weight: f.weight,
    regions: f.regions,
    topics: f.topics,
    filter: f.filter ?? null,
    include: f.include,
    exclude: f.exclude,
    maxAgeMs: f.maxAge ? (parseDuration(f.maxAge) as { ms: number }).ms : null,
    maxItems: f.maxItems ?? null,
  };
}

function readEnv(env: NodeJS.ProcessEnv): EnvConfig {
  const smtpUrl = env.DISPATCH_SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//i.test(smtpUrl)) {
    throw new ConfigError(`DISPATCH_SMTP_URL: expected smtp://user:pass@host:587 or smtps://…, got a value starting "${smtpUrl.slice(0, 8)}"`);
  }
  const databaseUrl = env.DISPATCH_DATABASE_URL?.trim() || null;
  const publicUrl = (env.DISPATCH_PUBLIC_URL?.trim() || 'http://localhost:8080').replace(/\/+$/, '');
  try {
    const u = new URL(publicUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new ConfigError(`DISPATCH_PUBLIC_URL: expected an http(s) URL such as https://news.example.org, got "${publicUrl}"`);
  }
  const inbound = env.DISPATCH_INBOUND_SMTP?.trim() || null;
  if (inbound && !/^[^:\s]+:\d{1,5}$/.test(inbound)) {
    throw new ConfigError(`DISPATCH_INBOUND_SMTP: expected host:port such as 0.0.0.0:2525, got "${inbound}"`);
  }
  const secret = env.DISPATCH_SECRET?.trim() || null;
  if (secret && secret.length < 16) {
    throw new ConfigError('DISPATCH_SECRET: expected at least 16 characters (use e.g. `openssl rand -hex 32`)');
  }
  const dnsServers = env.DISPATCH_DNS_SERVERS?.trim()
    ? env.DISPATCH_DNS_SERVERS.split(',').map((x) => x.trim()).filter(Boolean)
    : null;
  return { smtpUrl, databaseUrl, publicUrl, secret, inboundSmtp: inbound, dnsServers, ...readObservabilityEnv(env) };
}

function defaultUnsubscribeAddress(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  // An IP address (http://127.0.0.1:8080, a LAN address) is no mail domain:
  // `unsubscribe@127.0.0.1` would fail the address check with an error about
  // a key the user never set. localhost is what a local setup answers on.
  const isIp = /^[\d.]+$/.test(host) || host.startsWith('[');
  return `unsubscribe@${host.includes('.') && !isIp ? host : 'localhost'}`;
}

function readDkim(
  dkim: { domain: string; selector: string; keyFile: string },
  baseDir: string,
  label: string,
): { domainName: string; keySelector: string; privateKey: string } {
  const path = resolve(baseDir, dkim.keyFile);
  if (!existsSync(path)) throw new ConfigError(`${label}: sending.dkim.keyFile: file not found: ${path}`);
  const privateKey = readFileSync(path, 'utf8');
  if (!privateKey.includes('PRIVATE KEY')) {
    throw new ConfigError(`${label}: sending.dkim.keyFile: expected a PEM private key in ${path}`);
  }
  return { domainName: dkim.domain, keySelector: dkim.selector, privateKey };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
