// Server-rendered pages: Handlebars files in templates/web/ (a file of the
// same name in the config's templates folder replaces the built-in one),
// compiled once when the app is created. Every {{value}} is escaped; a
// template that asks for raw output ({{{ }}} or {{& }}) is refused at load.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { TemplateError } from '../shared/errors.js';

export const PAGE_NAMES = ['signup', 'message', 'preferences', 'editions'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

export interface PageTemplates {
  render(name: PageName, data: Record<string, unknown>): string;
  /** The stylesheet served at /style.css (the CSP forbids inline styles). */
  readonly css: string;
}

function readWebFile(name: string, dirs: readonly string[]): { source: string; file: string } {
  for (const dir of dirs) {
    const file = path.join(dir, 'web', name);
    try {
      return { source: readFileSync(file, 'utf8').replace(/\r\n?/g, '\n'), file };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new TemplateError(`page template web/${name} not found`, path.join(dirs.at(-1) ?? '.', 'web', name), null);
}

function refuseRawOutput(ast: hbs.AST.Program, file: string): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; escaped?: boolean; loc?: hbs.AST.SourceLocation } & Record<string, unknown>;
    if (n.type === 'MustacheStatement' && n.escaped === false) {
      throw new TemplateError('unescaped output ({{{ }}} or {{& }}) is not allowed in page templates', file, n.loc?.start.line ?? null);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc') visit(v);
  };
  visit(ast);
}

export function loadPageTemplates(opts: { builtinDir: string; overrideDir?: string | null }): PageTemplates {
  const dirs = opts.overrideDir ? [opts.overrideDir, opts.builtinDir] : [opts.builtinDir];
  const env = Handlebars.create();
  const compile = (name: string): HandlebarsTemplateDelegate => {
    const { source, file } = readWebFile(name, dirs);
    let ast: hbs.AST.Program;
    try {
      ast = env.parse(source);
    } catch (error) {
      throw new TemplateError(String((error as Error).message).split('\n')[0] ?? 'parse error', file, null, { cause: error });
    }
    refuseRawOutput(ast, file);
    // knownHelpersOnly: only the built-in block helpers (if, each, unless, with).
    const delegate = env.compile(ast, { knownHelpersOnly: true, strict: false });
    try {
      delegate({}); // compile now, not on the first request
    } catch {
      // data-dependent failures are fine here; syntax errors surface above
    }
    return delegate;
  };
  // The layout wraps every page through a partial block: {{#> layout}}…{{/layout}}.
  env.registerPartial('layout', compile('layout.hbs'));
  const pages = new Map<PageName, HandlebarsTemplateDelegate>(PAGE_NAMES.map((n) => [n, compile(`${n}.hbs`)]));
  const css = readWebFile('style.css', dirs).source;
  return {
    css,
    render(name, data) {
      const page = pages.get(name);
      if (!page) throw new Error(`no page template ${name}`);
      return page(data);
    },
  };
}
