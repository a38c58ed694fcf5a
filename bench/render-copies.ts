// Bench 1: personalised copies per second for a 30-item edition.
//   ours:     compileDigest once (MJML runs once), then CompiledDigest.render
//             per recipient: one Handlebars fill of the HTML and text templates.
//   baseline: what a naive sender does per recipient: mjml2html on the
//             template, Handlebars compile, fill (HTML and text part).
// Both run here, one after the other, on the same edition and recipients.
// render() is synchronous, so "ours" is one core by construction.
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { builtinTemplatesDir, compileDigest, loadTemplates, MAIN_TEMPLATE, TEXT_TEMPLATE } from '../src/render/index.js';
import type { TemplateSet } from '../src/render/index.js';
import { benchEditionModel, benchRecipient } from './edition-fixture.js';
import { fmt, since, verdict, type Row } from './report.js';

export interface RenderCopiesOptions {
  oursCopies?: number;
  baselineCopies?: number;
}

export async function renderCopiesBench(opts: RenderCopiesOptions = {}): Promise<Row[]> {
  const oursCopies = opts.oursCopies ?? 20_000;
  const baselineCopies = opts.baselineCopies ?? 30;
  const model = benchEditionModel();
  const templates = await loadTemplates({ builtinDir: builtinTemplatesDir() });

  // ---- ours ----
  const compileStart = performance.now();
  const compiled = await compileDigest(templates);
  const compileMs = since(compileStart);
  // Recipients are built before the clock starts: the bench measures the fill.
  const recipients = Array.from({ length: oursCopies }, (_, i) => benchRecipient(i + 1));
  for (let i = 0; i < 500; i++) compiled.render(model, benchRecipient(1_000_000 + i)); // JIT warm-up
  let bytes = 0;
  const oursStart = performance.now();
  for (const r of recipients) {
    const copy = compiled.render(model, r);
    // byteLength walks the whole string (flattening the joined pieces), as
    // the mailer will when it encodes the copy: the work stays measured.
    bytes += Buffer.byteLength(copy.html) + Buffer.byteLength(copy.text);
  }
  const oursMs = since(oursStart);
  const oursRate = (oursCopies / oursMs) * 1000;
  const last = compiled.render(model, benchRecipient(oursCopies));
  if (!last.html.includes(benchRecipient(oursCopies).email)) throw new Error('render bench: recipient missing from copy');

  // ---- baseline ----
  const mjmlSource = expandIncludes(templates);
  const textSource = templates.files.get(TEXT_TEMPLATE)?.source ?? '';
  // Warm-up, as for ours: MJML's lazy loads and JIT.
  for (let i = 0; i < 3; i++) await baselineCopy(mjmlSource, textSource, model, benchRecipient(-1 - i));
  const baseStart = performance.now();
  for (let i = 1; i <= baselineCopies; i++) {
    const copy = await baselineCopy(mjmlSource, textSource, model, benchRecipient(i));
    bytes += copy.html.length;
  }
  const baseMs = since(baseStart);
  const baseRate = (baselineCopies / baseMs) * 1000;
  const ratio = oursRate / baseRate;

  console.log(`  compileDigest (MJML once): ${fmt(compileMs)} ms`);
  console.log(`  ours:     ${fmt(oursCopies)} copies in ${fmt(oursMs)} ms = ${fmt(oursRate)} copies/s (${fmt(oursMs * 1000 / oursCopies, 1)} µs each)`);
  console.log(`  baseline: ${fmt(baselineCopies)} copies in ${fmt(baseMs)} ms = ${fmt(baseRate, 1)} copies/s (${fmt(baseMs / baselineCopies, 1)} ms each)`);
  console.log(`  ratio:    ${fmt(ratio)}×   (${fmt(bytes / 1e6, 0)} MB of copies produced)`);
  return [
    { bench: 'render', measure: 'ours, copies/s (1 core)', value: fmt(oursRate), target: '≥ 10,000', status: verdict(oursRate >= 10_000) },
    { bench: 'render', measure: 'baseline (mjml per copy), copies/s', value: fmt(baseRate, 1), target: '', status: '' },
    { bench: 'render', measure: 'ours / baseline', value: `${fmt(ratio)}×`, target: '≥ 200×', status: verdict(ratio >= 200) },
  ];
}

async function baselineCopy(
  mjmlSource: string,
  textSource: string,
  model: ReturnType<typeof benchEditionModel>,
  recipient: ReturnType<typeof benchRecipient>,
): Promise<{ html: string; text: string }> {
  const { html: htmlTemplate } = await mjml2html(mjmlSource, {
    validationLevel: 'soft',
    keepComments: false,
    fonts: {},
    ignoreIncludes: true,
  });
  const env = Handlebars.create();
  registerHelpers(env);
  const data = { ...model, recipient };
  return { html: env.compile(htmlTemplate)(data), text: env.compile(textSource, { noEscape: true })(data) };
}

/** The template with its <mj-include>s pasted in (the built-in partials are plain mj-* fragments). */
function expandIncludes(templates: TemplateSet): string {
  const main = templates.files.get(MAIN_TEMPLATE);
  if (!main) throw new Error(`${MAIN_TEMPLATE} missing`);
  // Comments go first: the template's header comment mentions <mj-include> itself.
  return main.source.replace(/<!--[\s\S]*?-->/g, '').replace(/<mj-include\s+path="([^"]+)"\s*\/>/g, (_, name: string) => {
    const file = templates.files.get(name);
    if (!file) throw new Error(`include ${name} missing`);
    return file.source;
  });
}

const SHORT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const LONG = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The same helpers the built-in templates call, written the plain way (no caching). */
function registerHelpers(env: typeof Handlebars): void {
  env.registerHelper('formatDate', (value: unknown, ...rest: unknown[]) =>
    (rest.length > 1 && rest[0] === 'long' ? LONG : SHORT).format(new Date(String(value))).replace(',', ''),
  );
  env.registerHelper('plural', (n: unknown, one: unknown, many: unknown) => `${Number(n)} ${Number(n) === 1 ? String(one) : String(many)}`);
  env.registerHelper('wrap', (value: unknown, ...rest: unknown[]) => {
    const width = Number(rest[0]) || 76;
    const indent = typeof rest[1] === 'string' ? rest[1] : '';
    const lines: string[] = [];
    let line = '';
    for (const word of String(value ?? '').split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(indent + line);
    return lines.join('\n');
  });
}
