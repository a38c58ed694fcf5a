// Small transactional mails (sign-up confirmation, welcome) through the same
// machinery as the digest: MJML with <mj-include> partials, run once when the
// mail is compiled; each send is one Handlebars fill. Escaping rules are the
// digest's: everything escaped (these templates have no sanitized HTML field).
import { TemplateError } from '../shared/errors.js';
import { checkMjmlTags } from './check-mjml-tags.js';
import { blankXmlComments, expandIncludes, findIncludes } from './expand-includes.js';
import { compileTemplate, createHandlebars } from './handlebars-env.js';
import { readTemplate, type LoadTemplatesOptions } from './load-templates.js';
import { checkNothingDropped, compactHtml, runMjml } from './compile-digest.js';
import { renderText } from './render-text.js';
import type { TemplateFile, TemplateSet } from './template-set.js';

export interface CompiledMail<Data extends object = Record<string, unknown>> {
  readonly name: string;
  render(data: Data): { html: string; text: string };
}

/** Reads `NAME.mjml`, the files it includes and `NAME.txt.hbs` (optional), override folder first. */
export async function loadMailTemplates(options: LoadTemplatesOptions, name: string): Promise<TemplateSet> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new TypeError(`mail template name must be kebab-case, got ${JSON.stringify(name)}`);
  const files = new Map<string, TemplateFile>();
  const pending: Array<{ name: string; from: { path: string; line: number } | null }> = [{ name: `${name}.mjml`, from: null }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (files.has(next.name)) continue;
    const file = await readTemplate(next.name, options);
    if (!file) {
      const where = next.from ?? { path: `${options.builtinDir}/${next.name}`, line: null };
      throw new TemplateError(next.from ? `included file ${next.name} not found` : `template ${next.name} not found`, where.path, where.line);
    }
    files.set(file.name, file);
    for (const tag of findIncludes(file)) pending.push({ name: tag.name, from: { path: file.path, line: tag.line } });
  }
  const text = await readTemplate(`${name}.txt.hbs`, options);
  if (text) files.set(text.name, text);
  return { files };
}

/** MJML runs here, once; render() is a synchronous Handlebars fill. */
export async function compileMail<Data extends object = Record<string, unknown>>(
  templates: TemplateSet,
  name: string,
): Promise<CompiledMail<Data>> {
  const main = templates.files.get(`${name}.mjml`);
  if (!main) throw new TemplateError(`${name}.mjml is missing from the template set`, `${name}.mjml`, null);
  const source = expandIncludes(templates, main);
  checkMjmlTags(source);
  const env = createHandlebars();
  compileTemplate(env, blankXmlComments(source.text), { origin: source.origin, escape: true });
  const mjmlHtml = await runMjml(source);
  checkNothingDropped(source, mjmlHtml);
  const html = compileTemplate(env, compactHtml(mjmlHtml), {
    origin: (line) => ({ path: `${main.path} (line ${line} of the MJML output)`, line: null }),
    escape: true,
  });
  const textFile = templates.files.get(`${name}.txt.hbs`);
  const text = textFile
    ? compileTemplate(env, textFile.source, { origin: (line) => ({ path: textFile.path, line }), escape: false })
    : null;
  return {
    name,
    render(data) {
      const filled = html(data);
      return { html: filled, text: text ? text(data) : renderText(filled) };
    },
  };
}
