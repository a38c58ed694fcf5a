// In-memory token buckets, one per key (an IP, an address). Good for one
// process: limits reset on restart and are not shared between processes; the
// hard guarantee "one confirmation mail per address per hour" lives in the
// database instead (claimConfirmationSlot). Pure: time comes in as an argument.

export interface RateLimitRule {
  /** Burst size: requests allowed at once. */
  capacity: number;
  /** Tokens added back per minute. */
  refillPerMinute: number;
}

export interface RateLimiter {
  /** Takes one token; false when the bucket is empty. */
  take(key: string, nowMs: number): boolean;
  /** Seconds until the next token for this key (for Retry-After). */
  retryAfter(key: string, nowMs: number): number;
  readonly size: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(rule: RateLimitRule, opts: { maxKeys?: number } = {}): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const maxKeys = opts.maxKeys ?? 50_000;
  const perMs = rule.refillPerMinute / 60_000;

  const refill = (b: Bucket, nowMs: number): void => {
    const elapsed = Math.max(0, nowMs - b.at);
    b.tokens = Math.min(rule.capacity, b.tokens + elapsed * perMs);
    b.at = nowMs;
  };

  // Memory stays bounded under a flood of distinct keys: full buckets carry no
  // information and go first; if that is not enough, the oldest entries go.
  const sweep = (nowMs: number): void => {
    for (const [key, b] of buckets) {
      refill(b, nowMs);
      if (b.tokens >= rule.capacity) buckets.delete(key);
    }
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  };

  return {
    take(key, nowMs) {
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) sweep(nowMs);
        b = { tokens: rule.capacity, at: nowMs };
        buckets.set(key, b);
      }
      refill(b, nowMs);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
    retryAfter(key, nowMs) {
      const b = buckets.get(key);
      if (!b) return 0;
      refill(b, nowMs);
      return b.tokens >= 1 ? 0 : Math.ceil((1 - b.tokens) / perMs / 1000);
    },
    get size() {
      return buckets.size;
    },
  };
}
