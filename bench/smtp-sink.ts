// Starts bench/smtp-sink-child.js as a separate process (see there for why).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SinkStats {
  accepted: number;
  /** CPU time the sink process has used so far (user + system). */
  cpuMs: number;
}

export interface SinkProcess {
  port: number;
  /** For createMailer: plain SMTP, no STARTTLS. */
  url: string;
  stats(): Promise<SinkStats>;
  close(): Promise<void>;
}

export async function startSinkProcess(): Promise<SinkProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./smtp-sink-child.js', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`SMTP sink exited early (code ${code})`)));
    child.once('message', (m) => resolve((m as { port: number }).port));
  });
  child.removeAllListeners('exit');
  return {
    port,
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    stats: () =>
      new Promise<SinkStats>((resolve) => {
        child.once('message', (m) => resolve(m as SinkStats));
        child.send('stats');
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
