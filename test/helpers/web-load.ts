// A bounded autocannon run against POST /subscribe (loopback). autocannon has
// no type declarations; the few fields used here are typed locally.
import { createRequire } from 'node:module';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number | string }>;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface SignupLoadResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  timeouts: number;
  byStatus: Record<string, number>;
}

/** POSTs sign-ups cycling over `addresses` distinct addresses, for `seconds` (≤ 5). */
export async function runSignupLoad(url: string, opts: { seconds: number; connections: number; addresses: number }): Promise<SignupLoadResult> {
  let n = 0;
  const r = await autocannon({
    url: `${url}/subscribe`,
    duration: Math.min(5, opts.seconds),
    connections: opts.connections,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: `email=load${n++ % opts.addresses}%40example.org&regions=europe` }),
      },
    ],
  });
  const byStatus: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) byStatus[code] = Number(s.count);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, errors: r.errors, timeouts: r.timeouts, byStatus };
}
