// Fuzzing the config loader: any file content, valid YAML of any shape or
// YAML soup, loads or fails with a ConfigError that has a message (exit 2,
// never a stack trace).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/shared/errors.js';
import { expectOwnError, fuzzRuns, soupString } from '../helpers/fuzz.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-config-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEYS = ['feeds', 'digests', 'name', 'title', 'url', 'schedule', 'timezone', 'lookback', 'maxItems', 'minItems', 'sending', 'pool', 'from', 'fetch', 'timeout', 'catalog', 'templates', 'subscribe', 'trustProxy', '<<'];
const scalar = fc.oneof(
  fc.constantFrom('0 0 31 2 *', '* * * * *', '0 7 * * 1-5', 'Europe/Berlin', 'Mars/Olympus', '24h', '-1s', 'feeds.yaml', '/etc/passwd', 'https://u:p@x/?k=1', '', null, true, 1e308, -1, 0.5),
  fc.string({ maxLength: 12 }),
  fc.integer(),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 4 })),
})).node;
const digestish = fc.record({ name: fc.oneof(fc.constant('daily'), fc.string({ maxLength: 8 })), title: scalar, schedule: scalar, timezone: scalar, lookback: scalar }, { requiredKeys: ['name'] });
const yamlText = fc.oneof(
  value.map((v) => stringify(v)),
  fc.record({ digests: fc.array(digestish, { maxLength: 2 }), feeds: fc.array(fc.record({ name: scalar, url: scalar }), { maxLength: 2 }) }, { requiredKeys: [] }).map((v) => stringify(v)),
  soupString(200),
  fc.array(fc.constantFrom('a: &a [x, x]\n', 'b: [*a, *a, *a]\n', 'c: *nope\n', '? [a]\n: b\n', '!!binary x\n', '%YAML 9.9\n---\n', 'digests:\n', '  - name: daily\n', '    title: T\n', '\t\n', 'a: b: c\n', '--- |\n', '- -\n'), { maxLength: 10 }).map((l) => l.join('')),
);

describe('fuzz: loadConfig', () => {
  it('loads or fails with a ConfigError that has a message', () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        writeFileSync(path.join(dir, 'dispatch.config.yaml'), text);
        try {
          loadConfig({ cwd: dir, env: {} });
        } catch (error) {
          expectOwnError(error);
          if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${(error as Error).name}`);
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
