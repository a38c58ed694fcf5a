// Graceful shutdown for the long-running commands. Its own module, not part of
// start-scheduler.ts, so that `dispatch worker`, `run` and `send` can have it
// without loading the scheduler and everything the scheduler runs.

/**
 * An AbortSignal for graceful shutdown: the first SIGTERM/SIGINT aborts it
 * (stop claiming work, finish the message in flight, release leases); a
 * second one exits at once for an operator who means it. For `dispatch serve`,
 * `dispatch run`, `dispatch send` and `dispatch worker`.
 */
export function shutdownSignal(
  opts: { signals?: NodeJS.Signals[]; onSignal?: (signal: NodeJS.Signals, second: boolean) => void } = {},
): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const signals = opts.signals ?? ['SIGTERM', 'SIGINT'];
  const handler = (sig: NodeJS.Signals): void => {
    const second = controller.signal.aborted;
    opts.onSignal?.(sig, second);
    if (second) process.exit(130);
    controller.abort(new Error(`received ${sig}`));
  };
  for (const s of signals) process.on(s, handler);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const s of signals) process.off(s, handler);
    },
  };
}
