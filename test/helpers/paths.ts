// Where things are, from any test file at any depth: the repository root, the
// built bin, and the shared fixtures.
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'oncall');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
