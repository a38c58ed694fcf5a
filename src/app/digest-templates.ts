// Each digest's template set, compiled once: `digests[].templates: DIR`
// overrides the global `templates:` folder for that digest (files missing
// there come from the built-in set), so a weekly digest can look different.
// Digests that share a folder share one compile; MJML runs once per folder.
import type { Config } from '../config/index.js';
import { builtinTemplatesDir, compileDigest, loadTemplates, type CompiledDigest } from '../render/index.js';

export interface DigestTemplates {
  /** The compiled templates of this digest (compiled on first use, then reused). */
  forDigest(digest: string): Promise<CompiledDigest>;
  /** The folder a digest's files override the built-in ones from (null = built-in only). */
  folderOf(digest: string): string | null;
}

export function createDigestTemplates(config: Pick<Config, 'digests' | 'templatesDir'>): DigestTemplates {
  const byFolder = new Map<string, Promise<CompiledDigest>>();
  const folderOf = (digest: string): string | null =>
    config.digests.find((d) => d.name === digest)?.templatesDir ?? config.templatesDir ?? null;
  return {
    folderOf,
    forDigest(digest) {
      const dir = folderOf(digest);
      const key = dir ?? '';
      let compiled = byFolder.get(key);
      if (!compiled) {
        compiled = loadTemplates({ builtinDir: builtinTemplatesDir(), overrideDir: dir }).then(compileDigest);
        // A failed compile is not cached: the next call tries again (files may be fixed).
        compiled.catch(() => byFolder.delete(key));
        byFolder.set(key, compiled);
      }
      return compiled;
    },
  };
}
