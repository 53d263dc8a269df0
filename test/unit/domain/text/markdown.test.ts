// The one Markdown table-cell escaper, used by the postmortem draft and
// `oncall timeline --md`: a note's pipes and line breaks stay inside its cell.
import { describe, expect, it } from 'vitest';
import { tableCell } from '../../../../src/domain/text/markdown.js';

describe('tableCell', () => {
  it('escapes every pipe', () => {
    expect(tableCell('a | b || c')).toBe('a \\| b \\|\\| c');
  });

  it('puts the text on one line: a break and the blanks around it become one space', () => {
    expect(tableCell('first line\nsecond')).toBe('first line second');
    expect(tableCell('first  \n   second')).toBe('first second');
    expect(tableCell('windows\r\nline')).toBe('windows line');
    expect(tableCell('a\n\n\nb')).toBe('a b');
  });

  it('leaves other text, blanks inside a line and Markdown marks alone', () => {
    expect(tableCell('`kubectl get pods`  exit 1 _(backfilled)_')).toBe(
      '`kubectl get pods`  exit 1 _(backfilled)_',
    );
    expect(tableCell('')).toBe('');
  });
});
