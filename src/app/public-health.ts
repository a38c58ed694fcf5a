// What GET /healthz tells anyone who asks: ok or failing, each digest's last
// slot outcome, and counts. Feed URLs, fetch errors, lease holders and
// subjects stay with `dispatch status` (and the studio), which only the
// operator can run.
import type { AppContext } from './open-context.js';
import { healthReport, type HealthReport } from './status.js';

export interface PublicHealth {
  ok: boolean;
  status: 'ok' | 'failing';
  digests: Array<{ name: string; lastRun: string | null }>;
  feeds: { total: number; failing: number };
  problems: number;
}

export function toPublicHealth(report: HealthReport): PublicHealth {
  return {
    ok: report.ok,
    status: report.ok ? 'ok' : 'failing',
    digests: report.digests.map((d) => ({ name: d.name, lastRun: d.lastRun?.status ?? null })),
    feeds: { total: report.feeds.total, failing: report.feeds.failing.length },
    problems: report.problems.length,
  };
}

export async function publicHealth(ctx: Pick<AppContext, 'config' | 'store'>, now: Date): Promise<PublicHealth> {
  return toPublicHealth(await healthReport(ctx, now));
}
