// Building and signing on worker threads gives the same bytes as on one thread.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnTs } from '../helpers/deliver-child-process.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), '../helpers/deliver-mime-threads-child.ts');

describe('MIME building on worker threads', () => {
  it('produces byte-identical, DKIM-signed messages to the single-thread path', async () => {
    const env = { ...process.env };
    delete env.VITEST;
    const child = spawnTs(CHILD, [], { env });
    const line = await child.waitForLine(/^\{/);
    const exit = await child.exited;
    expect(exit.code, child.stderr()).toBe(0);
    expect(JSON.parse(line)).toEqual({ threads: 2, same: 40, of: 40, off: 0 });
  }, 60_000);
});
