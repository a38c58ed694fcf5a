// A full disk under the outbox: no temporary file is left behind, the reply
// names the full disk, and the outcome is temporary (the row stays pending).
// Uses a real 64 KiB tmpfs, so it runs only where mounting is allowed (root).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, formatDate } from '../../src/deliver/index.js';

const dir = mkdtempSync(join(tmpdir(), 'dispatch-full-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
  mounted = true;
} catch {
  mounted = false;
}

describe.skipIf(!mounted)('outbox on a full disk', () => {
  beforeAll(() => {
    // Fill the file system but leave a little room, so the message write starts and then fails.
    try {
      writeFileSync(join(dir, 'filler'), Buffer.alloc(60 * 1024));
    } catch {
      // already full enough
    }
  });
  afterAll(() => {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes the temporary files, says "disk full", and keeps the outcome temporary', async () => {
    const mailer = createMailer({ outboxDir: dir });
    const outcomes = [];
    for (let i = 0; i < 5; i++) {
      outcomes.push(
        await mailer.send({
          envelope: { from: 'a@example.org', to: ['b@example.org'] },
          messageId: `<m${i}@example.org>`,
          headers: [
            { name: 'From', value: 'a@example.org' },
            { name: 'To', value: 'b@example.org' },
            { name: 'Subject', value: `big ${i}` },
            { name: 'Date', value: formatDate(new Date()) },
          ],
          text: 'x'.repeat(40 * 1024),
          html: `<p>${'x'.repeat(40 * 1024)}</p>`,
        }),
      );
    }
    await mailer.close();
    for (const o of outcomes) {
      expect(o.ok).toBe(false);
      if (o.ok) continue;
      expect(o.temporary).toBe(true);
      expect(o.reply).toMatch(/disk full \(ENOSPC\)/);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
