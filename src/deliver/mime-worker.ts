// A worker thread that builds and signs messages (see mime-threads.ts).
// Each shape's encoded bodies arrive once; then only per-recipient values.
import { parentPort, workerData } from 'node:worker_threads';
import { buildValues, framing, type DkimKey, type EncodedShape, type MessageValues } from './mime-core.js';

type Request =
  | { t: 'shape'; id: number; shape: EncodedShape }
  | { t: 'forget'; id: number }
  | { t: 'build'; req: number; id: number; v: MessageValues };

const { dkim, boundary } = workerData as { dkim: DkimKey | null; boundary: string };
const shapes = new Map<number, EncodedShape>();
const frame = framing(boundary);

parentPort?.on('message', (m: Request) => {
  if (m.t === 'shape') shapes.set(m.id, m.shape);
  else if (m.t === 'forget') shapes.delete(m.id);
  else {
    try {
      const shape = shapes.get(m.id);
      if (!shape) throw new Error(`unknown shape ${m.id}`);
      // Only the head and the encoded values go back: the main thread has the shape's text.
      parentPort?.postMessage({ req: m.req, built: buildValues(shape, m.v, frame, dkim) });
    } catch (error) {
      parentPort?.postMessage({ req: m.req, error: (error as Error).message });
    }
  }
});
