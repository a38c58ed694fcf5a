// Runs the real `dispatch` command line as a child process with an
// environment of its own, for tests that kill or signal it. The sources are
// transpiled once per test file into node_modules/.cache (type-stripping
// only, the project's own TypeScript), so each child loads plain JavaScript:
// starting four children that each transpile the whole CLI on load (the
// module-hook way of deliver-child-process.ts) takes minutes on a busy machine.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { TsChild } from './deliver-child-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let built: string | null = null;

function transpileTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = path.join(from, name);
    if (statSync(src).isDirectory()) {
      transpileTree(src, path.join(to, name));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      const out = ts.transpileModule(readFileSync(src, 'utf8'), {
        fileName: src,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
      });
      writeFileSync(path.join(to, name.replace(/\.ts$/, '.js')), out.outputText);
    } else if (name.endsWith('.json')) {
      // Data imported as JSON modules (the people gazetteer) goes along as it is.
      copyFileSync(src, path.join(to, name));
    }
  }
}

/** The transpiled CLI entry (src/cli/main.js), built on first use. */
export function transpiledCli(): string {
  if (!built) {
    const dir = path.join(ROOT, 'node_modules', '.cache', `dispatch-test-cli-${process.pid}-${Date.now().toString(36)}`);
    transpileTree(path.join(ROOT, 'src'), path.join(dir, 'src'));
    built = path.join(dir, 'src', 'cli', 'main.js');
  }
  return built;
}

export function spawnDispatch(cwd: string, args: string[], env: Record<string, string>): TsChild {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  const child = spawn(process.execPath, [transpiledCli(), ...args], { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  let partial = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const l of listeners) l();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      if (partial) lines.push(partial);
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

/** A DISPATCH_DATABASE_URL naming the same database as a test store's open options. */
export function databaseUrlFor(openOptions: { url?: string | null; dataDir?: string; schema?: string }): string {
  if (openOptions.url && openOptions.schema) {
    const u = new URL(openOptions.url);
    u.searchParams.set('options', `-c search_path=${openOptions.schema}`);
    return u.toString();
  }
  if (openOptions.url) return openOptions.url;
  return `sqlite:${path.join(openOptions.dataDir ?? './data', 'dispatch.sqlite')}`;
}
