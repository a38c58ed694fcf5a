// The studio's inbox shows regular files only: a symlink planted in the
// outbox (to a secret outside it) or a FIFO is neither listed nor read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listInbox, readInboxMessage } from '../../src/preview/index.js';

const MAIL = 'From: a@example.org\r\nTo: b@example.org\r\nSubject: Real mail\r\n\r\nhello\r\n';

describe('outbox inbox', () => {
  it('refuses symlinks and anything that is not a regular file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dispatch-inbox-'));
    const outbox = path.join(root, 'outbox');
    execFileSync('mkdir', [outbox]);
    writeFileSync(path.join(root, 'secret.eml'), 'From: x@example.org\r\nSubject: TOP SECRET\r\n\r\nkey material\r\n');
    writeFileSync(path.join(outbox, 'real.eml'), MAIL);
    symlinkSync(path.join(root, 'secret.eml'), path.join(outbox, 'link.eml'));
    execFileSync('mkfifo', [path.join(outbox, 'pipe.eml')]);

    const { entries, total } = await listInbox(outbox);
    expect(entries.map((e) => e.name)).toEqual(['real.eml']);
    expect(total).toBe(1);
    expect(await readInboxMessage(outbox, 'link.eml')).toBeNull();
    expect(await readInboxMessage(outbox, 'pipe.eml')).toBeNull();
    expect((await readInboxMessage(outbox, 'real.eml'))?.subject).toBe('Real mail');
  });
});
