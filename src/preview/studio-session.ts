// The preview studio's state: the compiled templates (and the last set that
// compiled), the config as last loaded, and a version that goes up on every
// reload so open pages know to refresh. Copies are built per request from
// the store, so the page always shows the edition as it would be sent now.
import { readFile } from 'node:fs/promises';
import {
  composeCopy,
  compileTemplates,
  planEdition,
  SAMPLE_RECIPIENT,
  type AppContext,
  type ComposedCopy,
  type CopyRecipient,
} from '../app/index.js';
import { renderMime } from '../deliver/index.js';
import type { Config, DigestConfig } from '../config/index.js';
import type { CompiledDigest } from '../render/index.js';
import { ConfigError, TemplateError } from '../shared/errors.js';
import type { Edition, EditionModel, Subscriber } from '../shared/types.js';
import { checkCopy, type CopyCheck } from './check-copy.js';

/** What the person chose in the studio's toolbar. */
export interface CopySelection {
  digest: string | null;
  /** A stored edition from the archive; null = the next edition. */
  editionId: number | null;
  /** A stored subscriber; null = the sample reader. */
  subscriberId: number | null;
  /** Preferences to preview with (override the subscriber's own when given). */
  regions: string[] | null;
  topics: string[] | null;
  /** Show the last templates that compiled, even if the current ones do not. */
  lastGood: boolean;
}

export const DEFAULT_SELECTION: CopySelection = {
  digest: null,
  editionId: null,
  subscriberId: null,
  regions: null,
  topics: null,
  lastGood: false,
};

/** A problem the studio shows instead of a blank screen. */
export interface StudioProblem {
  kind: 'template' | 'config' | 'render';
  message: string;
  file: string | null;
  line: number | null;
  /** A few lines of the file around `line`, when the file can be read. */
  excerpt: Array<{ line: number; text: string; bad: boolean }>;
}

export interface ShownCopy {
  digest: DigestConfig;
  /** The archived edition shown, or null for the next edition. */
  edition: Edition | null;
  /** For the next edition: why it would not be sent now (too few items), else null. */
  wouldNotSend: string | null;
  recipient: CopyRecipient;
  copy: ComposedCopy;
  subject: string;
  /** The message header block exactly as the relay would receive it. */
  rawHeaders: string;
  checks: CopyCheck[];
  /** True when the templates shown are the last good ones, not the current files. */
  fromLastGood: boolean;
}

export interface StudioState {
  version: number;
  renderedAt: Date;
  config: Config;
  /** The current problem (templates that do not compile, a config that does not load), or null. */
  problem: StudioProblem | null;
  hasLastGood: boolean;
  lastGoodAt: Date | null;
  /** Goes up when a mail lands in (or leaves) the outbox folder. */
  inboxVersion: number;
}

export interface StudioSession {
  state(): StudioState;
  context(): AppContext;
  /** Reload the config (when `configChanged`) and recompile the templates. */
  reload(opts?: { configChanged?: boolean }): Promise<StudioState>;
  /** Something changed in the outbox folder: tell open inbox pages. */
  touchInbox(): void;
  /** Called with the new state after every reload or inbox change. Returns an unsubscribe function. */
  subscribe(listener: (state: StudioState) => void): () => void;
  show(selection: CopySelection, now: Date): Promise<ShownCopy>;
}

export interface StudioSessionOptions {
  ctx: AppContext;
  /** Reads the config file again (live reload of the config). */
  loadConfig?: () => Config;
  /** Templates are compiled with this (tests may inject). */
  compile?: (config: Config) => Promise<CompiledDigest>;
  now?: () => Date;
}

export async function createStudioSession(opts: StudioSessionOptions): Promise<StudioSession> {
  const compile = opts.compile ?? compileTemplates;
  const now = opts.now ?? (() => new Date());
  let ctx = opts.ctx;
  let version = 0;
  let inboxVersion = 0;
  let renderedAt = now();
  let problem: StudioProblem | null = null;
  let current: CompiledDigest | null = null;
  let lastGood: { compiled: CompiledDigest; at: Date } | null = null;
  const listeners = new Set<(s: StudioState) => void>();
  // Saves come in bursts; a reload started while another runs waits for it,
  // so results land in order and the last save always wins.
  let chain: Promise<unknown> = Promise.resolve();

  const state = (): StudioState => ({
    version,
    renderedAt,
    config: ctx.config,
    problem,
    hasLastGood: lastGood !== null,
    lastGoodAt: lastGood?.at ?? null,
    inboxVersion,
  });
  const notify = (): void => {
    const s = state();
    for (const l of listeners) l(s);
  };

  async function doReload(configChanged: boolean): Promise<StudioState> {
    problem = null;
    if (configChanged && opts.loadConfig) {
      try {
        ctx = { ...ctx, config: opts.loadConfig() };
      } catch (error) {
        problem = await describeProblem(error);
      }
    }
    if (!problem) {
      try {
        current = await compile(ctx.config);
        lastGood = { compiled: current, at: now() };
      } catch (error) {
        current = null;
        problem = await describeProblem(error);
      }
    }
    version += 1;
    renderedAt = now();
    notify();
    return state();
  }

  const session: StudioSession = {
    state,
    context: () => ctx,
    reload(o = {}) {
      const next = chain.then(() => doReload(Boolean(o.configChanged)));
      chain = next.catch(() => undefined);
      return next;
    },
    touchInbox() {
      inboxVersion += 1;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async show(selection, at) {
      // The current templates unless they fail and the last good ones were asked for.
      const compiled = selection.lastGood && current === null ? lastGood?.compiled : current;
      if (!compiled) throw problemError(problem);
      const digest = pickDigest(ctx.config, selection.digest);
      let edition: Edition | null = null;
      let model: EditionModel;
      let wouldNotSend: string | null = null;
      if (selection.editionId !== null) {
        edition = (await ctx.store.editions.get(selection.editionId)) ?? null;
        if (!edition) throw new StudioInputError(`there is no edition ${selection.editionId} in the archive`);
        model = edition.model;
      } else {
        const plan = await planEdition(ctx, digest, at);
        model = plan.model;
        wouldNotSend = plan.decision.build ? null : plan.decision.reason;
      }
      const shownDigest = edition ? (ctx.config.digests.find((d) => d.name === edition?.digest) ?? digest) : digest;
      const subscriber = selection.subscriberId !== null ? await ctx.store.subscribers.get(selection.subscriberId) : undefined;
      if (selection.subscriberId !== null && !subscriber) {
        throw new StudioInputError(`there is no subscriber ${selection.subscriberId}`);
      }
      const recipient = recipientFor(subscriber, selection);
      const subject = edition?.subject ?? model.subject;
      const copy = composeCopy(
        ctx,
        { id: edition?.id ?? null, digest: shownDigest.name, subject, model },
        recipient,
        { compiled, date: at },
      );
      const rawHeaders = await headerBlock(copy);
      const checks = checkCopy({
        html: copy.html,
        text: copy.text,
        subject,
        preheader: copy.model.preheader,
        headers: parseHeaderBlock(rawHeaders),
        unsubscribeUrl: copy.recipient.unsubscribeUrl,
      });
      return {
        digest: shownDigest,
        edition,
        wouldNotSend,
        recipient,
        copy,
        subject,
        rawHeaders,
        checks,
        fromLastGood: compiled !== current,
      };
    },
  };
  await session.reload();
  return session;
}

/** A selection that names something that does not exist (shown to the person, never a crash). */
export class StudioInputError extends Error {}

/** The current problem as an error to answer a request with. */
export class StudioProblemError extends Error {
  constructor(readonly problem: StudioProblem | null) {
    super(problem ? problem.message : 'the templates have not compiled yet');
  }
}

function problemError(problem: StudioProblem | null): Error {
  return new StudioProblemError(problem);
}

function pickDigest(config: Config, name: string | null): DigestConfig {
  const digest = (name && config.digests.find((d) => d.name === name)) || config.digests[0];
  if (!digest) throw new StudioInputError('the config has no digest');
  return digest;
}

function recipientFor(subscriber: Subscriber | undefined, selection: CopySelection): CopyRecipient {
  const base: CopyRecipient = subscriber
    ? { subscriberId: subscriber.id, email: subscriber.email, name: subscriber.name, preferences: subscriber.preferences }
    : SAMPLE_RECIPIENT;
  const preferences = { ...base.preferences };
  if (selection.regions) preferences.regions = selection.regions;
  if (selection.topics) preferences.topics = selection.topics;
  return { ...base, preferences };
}

/** The raw header block the mailer would put on the wire for this message (before DKIM). */
async function headerBlock(copy: ComposedCopy): Promise<string> {
  const raw = await rawMessage(copy.message);
  const end = raw.indexOf('\r\n\r\n');
  return (end === -1 ? raw : raw.slice(0, end)).replace(/\r\n/g, '\n');
}

export async function rawMessage(message: ComposedCopy['message']): Promise<string> {
  return (await renderMime(message)).toString('utf8');
}

/** Unfolded headers by lower-case name (the first of each). */
export function parseHeaderBlock(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in out)) out[name] = line.slice(colon + 1).trim();
  }
  return out;
}

export async function describeProblem(error: unknown): Promise<StudioProblem> {
  if (error instanceof StudioProblemError && error.problem) return error.problem;
  if (error instanceof TemplateError) {
    const prefix = `${error.file}${error.line != null ? `:${error.line}` : ''}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return { kind: 'template', message, file: error.file, line: error.line, excerpt: await excerptOf(error.file, error.line) };
  }
  if (error instanceof ConfigError) {
    return { kind: 'config', message: error.message, file: null, line: null, excerpt: [] };
  }
  return { kind: 'render', message: error instanceof Error ? error.message : String(error), file: null, line: null, excerpt: [] };
}

async function excerptOf(file: string, line: number | null): Promise<StudioProblem['excerpt']> {
  if (line == null) return [];
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const from = Math.max(1, line - 3);
  const to = Math.min(lines.length, line + 3);
  const out: StudioProblem['excerpt'] = [];
  for (let n = from; n <= to; n++) out.push({ line: n, text: lines[n - 1] ?? '', bad: n === line });
  return out;
}
