// A package loaded the first time it is used, synchronously. The stages'
// barrels make every import reach every module of a stage, so a sending
// process would otherwise carry, say, sanitize-html and marked (used when an
// edition is built or a note written) for its whole life: together with
// mailparser and pino-pretty, ~60 MB of RSS a `dispatch worker` never needed.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export function lazyRequire<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(name) as T);
}
