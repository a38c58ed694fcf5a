// Use cases behind `dispatch subscribers import|export|delete`: CSV in and
// out, and GDPR erasure that leaves only a hash behind so a later import
// cannot bring the person back without a new consent.
import { createHash } from 'node:crypto';
import { InputError } from '../shared/errors.js';
import type { Subscriber, SubscriberPreferences, SubscriberStatus } from '../shared/types.js';
import type { AppContext } from './open-context.js';
import { cleanPreferences, subscriptionOptions, type PreferencesInput } from './preferences.js';
import { cleanName } from './subscribe.js';
import { normaliseEmail } from './subscribers.js';

/** The hash kept for an erased address: SHA-256 of the lower-cased address (case-insensitive on purpose). */
export function suppressionHash(email: string): string {
  return createHash('sha256').update(`dispatch-suppression-v1:${email.trim().toLowerCase()}`).digest('hex');
}

export interface CsvRow {
  /** 1-based line where the row starts (a quoted field may span lines). */
  line: number;
  cells: string[];
}

/**
 * RFC 4180 CSV: comma-separated, `"` quotes (doubled inside), CRLF or LF,
 * line breaks inside quotes. A BOM is dropped; blank lines are skipped.
 * Throws InputError naming the line of an unterminated quote.
 */
export function parseCsv(text: string): CsvRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '' && !fieldStarted)) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    fieldStarted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      fieldStarted = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new InputError(`line ${quoteLine}: a quoted field is never closed`);
  if (cell !== '' || cells.length > 0 || fieldStarted) endRow();
  return rows;
}

/** Quotes a cell when needed and defuses spreadsheet formulas (=, +, -, @ at the start). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const IMPORT_COLUMNS = ['email', 'name', 'digests', 'preferences', 'status'] as const;

export interface ImportReport {
  imported: number;
  /** Already on the list: left as they are. */
  existing: number;
  /** Erased earlier (GDPR): not imported. */
  suppressed: number;
  errors: Array<{ line: number; message: string }>;
}

function listCell(value: string | undefined): string[] {
  return (value ?? '').split(/[;|]/).map((s) => s.trim()).filter(Boolean);
}

function undefuse(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/**
 * Imports a CSV with a header row (`email` required; `name`, `digests` as
 * `daily;weekly`, `preferences` as JSON `{"regions":[…],"topics":[…]}`,
 * `status` optional). Bad rows are reported by line and skipped; the rest
 * are imported. Rows become `pending` (never mailed, no confirmation sent)
 * unless `active` is set, which is only for lists confirmed elsewhere.
 * A status column saying unsubscribed or bounced is kept as is.
 */
export async function importSubscribers(
  ctx: Pick<AppContext, 'store' | 'config'>,
  csv: string,
  opts: { active: boolean; now: Date; source?: string },
): Promise<ImportReport> {
  const rows = parseCsv(csv);
  const report: ImportReport = { imported: 0, existing: 0, suppressed: 0, errors: [] };
  const header = rows.shift();
  if (!header) throw new InputError('the CSV file is empty');
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const unknown = columns.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c) && !EXPORT_ONLY.includes(c));
  if (!columns.includes('email')) throw new InputError(`line ${header.line}: the header row needs an "email" column`);
  if (unknown.length) throw new InputError(`line ${header.line}: unknown column ${unknown.map((u) => `"${u.slice(0, 40)}"`).join(', ')}; expected ${IMPORT_COLUMNS.join(', ')}`);
  const options = subscriptionOptions(ctx.config);
  const seen = new Set<string>();

  for (const row of rows) {
    const get = (name: string): string | undefined => {
      const i = columns.indexOf(name);
      const v = i >= 0 ? row.cells[i] : undefined;
      return v === undefined ? undefined : undefuse(v.trim());
    };
    try {
      if (row.cells.length > columns.length) throw new InputError(`${row.cells.length} fields, the header has ${columns.length}`);
      const email = normaliseEmail(get('email') ?? '');
      // Case-insensitive here: two spellings of one mailbox in one file are a mistake, not two people.
      if (seen.has(email.toLowerCase())) throw new InputError('the same address appears earlier in the file');
      seen.add(email.toLowerCase());
      const name = cleanName(get('name'));
      let prefsInput: PreferencesInput = {};
      const prefsText = get('preferences');
      if (prefsText) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(prefsText);
        } catch {
          throw new InputError('preferences must be JSON such as {"regions":["europe"]}');
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InputError('preferences must be a JSON object');
        const p = parsed as Record<string, unknown>;
        for (const k of Object.keys(p)) {
          if (!['digests', 'regions', 'topics'].includes(k)) throw new InputError(`preferences: unknown key "${k.slice(0, 40)}"`);
          if (!Array.isArray(p[k]) || !(p[k] as unknown[]).every((x) => typeof x === 'string')) {
            throw new InputError(`preferences.${k} must be a list of strings`);
          }
        }
        prefsInput = p as PreferencesInput;
      }
      const digests = listCell(get('digests'));
      if (digests.length) prefsInput = { ...prefsInput, digests };
      const preferences: SubscriberPreferences = cleanPreferences(prefsInput, options, { strict: true });
      const statusText = (get('status') ?? '').toLowerCase();
      if (statusText && !['pending', 'active', 'unsubscribed', 'bounced'].includes(statusText)) {
        throw new InputError('status must be pending, active, unsubscribed or bounced');
      }
      // A file can only ever take mail away from someone on its own say-so.
      const status: SubscriberStatus =
        statusText === 'unsubscribed' || statusText === 'bounced' ? statusText : opts.active ? 'active' : 'pending';
      if (await ctx.store.subscriptions.isSuppressed(suppressionHash(email))) {
        report.suppressed++;
        report.errors.push({ line: row.line, message: 'this address was erased earlier; it needs a new sign-up' });
        continue;
      }
      const r = await ctx.store.subscribers.add({ email, name, status, preferences, consentSource: opts.source ?? 'import', now: opts.now });
      if (r.created) report.imported++;
      else report.existing++;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      report.errors.push({ line: row.line, message: error.message });
    }
  }
  return report;
}

const EXPORT_COLUMNS = ['email', 'name', 'status', 'digests', 'preferences', 'consent_at', 'consent_source', 'created_at'] as const;
const EXPORT_ONLY: readonly string[] = ['consent_at', 'consent_source', 'created_at'];

/** The whole list as CSV (a file `import` reads back). */
export async function exportSubscribers(ctx: Pick<AppContext, 'store'>): Promise<string> {
  const list: Subscriber[] = await ctx.store.subscribers.list();
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const s of list) {
    const { digests, ...rest } = s.preferences;
    lines.push(
      [
        s.email,
        s.name ?? '',
        s.status,
        (digests ?? []).join(';'),
        Object.keys(rest).length ? JSON.stringify(rest) : '',
        s.consentAt?.toISOString() ?? '',
        s.consentSource ?? '',
        s.createdAt.toISOString(),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** GDPR erasure: the person and their deliveries go; a hash stays so imports skip them. */
export async function eraseSubscriber(ctx: Pick<AppContext, 'store'>, emailInput: string, now: Date): Promise<boolean> {
  const email = normaliseEmail(emailInput);
  return ctx.store.subscriptions.erase(email, suppressionHash(email), now);
}
