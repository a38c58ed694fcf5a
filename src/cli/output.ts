// Where the CLI writes: results to stdout, notices and progress to stderr, so
// `--json` output stays parseable. Progress redraws one line, only on a terminal.
import type { CliIo } from './run-cli.js';

export interface Output {
  print(text: string): void;
  error(text: string): void;
  notice(text: string): void;
  json(value: unknown): void;
  progress(label: string, done: number, total: number): void;
  endProgress(): void;
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
  };
}

/** A fixed-width text table (no colours: output is often piped or mailed by cron). */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
