import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/cli-run.js';

describe('dispatch feeds people-check', () => {
  it('lists the people-gazetteer entries checked more than a year ago and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-people-'));
    const json = await dispatch(dir, ['feeds', 'people-check', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { total: number; maxAgeDays: number; stale: Array<{ name: string; checked: string; ageDays: number }> };
    expect(report.total).toBeGreaterThan(400);
    expect(report.maxAgeDays).toBe(365);
    for (const p of report.stale) expect(p.ageDays).toBeGreaterThan(365);
    // Entries are checked on a date; whatever is older than a year today is listed.
    const yearAgo = Date.now() - 365 * 86_400_000;
    const expected = report.stale.length;
    expect(expected).toBe(report.stale.filter((p) => Date.parse(`${p.checked}T00:00:00Z`) < yearAgo).length);

    const text = await dispatch(dir, ['feeds', 'people-check']);
    expect(text.code).toBe(0);
    if (report.stale.length > 0) expect(text.stdout).toMatch(/entries in src\/tagging\/people\.json were last checked more than 365 days ago/);
    else expect(text.stdout).toMatch(/were checked in the last 365 days/);
  });
});
