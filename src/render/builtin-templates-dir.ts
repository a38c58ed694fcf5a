import path from 'node:path';
import { packageRoot } from '../shared/package-root.js';

/** The `templates/` folder shipped with the package. */
export function builtinTemplatesDir(): string {
  return path.join(packageRoot(), 'templates');
}
