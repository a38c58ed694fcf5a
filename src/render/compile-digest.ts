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

// MJML runs in a short-lived worker thread: mjml and its dependencies
// (juice, cheerio, html-minifier…) add ~60 MB to a process that loads them,
// and a sending process only ever needs MJML's output. The worker's isolate,
// and that memory, go away when it ends. Rejected: a child process (slower
// start, and a second Node binary to find when installed).
//
// Its young generation is capped: V8 otherwise grows it to the same 32 MB as
// the main thread's while mjml loads, and that sits on top of the process at
// its start (a `dispatch worker` peaked at 173-176 MB compiling, 153-164 MB
// with the cap, and compiling took no longer: ~350-450 ms either way).
const MJML_YOUNG_GENERATION_MB = 4;
const MJML_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
import(pathToFileURL(workerData.mjml).href).then(async (m) => {
  try {
    const r = await (m.default.default ?? m.default)(workerData.text, workerData.options);
    parentPort.postMessage({ html: r.html, errors: r.errors.map((e) => ({ line: e.line, message: e.message, tagName: e.tagName, formattedMessage: e.formattedMessage })) });
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
});
`;

type MjmlOut = { html: string; errors: Array<{ line: number; message: string; tagName: string; formattedMessage: string }> };

async function mjmlInWorker(text: string): Promise<MjmlOut> {
  const { Worker } = await import('node:worker_threads');
  const { createRequire } = await import('node:module');
  const mjml = createRequire(import.meta.url).resolve('mjml');
  return new Promise((resolve, reject) => {
    const w = new Worker(MJML_WORKER, {
      eval: true,
      workerData: { mjml, text, options: MJML_OPTIONS },
      resourceLimits: { maxYoungGenerationSizeMb: MJML_YOUNG_GENERATION_MB },
    });
    w.once('message', (m: MjmlOut & { error?: string }) => {
      void w.terminate();
      if (m.error !== undefined) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
  });
}

let runs = 0;
/** How many times MJML has run in this process (tests: never per recipient). */
export const mjmlRuns = (): number => runs;

export async function runMjml(source: ExpandedSource): Promise<string> {
  runs += 1;
  let result: MjmlOut;
  try {
    result = await mjmlInWorker(source.text);
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
