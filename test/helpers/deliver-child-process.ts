// Runs a TypeScript file in a separate Node process, so a test can SIGKILL a
// real sender mid-send. Node 20 cannot strip types by itself; a small module
// hook transpiles .ts on load with the project's own TypeScript (no build
// step, no extra dependency) and maps the `.js` import specifiers our sources
// use to the `.ts` files next to them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const HOOKS = (typescriptPath: string): string => `
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
const ts = createRequire(import.meta.url)(${JSON.stringify(typescriptPath)});

export async function resolve(specifier, context, next) {
  if (specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('file:')) && context.parentURL?.endsWith('.ts')) {
    const candidate = new URL(specifier.replace(/\\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  const out = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  });
  return { format: 'module', source: out.outputText, shortCircuit: true };
}
`;

/** Writes the hook files to a fresh temp dir; returns the registration file and the dir to remove. */
function writeHooks(): { register: string; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-ts-hooks-'));
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(hooks, HOOKS(require.resolve('typescript')));
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  return { register, dir };
}

export interface TsChild {
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
  waitForLine(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnTs(file: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): TsChild {
  const hooks = writeHooks();
  const child = spawn(process.execPath, ['--import', pathToFileURL(hooks.register).href, file, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    ...(opts.env ? { env: opts.env } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let err = '';
  let partial = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const l of listeners) l();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      rmSync(hooks.dir, { recursive: true, force: true });
      resolve({ code, signal });
      for (const l of listeners) l();
    });
  });
  return {
    child,
    lines,
    stderr: () => err,
    exited,
    waitForLine(pattern) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = lines.find((l) => pattern.test(l));
          if (hit !== undefined) {
            listeners.delete(check);
            resolve(hit);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            listeners.delete(check);
            reject(new Error(`child exited before printing ${pattern}; stderr:\n${err}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
  };
}
