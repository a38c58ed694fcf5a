import Handlebars from 'handlebars';
import { TemplateError } from '../shared/errors.js';
import { lineAt } from './expand-includes.js';

export type HandlebarsEnv = typeof Handlebars;

/** The helpers templates may call; anything else is a compile error (knownHelpersOnly). */
export const HELPERS = {
  /** `{{formatDate publishedAt}}` → "25 Nov 2026"; `{{formatDate date "long"}}` → "Wednesday 25 November 2026" (UTC). */
  formatDate(value: unknown, ...rest: unknown[]): string {
    const style = rest.length > 1 && rest[0] === 'long' ? 'long' : 'short';
    return formatDate(String(value ?? ''), style);
  },
  /** `{{plural itemCount "story" "stories"}}` → "1 story", "30 stories". */
  plural(count: unknown, singular: unknown, pluralForm: unknown): string {
    const n = Number(count);
    return `${n} ${n === 1 ? String(singular) : String(pluralForm)}`;
  },
  /** `{{wrap excerpt 76 "  "}}`: word-wraps plain text for the text part, each line prefixed with the indent. */
  wrap(value: unknown, ...rest: unknown[]): string {
    const width = rest.length > 1 && Number(rest[0]) > 0 ? Number(rest[0]) : 76;
    const indent = rest.length > 2 && typeof rest[1] === 'string' ? rest[1] : '';
    const text = String(value ?? '');
    return cached(`wrap|${width}|${indent}`, text, () => wrapText(text, width, indent));
  },
};

const SAFE_FIELDS = new Set(['summaryHtml', 'noteHtml']);

const KNOWN_HELPERS = Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true]));

/** A private Handlebars instance: helpers registered here never leak into other users of the module. */
export function createHandlebars(): HandlebarsEnv {
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn);
  return env;
}

const FORMATS = {
  short: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  long: new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
};
// Every recipient's fill formats the same dates and wraps the same excerpts:
// remember the results (bounded, as a long-running server renders many
// editions). Keyed by the model's own strings, whose hashes V8 keeps, so a hit
// costs no hashing of a new key.
const helperCache = new Map<string, Map<string, string>>();

function cached(kind: string, input: string, compute: () => string): string {
  let byInput = helperCache.get(kind);
  if (!byInput) helperCache.set(kind, (byInput = new Map()));
  let out = byInput.get(input);
  if (out === undefined) {
    out = compute();
    if (byInput.size >= 5000) byInput.clear();
    byInput.set(input, out);
  }
  return out;
}

function formatDate(iso: string, style: keyof typeof FORMATS): string {
  return cached(style, iso, () => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : FORMATS[style].format(date).replace(',', '');
  });
}

function wrapText(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines.map((l) => (l ? indent + l : l)).join('\n');
}

export interface CompileOptions {
  /** Maps a 1-based line of `source` to a template file and line. */
  origin: (line: number) => { path: string; line: number | null };
  /** HTML escaping on (mail HTML) or off (text part). */
  escape: boolean;
}

/**
 * Parses and compiles a template once, turning Handlebars errors into
 * TemplateErrors that name the file and line. For HTML it also enforces the
 * escaping rule: `{{{ }}}` (or `{{& }}`) only on `summaryHtml`, the one field
 * curate sanitized. Partials are refused: composition is `<mj-include>`.
 */
export function compileTemplate(env: HandlebarsEnv, source: string, options: CompileOptions): HandlebarsTemplateDelegate {
  const fail = (message: string, line: number | null): never => {
    const at = line != null ? options.origin(line) : options.origin(1);
    throw new TemplateError(message, at.path, line != null ? at.line : null);
  };
  let ast: hbs.AST.Program;
  try {
    ast = env.parse(source);
  } catch (error) {
    const unbalanced = findUnbalancedBlock(source);
    if (unbalanced) {
      const closer = unbalanced.closeLine != null ? options.origin(unbalanced.closeLine) : null;
      const message = !unbalanced.open
        ? `{{/${unbalanced.closeName}}} closes a block that was never opened`
        : closer
          ? `{{#${unbalanced.open}}} is not closed (found {{/${unbalanced.closeName}}} at ${closer.path}:${closer.line})`
          : `{{#${unbalanced.open}}} is never closed`;
      fail(message, unbalanced.line);
    }
    const { message, line } = describeHandlebarsError(error);
    return fail(message, line);
  }
  walk(ast, (node) => {
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      fail('Handlebars partials are not available here; use <mj-include path="…" />', node.loc?.start.line ?? null);
    }
    if (options.escape && node.type === 'MustacheStatement') {
      const stmt = node as hbs.AST.MustacheStatement;
      const path = stmt.path as Partial<hbs.AST.PathExpression>;
      // summaryHtml: sanitized by curate; noteHtml: the editor's note, sanitized by the same allowlist.
      const safe = path.type === 'PathExpression' && SAFE_FIELDS.has(String(path.parts?.at(-1))) && stmt.params.length === 0;
      if (!stmt.escaped && !safe) {
        fail(
          `unescaped output {{{${path.original ?? '…'}}}}: only {{{summaryHtml}}} (sanitized by curate) may be unescaped`,
          stmt.loc?.start.line ?? null,
        );
      }
    }
  });
  const compileOptions = { knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, noEscape: !options.escape };
  try {
    // compile() is lazy; precompile runs the code generator now so an unknown
    // helper fails here, at compile time, rather than on the first recipient.
    env.precompile(ast, compileOptions);
  } catch (error) {
    const { message, line } = describeHandlebarsError(error);
    fail(message, line);
  }
  return env.compile(ast, compileOptions);
}

function describeHandlebarsError(error: unknown): { message: string; line: number | null } {
  const e = error as { message?: string; lineNumber?: number };
  const raw = String(e.message ?? error);
  if (typeof e.lineNumber === 'number') {
    const message = raw
      .replace(/ - \d+:\d+$/, '')
      .replace(/^You specified knownHelpersOnly, but used the (unknown helper \S+)$/, (_, what: string) => {
        return `${what} (helpers: ${Object.keys(HELPERS).join(', ')})`;
      });
    return { message, line: e.lineNumber };
  }
  const m = /^Parse error on line (\d+):\n(.*)\n-*\^\n(Expecting [\s\S]*)$/.exec(raw);
  if (m) return { message: `Handlebars parse error at "${m[2]}": ${m[3]}`, line: Number(m[1]) };
  return { message: raw, line: null };
}

const BLOCK_RE = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*([#^/])\s*[>*]?\s*([^\s}~()]*)/g;

/**
 * Handlebars reports an unclosed block at the end of the input; find the
 * opening tag instead, which is where the mistake is.
 */
function findUnbalancedBlock(
  source: string,
): { open: string | null; line: number; closeName: string | null; closeLine: number | null } | null {
  const open: Array<{ name: string; index: number }> = [];
  for (const m of source.matchAll(BLOCK_RE)) {
    const [, kind, name = ''] = m;
    if (!kind || !name) continue; // a comment, or {{^}} (an else)
    if (kind !== '/') {
      open.push({ name, index: m.index });
      continue;
    }
    const top = open.pop();
    const closeLine = lineAt(source, m.index);
    if (!top) return { open: null, line: closeLine, closeName: name, closeLine };
    if (top.name !== name) return { open: top.name, line: lineAt(source, top.index), closeName: name, closeLine };
  }
  const unclosed = open.pop();
  return unclosed ? { open: unclosed.name, line: lineAt(source, unclosed.index), closeName: null, closeLine: null } : null;
}

type AnyNode = { type: string; loc?: hbs.AST.SourceLocation };

function walk(node: unknown, visit: (node: AnyNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as AnyNode & Record<string, unknown>;
  if (typeof n.type === 'string') visit(n);
  for (const [key, value] of Object.entries(n)) {
    if (key !== 'loc' && value && typeof value === 'object') walk(value, visit);
  }
}
