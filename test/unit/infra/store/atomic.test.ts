import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../../src/infra/store/atomic.js';

const folder = () => mkdtempSync(join(tmpdir(), 'oncall-atomic-'));

describe('writeFileAtomic', () => {
  it('writes text, bytes or chunks, readable by the user only', () => {
    const dir = folder();
    const chunks = ['# Draft\n', 'é → ✓\n', '', 'end\n'].map((s) => Buffer.from(s));
    writeFileAtomic(join(dir, 'a'), 'text\n');
    writeFileAtomic(join(dir, 'b'), Buffer.from('bytes\n'));
    writeFileAtomic(join(dir, 'c'), chunks.values());
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('text\n');
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('bytes\n');
    expect(readFileSync(join(dir, 'c'), 'utf8')).toBe('# Draft\né → ✓\nend\n');
    expect(statSync(join(dir, 'c')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b', 'c']);
  });

  it('chunks that fail half way leave the old file as it was and no temporary file', () => {
    const dir = folder();
    const file = join(dir, 'postmortem.md');
    writeFileSync(file, 'the edited draft\n');
    function* failing() {
      yield Buffer.from('half of a new ');
      throw new Error('render failed');
    }
    expect(() => writeFileAtomic(file, failing())).toThrow('render failed');
    expect(readFileSync(file, 'utf8')).toBe('the edited draft\n');
    expect(readdirSync(dir)).toEqual(['postmortem.md']);
  });
});
