// `dispatch editions list | note | approve`: the review desk from the command line.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { dispatch, TEST_SECRET } from '../helpers/cli-run.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><title>Ceasefire talks resume in Doha</title><link>https://news.example.org/1</link><guid>1</guid><description>Mediators said talks will resume on Monday.</description></item>
<item><title>Parliament ratifies the treaty</title><link>https://news.example.org/2</link><guid>2</guid><description>The vote passed.</description></item>
</channel></rss>`;

describe('dispatch editions (review desk)', () => {
  it('run builds a draft; list shows it; note sets the editor\'s note; approve --now sends it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-editions-review-'));
    writeFileSync(join(dir, 'desk.xml'), RSS);
    writeFileSync(
      join(dir, 'dispatch.config.yaml'),
      'feeds:\n  - name: Desk\n    url: desk.xml\ndigests:\n  - name: daily\n    title: Daily\n    minItems: 1\n    review:\n      required: true\n      deadline: 2h\n      onMissed: skip\n',
    );
    const ctx = await openContext(loadConfig({ cwd: dir, env: { DISPATCH_SECRET: TEST_SECRET } }));
    try {
      await ctx.store.subscribers.add({ email: 'a@example.org', status: 'active', now: new Date() });
      const run = await dispatch(dir, ['run']);
      expect(run.code, run.stderr).toBe(0);
      const eml = () => readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml'));
      expect(eml()).toHaveLength(0);

      const list = await dispatch(dir, ['editions', 'list']);
      expect(list.stdout).toMatch(/draft/);
      expect(list.stdout).toMatch(/a draft due \d{4}-\d\d-\d\d \d\d:\d\d UTC \(then skipped\)/);
      expect(list.stdout).toContain('1 draft waiting for review');
      const id = JSON.parse((await dispatch(dir, ['editions', 'list', '--json'])).stdout)[0].id as number;

      writeFileSync(join(dir, 'note.md'), 'Good morning.\n\nTalks **resume** on Monday.');
      const note = await dispatch(dir, ['editions', 'note', String(id), 'note.md', '--name', 'ana']);
      expect(note.code, note.stderr).toBe(0);
      expect(note.stdout).toContain("editor's note saved");
      const edits = await ctx.store.reviews.edits(id);
      expect(edits.map((e) => [e.edit.op, e.author])).toEqual([['note', 'cli:ana']]);

      expect((await dispatch(dir, ['editions', 'note', String(id)])).code).toBe(2);
      expect((await dispatch(dir, ['editions', 'approve', 'x'])).code).toBe(2);

      const approve = await dispatch(dir, ['editions', 'approve', String(id), '--now', '--name', 'ana']);
      expect(approve.code, approve.stderr).toBe(0);
      expect(approve.stdout).toMatch(/approved by cli:ana; edition \d+ \(daily\): 1 (sent|copy written to the outbox)/);
      expect(eml()).toHaveLength(1);
      expect((await dispatch(dir, ['editions', 'approve', String(id)])).stderr).toMatch(/released .*nothing to approve/);
    } finally {
      await ctx.close();
    }
  });
});
