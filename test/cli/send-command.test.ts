// `dispatch send` finishes an unfinished edition, joining whatever process is
// sending it (rows are claimed, so nobody gets two copies), and records a
// scheduled slot as sent once nobody is left pending.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { dispatch, TEST_SECRET } from '../helpers/cli-run.js';
import { makeEditionModel } from '../helpers/store-builders.js';

describe('dispatch send', () => {
  it('resumes a scheduled edition next to another holder, takes its rows when their claim runs out, marks the slot sent', async () => {
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

      // Another process holds the digest's lease and has claimed one row,
      // then died without releasing it: send joins, mails the free row at
      // once and the claimed one when that claim runs out.
      await ctx.store.leases.acquire('digest:daily', 'other-host#1#aa', now, 60_000);
      await ctx.store.deliveries.enqueue(edition.id, now);
      const claimed = await ctx.store.deliveries.claimBatch(edition.id, 'other-host#1#aa', 1, new Date(), 1500);
      expect(claimed).toHaveLength(1);

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
