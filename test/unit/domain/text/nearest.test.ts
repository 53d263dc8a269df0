import { describe, expect, it } from 'vitest';
import { nearest } from '../../../../src/domain/text/nearest.js';

const COMMANDS = ['start', 'note', 'run', 'status', 'sev', 'update', 'escalate', 'handoff'];
const FLAGS = ['--hypothesis', '--ruled-out', '--finding', '--action', '--decision', '--kind'];

describe('nearest', () => {
  it('finds the name behind a slip, a swap, a cut-short word or a missing dash', () => {
    expect(nearest('nots', COMMANDS)).toEqual(['note']);
    expect(nearest('udpate', COMMANDS)).toEqual(['update']);
    expect(nearest('escalte', COMMANDS)).toEqual(['escalate']);
    expect(nearest('handof', COMMANDS)).toEqual(['handoff']);
    expect(nearest('--hypo', FLAGS)).toEqual(['--hypothesis']);
    expect(nearest('-hypothesis', FLAGS)).toEqual(['--hypothesis']);
    expect(nearest('--ruled_out', FLAGS)).toEqual(['--ruled-out']);
    expect(nearest('--ruledout', FLAGS)).toEqual(['--ruled-out']);
    expect(nearest('--Finding', FLAGS)).toEqual(['--finding']);
  });

  it('finds a short name from the word written out, only when nothing is nearer', () => {
    expect(nearest('--markdown', ['--md', '--json', '--follow'])).toEqual(['--md']);
    expect(nearest('--markdown', ['--md', '--markdowns'])).toEqual(['--markdowns']);
    expect(nearest('--mad', ['--md'])).toEqual(['--md']);
    expect(nearest('--dm', ['--md'])).toEqual(['--md']);
    expect(nearest('--message', ['--md'])).toEqual([]);
  });

  it('gives every name as near as the best, and nothing for a word too far from all', () => {
    expect(nearest('stat', COMMANDS)).toEqual(['status']);
    expect(nearest('se', ['sev', 'see'])).toEqual(['sev', 'see']);
    expect(nearest('xyzzy', COMMANDS)).toEqual([]);
    expect(nearest('--', FLAGS)).toEqual([]);
  });
});
