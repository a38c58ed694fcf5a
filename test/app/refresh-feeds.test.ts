// A feed seen for the first time: its back catalogue is recorded as seen, never
// offered, and "n new" counts only what an edition can use.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openContext, refreshFeeds, type AppContext } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';

const NOW = new Date('2026-11-25T12:00:00Z');

function item(i: number, hoursAgo: number): string {
  return `<item><title>Envoys meet in Oslo, round ${i}</title><link>https://news.example.org/${i}</link><guid>g${i}</guid>` +
    `<pubDate>${new Date(NOW.getTime() - hoursAgo * 3_600_000).toUTCString()}</pubDate><description>Round ${i} of talks.</description></item>`;
}

describe('refreshFeeds', () => {
  let ctx: AppContext | undefined;
  afterEach(async () => ctx?.close());

  it('records a new feed\'s back catalogue as seen and counts only offered items as new', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-refresh-'));
    writeFileSync(join(dir, 'desk.xml'), `<rss version="2.0"><channel><title>Desk</title>${[item(1, 2), item(2, 5), item(3, 72), item(4, 400)].join('')}</channel></rss>`);
    writeFileSync(join(dir, 'dispatch.config.yaml'), 'feeds:\n  - name: Desk\n    url: desk.xml\ndigests:\n  - name: daily\n    title: Daily\n    lookback: 24h\n');
    ctx = await openContext(loadConfig({ cwd: dir, env: { DISPATCH_SECRET: 'test-secret-0123456789abcdef' } }));
    const report = await refreshFeeds(ctx, { now: () => NOW });
    expect(report.newItems).toBe(2);
    expect(report.feeds[0]).toMatchObject({ status: 'ok', newItems: 2 });
    const offered = await ctx.store.items.listArrived(new Date(NOW.getTime() - 86_400_000), new Date(NOW.getTime() + 1), 100);
    expect(offered.map((i) => i.guid).sort()).toEqual(['g1', 'g2']);
    expect(await ctx.store.items.countForFeed(report.feeds[0]!.feedId)).toBe(4);
  });
});
