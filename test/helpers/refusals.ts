// What a refused command shows and leaves behind, for the built bin and for
// commands run in process alike: one line on stderr (`oncall: …`), no stack,
// and nothing created.
import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import type { Result } from './cli.js';

/** One line on stderr, `oncall: …`, matching `pattern`, exit `code`, no stack. */
export function expectOneLine(r: Result, code: number, pattern: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderr).toMatch(/^oncall: [^\n]+\n$/);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** Exit 2, nothing on stdout, and one line on stderr: the one given, or one matching. */
export function expectOneLineRefusal(r: Result, line: string | RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^oncall: [^\n]*\n$/);
  const said = r.stderr.slice('oncall: '.length, -1);
  if (typeof line === 'string') expect(said).toBe(line);
  else expect(said).toMatch(line);
}

/** Every path under `dir`, relative and sorted (empty when it is missing). */
export function tree(dir: string): string[] {
  try {
    return (readdirSync(dir, { recursive: true }) as string[]).sort();
  } catch {
    return [];
  }
}
