// `dispatch send` finishes an unfinished edition under the digest's lease, and
// records a scheduled slot as sent once nobody is left pending.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { dispatch, TEST_SECRET } from '../helpers/cli-run.js';
import { makeEditionModel } from '../helpers/store-builders.js';

describe('dispatch send', () => {
  it('resumes a scheduled edition, marks its slot sent, and refuses while another process holds the lease', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-send-'));
    writeFileSync(join(dir, 'dispatch.config.yaml'), 'digests:\n  - name: daily\n    title: Daily\n');
    const ctx = await openContext(loadConfig({ cwd: dir, env: { DISPATCH_SECRET: TEST_SECRET } }));
    const now = new Date();
    const slot = '2026-11-25T07:00:00.000Z';
    try {
      for (const email of ['a@example.org', 'b@example.org']) await ctx.store.subscribers.add({ email, status: 'active', now });
      await ctx.store.slotRuns.start({ digest: 'daily', slot, now });
      const { edition } = await ctx.store.editions.create({
        digest: 'daily', slot, windowStart: new Date(now.getTime() - 86_400_000), windowEnd: now, subject: 'Daily', itemIds: [], model: makeEditionModel(), now,
      });
      await ctx.store.slotRuns.update({ digest: 'daily', slot, status: 'running', editionId: edition.id, now });

      await ctx.store.leases.acquire('digest:daily', 'other-host#1', now, 60_000);
      const busy = await dispatch(dir, ['send']);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain('other-host#1');
      await ctx.store.leases.release('digest:daily', 'other-host#1');

      const r = await dispatch(dir, ['send']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/2 copies written to the outbox, 0 failed/);
      expect(r.stdout).not.toMatch(/\d+ sent/); // no "2 sent … nothing is sent"
      expect(readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
      expect((await ctx.store.slotRuns.get('daily', slot))?.status).toBe('sent');
      expect((await dispatch(dir, ['send'])).stdout).toContain('nothing to send');
    } finally {
      await ctx.close();
    }
  });
});
