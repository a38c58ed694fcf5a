// The global template set, compiled (MJML once, in its own thread). Its own
// module, apart from deliver-edition.ts, so that a process can compile before
// it loads the send path: `dispatch worker` does, and MJML's thread then sits
// on top of a smaller process (see cli/commands/worker.ts).
import type { Config } from '../config/index.js';
import { builtinTemplatesDir, compileDigest, loadTemplates, type CompiledDigest } from '../render/index.js';

export async function compileTemplates(config: Config): Promise<CompiledDigest> {
  const templates = await loadTemplates({ builtinDir: builtinTemplatesDir(), overrideDir: config.templatesDir });
  return compileDigest(templates);
}
