// A worker thread that runs the MIME shortcut's check (see mime-check-thread.ts).
import { parentPort } from 'node:worker_threads';
import { checkAgainstReference } from './mime-check.js';
import type { OutgoingMessage } from './outgoing-message.js';

parentPort?.on('message', (m: { req: number; msg: OutgoingMessage; built: Uint8Array }) => {
  void checkAgainstReference(m.msg, m.built).then((verdict) => parentPort?.postMessage({ req: m.req, verdict }));
});
