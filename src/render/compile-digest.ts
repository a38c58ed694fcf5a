import { TemplateError } from '../shared/errors.js';
import type { EditionModel, RecipientView } from '../shared/types.js';
import { checkMjmlTags } from './check-mjml-tags.js';
import { blankXmlComments, expandIncludes, lineAt, type ExpandedSource } from './expand-includes.js';
import { compileTemplate, createHandlebars } from './handlebars-env.js';
import { createSlotRenderer, type SplicedText } from './recipient-slots.js';
import { renderText } from './render-text.js';
import { MAIN_TEMPLATE, TEXT_TEMPLATE, type TemplateSet } from './template-set.js';

export interface RenderedDigest {
  html: string;
  text: string;
  /** The same copy as a shared shape plus this recipient's values (see recipient-slots.ts); absent for a plain fill. */
  spliced?: { html: SplicedText; text: SplicedText };
}

/** The data every template sees: the edition model's fields at the top level, plus `recipient`. */
export type TemplateData = EditionModel & { recipient: RecipientView };

export interface CompiledDigest {
  /** The HTML Handlebars template MJML produced, before any fill (for previews and debugging). */
  readonly htmlTemplate: string;
  /** Where the text part comes from: digest.txt.hbs, or html-to-text when that file is missing. */
  readonly textSource: 'template' | 'html-to-text';
  /** One recipient's copy: a Handlebars fill of the HTML and text templates, nothing more. */
  render(model: EditionModel, recipient: RecipientView): RenderedDigest;
}

/**
 * MJML runs here and only here, once per template set: it turns the digest
 * (Handlebars tags left intact) into one HTML Handlebars template. Both
 * templates are compiled once; render() is the per-recipient fill, synchronous
 * so it cannot reach the async MJML compiler even by accident.
 */
export async function compileDigest(templates: TemplateSet): Promise<CompiledDigest> {
  const main = templates.files.get(MAIN_TEMPLATE);
  if (!main) throw new TemplateError(`${MAIN_TEMPLATE} is missing from the template set`, MAIN_TEMPLATE, null);
  const source = expandIncludes(templates, main);
  checkMjmlTags(source);
  const env = createHandlebars();
  // Check the Handlebars in the MJML source, where lines still map back to files.
  compileTemplate(env, blankXmlComments(source.text), { origin: source.origin, escape: true });
  const mjmlHtml = await runMjml(source);
  checkNothingDropped(source, mjmlHtml);
  const htmlTemplate = compactHtml(mjmlHtml);
  const html = compileTemplate(env, htmlTemplate, {
    origin: (line) => ({ path: `${main.path} (line ${line} of the MJML output)`, line: null }),
    escape: true,
  });
  const textFile = templates.files.get(TEXT_TEMPLATE);
  const text = textFile
    ? compileTemplate(env, textFile.source, { origin: (line) => ({ path: textFile.path, line }), escape: false })
    : null;

  const slots = createSlotRenderer({
    html: (data) => html(data as TemplateData),
    text: text ? (data) => text(data as TemplateData) : null,
    textFromHtml: renderText,
    escape: (v) => env.Utils.escapeExpression(v),
  });

  return {
    htmlTemplate,
    textSource: text ? 'template' : 'html-to-text',
    render: (model, recipient) => slots.render(model, recipient),
  };
}

const MJML_OPTIONS = {
  // Soft, then fail on any error ourselves: 'strict' throws one message
  // whose lines point into the expanded text rather than the files.
  validationLevel: 'soft',
  keepComments: false,
  // No web-font links: a font request from every opened mail is a tracker.
  fonts: {},
  ignoreIncludes: true,
} as const;

// MJML runs in a short-lived child process: mjml and its dependencies
// (juice, cheerio, html-minifier…) add ~60 MB to a process that loads them,
// and a sending process only ever needs MJML's output. A worker thread (used
// before) freed its isolate when it ended, but not the allocator memory it
// had touched: the sending process kept ~10–14 MB more RSS for good
// (measured). A child gives all of it back; it costs a Node start (~50 ms)
// on top of loading mjml, once per template set. The child is this same
// Node binary (process.execPath) running the script below, nothing to find.
const MJML_CHILD = `
const { pathToFileURL } = require('node:url');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', async () => {
  const job = JSON.parse(input);
  let out;
  try {
    const m = await import(pathToFileURL(job.mjml).href);
    const r = await (m.default.default ?? m.default)(job.text, job.options);
    out = { html: r.html, errors: r.errors.map((e) => ({ line: e.line, message: e.message, tagName: e.tagName, formattedMessage: e.formattedMessage })) };
  } catch (e) {
    out = { error: String((e && e.message) || e) };
  }
  process.stdout.write(JSON.stringify(out));
});
`;

type MjmlOut = { html: string; errors: Array<{ line: number; message: string; tagName: string; formattedMessage: string }> };

async function mjmlInChild(text: string): Promise<MjmlOut> {
  const { spawn } = await import('node:child_process');
  const { createRequire } = await import('node:module');
  const mjml = createRequire(import.meta.url).resolve('mjml');
  return new Promise((resolve, reject) => {
    // No NODE_OPTIONS: a loader or inspector flag meant for this process must not run in the child.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, ['-e', MJML_CHILD], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => {
      const body = Buffer.concat(out).toString('utf8');
      try {
        const m = JSON.parse(body) as MjmlOut & { error?: string };
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m);
      } catch {
        reject(new Error(`the MJML process exited with ${code}: ${Buffer.concat(err).toString('utf8').trim().split('\n').slice(-3).join(' ') || 'no output'}`));
      }
    });
    child.stdin.end(JSON.stringify({ mjml, text, options: MJML_OPTIONS }));
  });
}

let runs = 0;
/** How many times MJML has run in this process (tests: never per recipient). */
export const mjmlRuns = (): number => runs;

export async function runMjml(source: ExpandedSource): Promise<string> {
  runs += 1;
  let result: MjmlOut;
  try {
    result = await mjmlInChild(source.text);
  } catch (error) {
    const at = source.origin(1);
    throw new TemplateError(`MJML failed: ${(error as Error).message}`, at.path, null, { cause: error });
  }
  const [first, ...rest] = result.errors;
  if (first) {
    const at = source.origin(first.line);
    const more = rest.map((e) => {
      const o = source.origin(e.line);
      return `${o.path}:${o.line}: ${e.message}`;
    });
    throw new TemplateError(
      `MJML: ${first.message} (<${first.tagName}>)${more.length ? `; also ${more.join('; ')}` : ''}`,
      at.path,
      at.line,
    );
  }
  return result.html;
}

const MUSTACHE_RE = /\{\{\{[\s\S]*?\}\}\}|\{\{[\s\S]*?\}\}/g;

/**
 * MJML drops text that sits directly between mj-* elements, so a
 * `{{#each}}` outside <mj-raw> would vanish without a word. Every Handlebars
 * tag of the source must still be in MJML's output.
 */
export function checkNothingDropped(source: ExpandedSource, html: string): void {
  const text = blankXmlComments(source.text);
  const outCount = new Map<string, number>();
  for (const [tag] of html.matchAll(MUSTACHE_RE)) outCount.set(tag, (outCount.get(tag) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const m of text.matchAll(MUSTACHE_RE)) {
    const n = (seen.get(m[0]) ?? 0) + 1;
    seen.set(m[0], n);
    if (n > (outCount.get(m[0]) ?? 0)) {
      const at = source.origin(lineAt(text, m.index));
      throw new TemplateError(
        `${m[0]} was dropped by MJML: Handlebars tags between mj-* elements must be inside <mj-raw>`,
        at.path,
        at.line,
      );
    }
  }
}

/** MJML indents deeply, and inside {{#each}} that indentation repeats per story; drop it. */
export function compactHtml(html: string): string {
  if (/<(pre|textarea)\b/i.test(html)) return html;
  return html.replace(/^[ \t]+|[ \t]+$/gm, '').replace(/\n{2,}/g, '\n');
}
