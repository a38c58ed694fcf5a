// Where the CLI writes: results to stdout, notices and progress to stderr, so
// `--json` output stays parseable. Progress redraws one line, only on a terminal.
import { Writable } from 'node:stream';
import type { CliIo } from './run-cli.js';

export interface Output {
  print(text: string): void;
  error(text: string): void;
  notice(text: string): void;
  json(value: unknown): void;
  progress(label: string, done: number, total: number): void;
  endProgress(): void;
  /** The stream notices go to (stderr), for structured logs. */
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export function createOutput(io: Pick<CliIo, 'stdout' | 'stderr'>): Output {
  const tty = Boolean(io.stderr.isTTY);
  let drawing = false;
  const clear = () => {
    if (drawing) {
      io.stderr.write('\r\x1b[2K');
      drawing = false;
    }
  };
  return {
    print: (text) => {
      clear();
      io.stdout.write(text.endsWith('\n') ? text : text + '\n');
    },
    error: (text) => {
      clear();
      io.stderr.write(text.endsWith('\n') ? text : text + '\n');
    },
    notice: (text) => {
      clear();
      io.stderr.write(`note: ${text}\n`);
    },
    json: (value) => {
      clear();
      io.stdout.write(JSON.stringify(value, null, 2) + '\n');
    },
    progress: (label, done, total) => {
      if (!tty) return;
      const width = 24;
      const filled = total ? Math.round((done / total) * width) : 0;
      io.stderr.write(`\r\x1b[2K${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      drawing = true;
    },
    endProgress: clear,
    stderr: Object.assign(
      new Writable({
        // Log lines clear a progress bar first, like every other stderr line.
        write(chunk: Buffer | string, _enc, done) {
          clear();
          io.stderr.write(chunk, done);
        },
      }),
      { isTTY: tty },
    ),
  };
}

/** A fixed-width text table (no colours: output is often piped or mailed by cron). */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** "1 feed", "2 feeds", "1 story" / "3 stories" (pass the plural when it is not word + "s"). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
