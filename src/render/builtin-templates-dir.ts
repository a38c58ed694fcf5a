import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `templates/` folder shipped with the package. This file runs from
 * `src/render/` under vitest and from `dist/src/render/` once built, so the
 * depth differs: walk up to the folder holding package.json instead.
 */
export function builtinTemplatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'templates');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package root not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
