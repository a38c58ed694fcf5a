// Temp template folders for render tests: override dirs and broken templates.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { TemplateError } from '../../src/shared/errors.js';

const made: string[] = [];

/** A fresh folder holding `files` (name relative to the folder → contents). */
export async function makeTemplateDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dispatch-templates-'));
  made.push(dir);
  for (const [name, source] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, source);
  }
  return dir;
}

/** A copy of a templates folder (to delete a file from it, for example). */
export async function copyTemplateDir(from: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dispatch-templates-'));
  made.push(dir);
  await cp(from, dir, { recursive: true });
  return dir;
}

export async function removeTemplateDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Awaits a rejection and checks it is a TemplateError naming `file` and `line`. */
export async function expectTemplateError(
  promise: Promise<unknown>,
  file: string,
  line: number | null,
  message?: RegExp,
): Promise<TemplateError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TemplateError);
  const te = error as TemplateError;
  expect({ file: te.file, line: te.line }).toEqual({ file, line });
  expect(te.message).toContain(line == null ? file : `${file}:${line}`);
  if (message) expect(te.message).toMatch(message);
  return te;
}
