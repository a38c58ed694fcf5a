// Shared settings for the property-based fuzz tests (fast-check). `npm test`
// runs each property a bounded number of times (the whole fuzz set stays well
// under 30 s); `npm run fuzz` sets FUZZ_RUNS for a long run.
import fc from 'fast-check';
import { DispatchError } from '../../src/shared/errors.js';

/** Runs per property: the given default in `npm test`, FUZZ_RUNS in `npm run fuzz`. */
export function fuzzRuns(base: number): number {
  const env = Number(process.env.FUZZ_RUNS);
  return Number.isFinite(env) && env > 0 ? env : base;
}

/** A test timeout that grows with FUZZ_RUNS. */
export function fuzzTimeout(base: number): number {
  return process.env.FUZZ_RUNS ? 3_600_000 : base;
}

/** The invariant for code that may throw on bad input: only the project's own errors, each with a message. */
export function expectOwnError(error: unknown): void {
  if (!(error instanceof DispatchError)) throw new Error(`not a Dispatch error: ${String((error as Error)?.stack ?? error)}`);
  if (typeof error.message !== 'string' || error.message.trim() === '') throw new Error('a Dispatch error without a message');
}

/** Strings that mix printable ASCII, markup characters and arbitrary Unicode. */
export const soupString = (maxLength = 60) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: fc.constantFrom(...'<>&;"\'=/ #x0123456789abcdefnbsp{}:\\\n'.split('')), maxLength }),
  );
