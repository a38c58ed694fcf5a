import { describe, expect, it } from 'vitest';
import { breakerTripped, complaintLevel, deliverabilityRates, isLocalHost, sendingSafety } from '../../src/deliverability/index.js';

describe('rates and thresholds', () => {
  it('computes rates per message sent, zero when nothing was sent', () => {
    expect(deliverabilityRates({ sent: 2000, hardBounces: 10, softBounces: 4, complaints: 3 })).toEqual({
      sent: 2000, bounces: { hard: 10, soft: 4 }, complaints: 3, bounceRate: 0.005, softBounceRate: 0.002, complaintRate: 0.0015,
    });
    expect(deliverabilityRates({ sent: 0, hardBounces: 0, softBounces: 0, complaints: 0 }).complaintRate).toBe(0);
  });

  it('warns at 0.1 % and pauses at 0.3 % complaints', () => {
    expect(complaintLevel(0.00099)).toBe('ok');
    expect(complaintLevel(0.001)).toBe('warning');
    expect(complaintLevel(0.00299)).toBe('warning');
    expect(complaintLevel(0.003)).toBe('pause');
  });

  it('trips the breaker above 5 % of the first 1,000 (or of a smaller edition), never on an early few', () => {
    expect(breakerTripped({ hard: 50, deliveries: 1000 })).toBe(false);
    expect(breakerTripped({ hard: 51, deliveries: 1000 })).toBe(true);
    expect(breakerTripped({ hard: 51, deliveries: 100_000 })).toBe(true);
    expect(breakerTripped({ hard: 5, deliveries: 100_000 })).toBe(false); // 5 early bounces of a big list
    expect(breakerTripped({ hard: 2, deliveries: 40 })).toBe(false);
    expect(breakerTripped({ hard: 3, deliveries: 40 })).toBe(true);
    expect(breakerTripped({ hard: 0, deliveries: 0 })).toBe(false);
  });
});

describe('sending safety', () => {
  it('knows local hosts', () => {
    for (const h of ['localhost', 'LOCALHOST.', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '0.0.0.0']) expect(isLocalHost(h), h).toBe(true);
    for (const h of ['news.example.org', '192.0.2.1', '128.0.0.1']) expect(isLocalHost(h), h).toBe(false);
  });

  it('has nothing to say without a relay, and tells a real relay from a local one', () => {
    const sending = { from: 'Dispatch <dispatch@localhost>', unsubscribeAddress: 'unsubscribe@localhost' };
    const env = (smtpUrl: string | null) => ({ smtpUrl, publicUrl: 'http://localhost:8080' });
    expect(sendingSafety({ env: env(null), sending } as never)).toEqual({ realRelay: false, problems: [] });
    expect(sendingSafety({ env: env('smtp://relay.example.net:587'), sending } as never)).toMatchObject({ realRelay: true });
    expect(sendingSafety({ env: env('smtp://127.0.0.1:1025'), sending } as never).problems).toHaveLength(3);
  });
});
