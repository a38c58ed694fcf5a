// `dispatch preview` as help and parsing know it; preview.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const previewSpec: CommandSpec = {
  name: 'preview',
  summary: 'render the next edition without sending or storing it (preview studio on 127.0.0.1)',
  options: [
    { flags: '--digest <NAME>', description: 'which digest (default: the first)' },
    { flags: '--out <FILE>', description: 'write the HTML of the sample copy to FILE instead of starting the studio' },
    { flags: '--port <N>', description: 'studio port (default 4000)' },
    { flags: '--send-test <ADDRESS>', description: 'mail the previewed copy once, subject prefixed "[TEST] "' },
    { flags: '--edition <ID>', description: 'with --send-test: a stored edition instead of the next one' },
    { flags: '--subscriber <EMAIL>', description: "with --send-test: that subscriber's own copy and links" },
  ],
  examples: [
    'dispatch preview',
    'dispatch preview --digest weekly --port 4001',
    'dispatch preview --out next.html',
    'dispatch preview --json',
    'dispatch preview --send-test you@example.org --edition 12',
  ],
  run: runLazily(async () => (await import('./preview.js')).previewCommand),
};
