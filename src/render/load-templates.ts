import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TemplateError } from '../shared/errors.js';
import { findIncludes } from './expand-includes.js';
import { MAIN_TEMPLATE, TEXT_TEMPLATE, type TemplateFile, type TemplateSet } from './template-set.js';

export interface LoadTemplatesOptions {
  /** The built-in templates (see builtinTemplatesDir()). */
  builtinDir: string;
  /** The config's `templates:` folder: any file found there replaces the built-in one of the same name. */
  overrideDir?: string | null;
}

/**
 * Reads the main template, every file it includes (transitively) and the text
 * template, each from overrideDir when it has that file, else from builtinDir.
 */
export async function loadTemplates(options: LoadTemplatesOptions): Promise<TemplateSet> {
  const files = new Map<string, TemplateFile>();
  const pending: Array<{ name: string; from: { path: string; line: number } | null }> = [
    { name: MAIN_TEMPLATE, from: null },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (files.has(next.name)) continue;
    const file = await readTemplate(next.name, options);
    if (!file) {
      const where = next.from ?? { path: path.join(options.builtinDir, next.name), line: null };
      throw new TemplateError(
        next.from ? `included file ${next.name} not found` : `template ${next.name} not found`,
        where.path,
        where.line,
      );
    }
    files.set(file.name, file);
    for (const tag of findIncludes(file)) pending.push({ name: tag.name, from: { path: file.path, line: tag.line } });
  }
  const text = await readTemplate(TEXT_TEMPLATE, options);
  if (text) files.set(text.name, text);
  return { files };
}

export async function readTemplate(name: string, options: LoadTemplatesOptions): Promise<TemplateFile | null> {
  const dirs = options.overrideDir ? [options.overrideDir, options.builtinDir] : [options.builtinDir];
  for (const dir of dirs) {
    const filePath = path.join(dir, ...name.split('/'));
    let source: string;
    try {
      source = await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new TemplateError(`cannot read template: ${(error as Error).message}`, filePath, null, { cause: error });
    }
    return { name, path: filePath, source: source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') };
  }
  return null;
}
